/**
 * English tokenizer exceptions: contractions, abbreviations and times, generated from
 * small tables rather than listed one by one.
 *
 * @module
 */

import type { SpecialToken } from "./types.ts";
import { EN_ABBREVIATIONS } from "./en_abbreviations.ts";

type Table = Record<string, SpecialToken[]>;
type Piece = [orth: string, norm?: string | undefined];

function add(table: Table, key: string, tokens: SpecialToken[]): void {
  table[key] = tokens;
}

/** Adds a case-variant (lower, Title, UPPER) of a multi-token exception. */
function addCased(table: Table, pieces: Array<Piece>, skip: Set<string>): void {
  const variants: Array<(s: string, first: boolean) => string> = [
    (s) => s,
    (s, first) => (first ? s.charAt(0).toUpperCase() + s.slice(1) : s),
    (s) => s.toUpperCase(),
  ];
  for (const variant of variants) {
    const tokens = pieces.map(([orth, norm], i): SpecialToken => {
      const text = variant(orth, i === 0);
      return norm === undefined ? { orth: text } : { orth: text, norm };
    });
    const key = tokens.map((t) => t.orth).join("");
    if (!skip.has(key.toLowerCase()) && !skip.has(key)) add(table, key, tokens);
  }
}

// Words that look like apostrophe-less contractions but are ordinary words.
const REAL_WORDS = new Set([
  "ill",
  "its",
  "hell",
  "shell",
  "shed",
  "were",
  "well",
  "whore",
  "wed",
  "id",
  "hes",
  "shes",
  "lets",
]);

const PRONOUNS = ["i", "you", "he", "she", "it", "we", "they"];
const WH_WORDS = ["who", "what", "when", "where", "why", "how", "there", "that", "this"];

// Verb stems that take n't, with the stem's norm ("ca" + "n't" is "can't").
const NEGATABLE: Array<[string, string]> = [
  ["do", "do"],
  ["does", "does"],
  ["did", "did"],
  ["had", "had"],
  ["has", "has"],
  ["have", "have"],
  ["is", "is"],
  ["are", "are"],
  ["was", "was"],
  ["were", "were"],
  ["could", "could"],
  ["would", "would"],
  ["should", "should"],
  ["might", "might"],
  ["must", "must"],
  ["need", "need"],
  ["dare", "dare"],
  ["ought", "ought"],
  ["ca", "can"],
  ["wo", "will"],
  ["sha", "shall"],
  ["ai", "be"],
];

const MODALS_WITH_HAVE = ["could", "would", "should", "might", "must"];

/**
 * Builds the English special cases.
 *
 * @returns A fresh table: contractions ("don't" -> "do", "n't"; "I'm" -> "I", "'m"; with and
 *   without the apostrophe, straight and curly), abbreviations, `gonna`-style words and times
 *   ("5pm" -> "5", "pm").
 */
export function englishSpecialCases(): Table {
  const table: Table = {};
  const apos = (pieces: Array<Piece>) => {
    // Straight, curly and apostrophe-less spellings of the same contraction.
    const curly = pieces.map(([o, n]): Piece => [o.replace(/'/g, "’"), n]);
    const bare = pieces.map(([o, n]): Piece => [o.replace(/'/g, ""), n]).filter(([o]) => o !== "");
    addCased(table, pieces, new Set());
    addCased(table, curly, new Set());
    if (bare.length === pieces.length) addCased(table, bare, REAL_WORDS);
  };
  const clitics: Record<string, [string, string]> = {
    "'m": ["'m", "am"],
    "'ll": ["'ll", "will"],
    "'re": ["'re", "are"],
    "'ve": ["'ve", "have"],
    "'d": ["'d", "'d"],
    "'s": ["'s", "'s"],
  };
  apos([["i"], ["'m", "am"]]);
  apos([["i"], ["'m", "am"], ["a", "gonna"]]);
  for (const pron of [...PRONOUNS, ...WH_WORDS]) {
    for (const c of ["'ll", "'d", "'ve", "'re"]) {
      if (c === "'re" && ["i", "he", "she", "it"].includes(pron)) continue;
      const [orth, norm] = clitics[c] as [string, string];
      apos([[pron], [orth, norm]]);
    }
    apos([[pron], ["'d", "'d"], ["'ve", "have"]]);
    apos([[pron], ["'ll", "will"], ["'ve", "have"]]);
  }
  for (const [stem, norm] of NEGATABLE) {
    apos([[stem, norm], ["n't", "not"]]);
    apos([[stem, norm], ["n't", "not"], ["'ve", "have"]]);
  }
  for (const modal of MODALS_WITH_HAVE) apos([[modal], ["'ve", "have"]]);
  addCased(table, [["can"], ["not"]], new Set());
  addCased(table, [["gon", "going"], ["na", "to"]], new Set());
  addCased(table, [["got"], ["ta", "to"]], new Set());
  addCased(table, [["wan", "want"], ["na", "to"]], new Set());
  addCased(table, [["out"], ["ta", "of"]], new Set());
  addCased(table, [["kind"], ["a", "of"]], new Set());
  addCased(table, [["sort"], ["a", "of"]], new Set());
  addCased(table, [["lot"], ["ta", "of"]], new Set());
  addCased(table, [["let"], ["'s", "us"]], new Set());
  // "'s" forms written without the apostrophe ("whats", "thats"); "its", "hes", "lets" are words.
  for (const word of ["what", "that", "there", "here", "who", "how", "where"]) {
    addCased(table, [[word], ["s", "'s"]], new Set());
  }
  // Clitics standing alone ("Bob 's", "I 'm") are one token, not a quote and a letter.
  for (
    const clitic of [
      "'s",
      "'S",
      "’s",
      "’S",
      "'m",
      "'d",
      "'ll",
      "'re",
      "'ve",
      "’m",
      "’d",
      "’ll",
      "’re",
      "’ve",
    ]
  ) {
    add(table, clitic, [{ orth: clitic }]);
  }
  addCased(table, [["y'", "you"], ["all"]], new Set());
  addCased(table, [["y’", "you"], ["all"]], new Set());
  for (
    const word of [
      "'em",
      "'cause",
      "'bout",
      "'til",
      "'till",
      "'n'",
      "o'clock",
      "ma'am",
      "ol'",
      "'ol",
      "'nuff",
    ]
  ) {
    for (const w of [word, word.replace(/'/g, "’")]) {
      add(table, w, [{ orth: w }]);
      const title = w.charAt(0) === "'" || w.charAt(0) === "’"
        ? w
        : w.charAt(0).toUpperCase() + w.slice(1);
      add(table, title, [{ orth: title }]);
    }
  }
  for (const abbr of EN_ABBREVIATIONS) add(table, abbr, [{ orth: abbr }]);
  for (let h = 1; h <= 12; h++) {
    for (const suffix of ["a.m.", "p.m.", "am", "pm"]) {
      add(table, `${h}${suffix}`, [{ orth: String(h) }, { orth: suffix }]);
    }
  }
  return table;
}
