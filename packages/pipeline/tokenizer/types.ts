/**
 * Data types of the rule-based tokenizer: its serializable rules and its output.
 *
 * @module
 */

/** One token of a special case: its text and, optionally, its norm (e.g. `n't` -> `not`). */
export interface SpecialToken {
  /** The token's text; the orths of a special case concatenate to its key. */
  orth: string;
  /** The normalized form, when it differs from the lowercase text. */
  norm?: string;
}

/**
 * Everything a {@linkcode Tokenizer} needs, as plain JSON-friendly data (regex sources and lists).
 *
 * Regex sources are JavaScript `u`-mode patterns. Prefixes are tried in order at the start
 * of a string (the first that matches wins), suffixes at its end (the longest match wins),
 * infixes everywhere inside; `tokenMatch` and `urlMatch` must match a whole string.
 */
export interface TokenizerRules {
  /** Patterns split off the start of a string, in priority order. */
  prefixes: string[];
  /** Patterns split off the end of a string. */
  suffixes: string[];
  /** Patterns whose matches inside a string become tokens (or split points, when empty). */
  infixes: string[];
  /** Exact strings and the tokens they become (tokenizer exceptions). */
  specialCases: Record<string, SpecialToken[]>;
  /** A string matching this is never split by affixes (checked before them). */
  tokenMatch?: string;
  /** A string matching this after affixes were removed stays one token (URLs). */
  urlMatch?: string;
}

/** A tokenizer's result: words and whether each is followed by a space. */
export interface TokenizerOutput {
  /** The tokens' texts; whitespace beyond single spaces becomes tokens too. */
  words: string[];
  /** Whether each token is followed by one space character. */
  spaces: boolean[];
  /** Token norms from special cases (`null` elsewhere); present only when one was set. */
  norms?: (string | null)[];
}

/** One step of {@linkcode Tokenizer.explain}: the rule that produced a token, and the token. */
export type ExplainStep = [rule: string, text: string];
