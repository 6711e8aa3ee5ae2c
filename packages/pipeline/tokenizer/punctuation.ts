/**
 * The language-independent prefix, suffix and infix patterns.
 *
 * @module
 */

import {
  ALPHA,
  ALPHA_LOWER,
  ALPHA_UPPER,
  CURRENCY,
  escapeRegex,
  HYPHENS,
  ICONS,
  PUNCT,
  PUNCT_ITEMS,
  QUOTE_CHARS,
  QUOTES,
  UNITS,
} from "./char_classes.ts";

const punct = PUNCT_ITEMS.map(escapeRegex);
const quotes = QUOTE_CHARS.map(escapeRegex);
const ellipses = ["\\.\\.+", "…"];

/**
 * Runs of repeated symbols stay one token ("!!!", "?!", ".?", "***", "=====", "$$$", "<<"),
 * and so do doubled quote marks ("''", "‘‘", "’’", "``").
 */
const DOUBLE_QUOTES = "''|‘‘|’’|‘’|``";
const RUNS =
  "(?=[.!?]{2})\\.*[!?][.!?]*|_{2,}|={2,}|\\*{2,}|#{2,}|~{2,}|<{2,}|>{2,}|\\+{2,}|\\${2,}|\\^{2,}";
/** Temperatures are units, not a symbol plus a letter ("37 °C"). */
const DEGREES = "°[CFK](?![${ALPHA}])";

/** Words with an optional ending in brackets, kept whole: "friend(s)", "AUTRE(S)". */
export const WORD_PLURAL: string = `[${ALPHA}]+\\([${ALPHA}]{1,3}\\)[${ALPHA}]*`;

/** Patterns split off the start of a token, in priority order. */
export const BASE_PREFIXES: string[] = [
  RUNS,
  DOUBLE_QUOTES,
  "§",
  "%",
  "=",
  "—",
  "–",
  "\\+(?![0-9])",
  DEGREES,
  // A dash glued to the start of a word ("-non experts-", "--Bob").
  `-{1,3}(?=[${ALPHA}])`,
  "-{2,}",
  ...punct,
  ...ellipses,
  ...quotes,
  CURRENCY,
  ICONS,
];

/** Patterns split off the end of a token. */
export const BASE_SUFFIXES: string[] = [
  RUNS,
  DOUBLE_QUOTES,
  `(?<=[0-9])${DEGREES}`,
  // A dash glued to the end of a word ("experts-", "speech--").
  `(?<=[${ALPHA}])-{1,3}`,
  ...punct,
  ...ellipses,
  ...quotes,
  ICONS,
  "'s",
  "'S",
  "’s",
  "’S",
  "—",
  "–",
  "(?<=[0-9])\\+",
  // "25°C." -> "25°C", "."
  "(?<=°[FfCcKk])\\.",
  "(?<=[0-9])(?:" + CURRENCY + ")",
  "(?<=[0-9])(?:" + UNITS + ")",
  // A final period splits after lowercase letters, digits, %, ², -, +, quotes and punctuation
  // ("cats." "5." "50%."), but not after one capital ("J.") so initials stay whole.
  `(?<=[0-9${ALPHA_LOWER}%²\\-+${QUOTES}${PUNCT}])\\.`,
  // ... and after two capitals ("USA." -> "USA", ".").
  `(?<=[${ALPHA_UPPER}][${ALPHA_UPPER}])\\.`,
  // ... and after a lowercase letter and a capital ("5 dL." -> "dL", ".").
  `(?<=[${ALPHA_LOWER}][${ALPHA_UPPER}])\\.`,
];

/** Patterns that split tokens inside (hyphens between letters, "a.B", "x,y", "a/b"). */
export const BASE_INFIXES: string[] = [
  ...ellipses,
  // Closing then opening brackets ("file.pdf)(See").
  "[)\\]}](?=[(\\[{])",
  ICONS,
  "(?<=[0-9])[+\\-*^](?=[0-9\\-])",
  `(?<=[${ALPHA_LOWER}${QUOTES}])\\.(?=[${ALPHA_UPPER}${QUOTES}])`,
  `(?<=[${ALPHA}]),(?=[${ALPHA}])`,
  `(?<=[${ALPHA}])(?:${HYPHENS})(?=[${ALPHA}])`,
  `(?<=[${ALPHA}0-9])[:<>=/](?=[${ALPHA}])`,
];
