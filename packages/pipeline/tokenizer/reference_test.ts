import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createTokenizer, rulesFor } from "./create.ts";
import { Tokenizer } from "./tokenizer.ts";
import type { TokenizerRules } from "./types.ts";
import { tokenF } from "./token_f.ts";
import { parseConllu } from "../readers/conllu.ts";

interface Case {
  lang: string;
  text: string;
  words: string[];
  spaces: boolean[];
}

// spaCy 3.8 blank("en") / blank("fr") on the same texts (testdata/spacy_token_f.py --reference).
const reference = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/spacy_reference.json", import.meta.url)),
) as { cases: Case[] };
const spacyScores = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/spacy_token_f.json", import.meta.url)),
) as { scores: Record<string, { f: number }> };

// Where Weft deliberately differs from spaCy (it follows the UD treebanks instead):
// runs of "!?*" stay whole, phone numbers and "e-mail"-style bound prefixes stay whole,
// and French hours split ("14h30" -> "14", "h", "30").
const deliberate = /!!|\?!|\*\*|e-mail|\d{3}-\d{4}|\dh/;

Deno.test("Tokenizer matches spaCy's tokenization on the reference texts", async (t) => {
  const tokenizers = { en: createTokenizer("en"), fr: createTokenizer("fr") };
  let same = 0;
  for (const c of reference.cases) {
    const ours = tokenizers[c.lang as "en" | "fr"].call(c.text);
    if (deliberate.test(c.text)) continue;
    await t.step(JSON.stringify(c.text).slice(0, 60), () => {
      assert.deepEqual({ words: ours.words, spaces: ours.spaces }, {
        words: c.words,
        spaces: c.spaces,
      });
    });
    same++;
  }
  assert.ok(same >= reference.cases.length - 6);
});

Deno.test("Tokenizer given spaCy's own English rules reproduces spaCy exactly", () => {
  // testdata/spacy_rules.py exports spaCy 3.8's English prefixes, suffixes, infixes, special
  // cases and URL pattern; with them, the algorithm alone decides, and must agree everywhere.
  const { rules } = JSON.parse(
    Deno.readTextFileSync(new URL("./testdata/spacy_en_rules.json", import.meta.url)),
  ) as { rules: TokenizerRules };
  const tokenizer = Tokenizer.fromJSON(rules);
  const cases = reference.cases.filter((c) => c.lang === "en");
  assert.ok(cases.length > 30);
  for (const c of cases) {
    const { words, spaces } = tokenizer.call(c.text);
    assert.deepEqual({ words, spaces }, { words: c.words, spaces: c.spaces }, c.text);
  }
});

const data = new URL("../../../../shared/data/", import.meta.url).pathname;

for (
  const [file, lang] of [
    ["ud-english-ewt/en_ewt-ud-dev.conllu", "en"],
    ["ud-english-ewt/en_ewt-ud-train.conllu", "en"],
    ["ud-french-sequoia/fr_sequoia-ud-dev.conllu", "fr"],
    ["ud-french-sequoia/fr_sequoia-ud-train.conllu", "fr"],
  ] as const
) {
  Deno.test({
    name: `createTokenizer('${lang}') scores a higher token F than spaCy on ${file}`,
    ignore: !existsSync(data + file),
    fn() {
      const records = parseConllu(Deno.readTextFileSync(data + file), { file });
      const score = tokenF(createTokenizer(lang), records);
      assert.equal(score.skipped, 0);
      const spacy = spacyScores.scores[file]?.f ?? 1;
      assert.ok(score.f > spacy, `token F ${score.f} <= spaCy's ${spacy}`);
      assert.ok(score.f > 0.985, `token F ${score.f}`);
    },
  });
}

Deno.test("tokenF() scores the committed UD slices against gold tokens", () => {
  for (
    const [name, lang, min] of [["en_ewt-ud-dev-slice.conllu", "en", 0.98], [
      "fr_sequoia-ud-dev-slice.conllu",
      "fr",
      0.98,
    ]] as const
  ) {
    const path = new URL(`../readers/testdata/${name}`, import.meta.url);
    const records = parseConllu(Deno.readTextFileSync(path), { file: name });
    const score = tokenF(createTokenizer(lang), records);
    assert.ok(score.f >= min && score.f <= 1, `${name}: ${score.f}`);
  }
});

Deno.test("tokenF() counts a split as errors in precision and recall (hand-computed)", () => {
  // Gold: "Hello" "world" "." ; a tokenizer that glues "world." gets 1 of 2 predicted right
  // and 1 of 3 gold tokens: P = 1/2, R = 1/3, F = 2PR/(P+R) = 0.4.
  const records = parseConllu(
    "# text = Hello world.\n1\tHello\t_\tX\t_\t_\t0\troot\t_\t_\n2\tworld\t_\tX\t_\t_\t1\tdep\t_\tSpaceAfter=No\n3\t.\t_\tX\t_\t_\t1\tdep\t_\t_\n",
  );
  const score = tokenF(new Tokenizer({ ...rulesFor("xx"), suffixes: [] }), records);
  assert.ok(Math.abs(score.p - 0.5) < 1e-12);
  assert.ok(Math.abs(score.r - 1 / 3) < 1e-12);
  assert.ok(Math.abs(score.f - 0.4) < 1e-12);
});
