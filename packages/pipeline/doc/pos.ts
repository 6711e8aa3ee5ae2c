/**
 * The Universal POS tags that `pos` annotations may take.
 *
 * @module
 */

/** The coarse-grained part-of-speech tags spaCy accepts (Universal Dependencies v2). */
export const UNIVERSAL_POS: ReadonlySet<string> = new Set([
  "ADJ",
  "ADP",
  "ADV",
  "AUX",
  "CONJ",
  "CCONJ",
  "DET",
  "INTJ",
  "NOUN",
  "NUM",
  "PART",
  "PRON",
  "PROPN",
  "PUNCT",
  "SCONJ",
  "SYM",
  "VERB",
  "X",
  "EOL",
  "SPACE",
]);
