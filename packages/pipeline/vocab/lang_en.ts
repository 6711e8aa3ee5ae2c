/**
 * English lexical data: spaCy's English stop words, number words for `like_num`,
 * and norm exceptions (contraction pieces and common spelling variants).
 *
 * @module
 */
import type { LanguageData } from "./lang_data.ts";
import { isDigit, likeNum } from "./lex_attrs.ts";

const STOP_WORDS_TEXT = `
a about above across after afterwards again against all almost alone along already also
although always am among amongst amount an and another any anyhow anyone anything anyway
anywhere are around as at back be became because become becomes becoming been before
beforehand behind being below beside besides between beyond both bottom but by call can
cannot ca could did do does doing done down due during each eight either eleven else
elsewhere empty enough even ever every everyone everything everywhere except few fifteen
fifty first five for former formerly forty four from front full further get give go had
has have he hence her here hereafter hereby herein hereupon hers herself him himself his
how however hundred i if in indeed into is it its itself keep last latter latterly least
less just made make many may me meanwhile might mine more moreover most mostly move much
must my myself name namely neither never nevertheless next nine no nobody none noone nor
not nothing now nowhere of off often on once one only onto or other others otherwise our
ours ourselves out over own part per perhaps please put quite rather re really regarding
same say see seem seemed seeming seems serious several she should show side since six
sixty so some somehow someone something sometime sometimes somewhere still such take ten
than that the their them themselves then thence there thereafter thereby therefore
therein thereupon these they third this those though three through throughout thru thus
to together too top toward towards twelve twenty two under until up unless upon us used
using various very via was we well were what whatever when whence whenever where
whereafter whereas whereby wherein whereupon wherever whether which while whither who
whoever whole whom whose why will with within without would yet you your yours yourself
yourselves`;

const CONTRACTIONS = ["n't", "'d", "'ll", "'m", "'re", "'s", "'ve"];

function stopWords(): Set<string> {
  const words = new Set(STOP_WORDS_TEXT.split(/\s+/).filter((w) => w.length > 0));
  for (const c of CONTRACTIONS) {
    words.add(c);
    words.add(c.replace("'", "\u2018"));
    words.add(c.replace("'", "\u2019"));
  }
  return words;
}

const NUM_WORDS = new Set(
  ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy " +
    "eighty ninety hundred thousand million billion trillion quadrillion quintillion " +
    "sextillion septillion octillion nonillion decillion gajillion bazillion").split(" "),
);
const ORDINAL_WORDS = new Set(
  ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth " +
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth " +
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth " +
    "thousandth millionth billionth trillionth quadrillionth quintillionth sextillionth " +
    "septillionth octillionth nonillionth decillionth gajillionth bazillionth").split(" "),
);

/**
 * English `like_num`: the generic rule, number and ordinal words, and digits with
 * an ordinal suffix ("21st").
 *
 * @param text the string
 * @returns whether it resembles a number
 * @example Number words and ordinals
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeNumEn } from "@weft/pipeline";
 * assert.equal(likeNumEn("Twenty"), true);
 * assert.equal(likeNumEn("21st"), true);
 * assert.equal(likeNumEn("tenant"), false);
 * ```
 */
export function likeNumEn(text: string): boolean {
  if (likeNum(text)) return true;
  let t = /^[+\-±~]/.test(text) ? text.slice(1) : text;
  t = t.replaceAll(",", "").replaceAll(".", "").toLowerCase();
  if (NUM_WORDS.has(t) || ORDINAL_WORDS.has(t)) return true;
  return /(st|nd|rd|th)$/.test(t) && isDigit(t.slice(0, -2));
}

const NORMS: Record<string, string> = {
  "n't": "not",
  "n\u2019t": "not",
  "'re": "are",
  "\u2019re": "are",
  "'ll": "will",
  "\u2019ll": "will",
  "'ve": "have",
  "\u2019ve": "have",
  "'m": "am",
  "\u2019m": "am",
  "\u2019s": "'s",
  "\u2019d": "'d",
  "cause": "because",
  "'cause": "because",
  "cos": "because",
  "cuz": "because",
  "gonna": "going to",
  "gotta": "got to",
  "wanna": "want to",
  "ok": "okay",
  "colour": "color",
  "favour": "favor",
  "favourite": "favorite",
  "honour": "honor",
  "labour": "labor",
  "neighbour": "neighbor",
  "organisation": "organization",
  "realise": "realize",
  "centre": "center",
  "theatre": "theater",
  "defence": "defense",
  "licence": "license",
  "travelling": "traveling",
  "grey": "gray",
};

/** spaCy's English lexical data. */
export const ENGLISH: LanguageData = {
  lang: "en",
  stopWords: stopWords(),
  likeNum: likeNumEn,
  normExceptions: NORMS,
};
