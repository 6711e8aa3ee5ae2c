/**
 * French tokenizer rules: elision (`l'`, `d'`, `qu'`, `jusqu'`), clitic pronouns after
 * hyphens (`dit-il`, `a-t-elle`), hyphenated compounds kept whole.
 *
 * @module
 */

import { ALPHA } from "./char_classes.ts";
import { BASE_INFIXES, BASE_PREFIXES, BASE_SUFFIXES } from "./punctuation.ts";
import type { SpecialToken } from "./types.ts";

const ELISION = "'’";

// Words that elide their vowel before a vowel: "l'", "d'", "qu'il", "jusqu'à".
const ELIDED = [
  "c",
  "d",
  "j",
  "l",
  "m",
  "n",
  "s",
  "t",
  "qu",
  "jusqu",
  "lorsqu",
  "puisqu",
  "quoiqu",
  "quelqu",
];

function anyCase(word: string): string {
  return [...word].map((ch) => `[${ch}${ch.toUpperCase()}]`).join("");
}

/** The elision prefix: an elided word and its apostrophe, before a letter. */
export const FR_ELISION_PREFIX: string = `(?:${
  ELIDED.map(anyCase).join("|")
})[${ELISION}](?=[${ALPHA}"«“])`;

// Subject and object clitics written after the verb with a hyphen ("viendra-t-il", "dis-moi").
const CLITICS = [
  "je",
  "tu",
  "il",
  "elle",
  "on",
  "nous",
  "vous",
  "ils",
  "elles",
  "ce",
  "en",
  "y",
  "moi",
  "toi",
  "le",
  "la",
  "les",
  "lui",
  "leur",
  "là",
  "clés",
];

/** The clitic suffix: `-il`, `-t-elle`, `-moi` after a letter, at the end of a word. */
export const FR_CLITIC_SUFFIX: string = `(?<=[${ALPHA}])-(?:t-)?(?:${
  CLITICS.map(anyCase).join("|")
})`;

/** French prefixes: the base ones plus elision. */
export const FR_PREFIXES: string[] = [...BASE_PREFIXES, FR_ELISION_PREFIX];

/** French suffixes: the base ones plus hyphenated clitics. */
export const FR_SUFFIXES: string[] = [...BASE_SUFFIXES, FR_CLITIC_SUFFIX, "(?<=[0-9])h"];

/**
 * French infixes: the base ones without the letter-hyphen-letter split (compounds such as
 * "peut-être" or "Jean-Claude" are single words in French treebanks), and without splitting
 * dates and numbers on hyphens ("2006-08-07").
 */
export const FR_INFIXES: string[] = BASE_INFIXES
  .filter((p) => !p.includes("(?=[0-9\\-])") && !p.includes("-|–"))
  .concat([`(?<=[0-9])[+*^](?=[0-9])`, "(?<=[0-9])h(?=[0-9])"]);

/** Words with an apostrophe or hyphen that stay whole in French. */
export const FR_WORDS: string[] = [
  "aujourd'hui",
  "Aujourd'hui",
  "aujourd’hui",
  "Aujourd’hui",
  "quelqu'un",
  "Quelqu'un",
  "quelqu'une",
  "quelqu’un",
  "prud'homme",
  "prud'hommes",
  "presqu'île",
  "l'on",
  "L'on",
  "l’on",
  "L’on",
  "rendez-vous",
  "Rendez-vous",
  "vis-à-vis",
  "Vis-à-vis",
  "c.-à-d.",
  "M.",
  "MM.",
  "Mme",
  "Mmes",
  "Mlle",
  "Dr.",
  "St.",
  "Ste.",
  "etc.",
  "cf.",
  "p.",
  "pp.",
  "av.",
  "apr.",
  "J.-C.",
  "c-à-d.",
  "Vol.",
  "No.",
  "jusque-là",
  "Jusque-là",
  "celui-là",
  "celle-là",
  "ceux-là",
  "celles-là",
  "n°",
  "N°",
];

/**
 * Builds the French special cases.
 *
 * @returns Words kept whole (abbreviations, "aujourd'hui", "c'est-à-dire").
 */
export function frenchSpecialCases(): Record<string, SpecialToken[]> {
  const out: Record<string, SpecialToken[]> = {};
  for (const w of FR_WORDS) out[w] = [{ orth: w }];
  for (const w of ["c'est-à-dire", "C'est-à-dire", "c’est-à-dire"]) out[w] = [{ orth: w }];
  return out;
}
