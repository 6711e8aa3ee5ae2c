/**
 * The rule-based tokenizer, following spaCy's algorithm.
 *
 * @module
 */

import type { ExplainStep, SpecialToken, TokenizerOutput, TokenizerRules } from "./types.ts";
import { type Chunk, Chunker } from "./chunker.ts";
import { checkRules } from "./rules_json.ts";
import { isSpace, WHITESPACE } from "./whitespace.ts";

const CACHE_LIMIT = 100_000;

/** The output being built by `call`. */
interface Output {
  words: string[];
  spaces: boolean[];
  norms: (string | null)[] | null;
}

/**
 * Splits text into tokens with spaCy's algorithm: whitespace first, then, for each
 * whitespace-free chunk, special cases, prefixes, suffixes, URLs and infixes.
 *
 * Spaces follow spaCy exactly: one space after a token sets its `spaces` flag; any other
 * whitespace (a second space, a newline, a tab) becomes a token of its own. So
 * `words.map((w, i) => w + (spaces[i] ? " " : "")).join("")` is always the input text.
 *
 * @example Tokenizing with a tiny rule set
 * ```ts
 * import assert from "node:assert/strict";
 * import { Tokenizer } from "@weft/pipeline";
 * const tokenizer = new Tokenizer({
 *   prefixes: ["\\("],
 *   suffixes: ["\\)", "!"],
 *   infixes: ["-"],
 *   specialCases: { "can't": [{ orth: "ca" }, { orth: "n't", norm: "not" }] },
 * });
 * const { words, spaces } = tokenizer.call("(well-known) can't!  ok");
 * assert.deepEqual(words, ["(", "well", "-", "known", ")", "ca", "n't", "!", " ", "ok"]);
 * assert.deepEqual(spaces, [false, false, false, false, true, false, false, true, false, false]);
 * ```
 */
export class Tokenizer {
  #rules: TokenizerRules;
  #chunker: Chunker;
  readonly #cache = new Map<string, Chunk>();

  /**
   * Builds a tokenizer from rules.
   *
   * @param rules Prefix, suffix and infix patterns, special cases, token and URL matchers.
   * @throws {SyntaxError} A pattern that is not a valid `u`-mode regular expression.
   * @throws {RangeError} A special case whose tokens do not spell its key.
   */
  constructor(rules: TokenizerRules) {
    this.#rules = rules;
    this.#chunker = new Chunker(rules);
  }

  /** The rules this tokenizer was built from (serializable; treat as read-only). */
  get rules(): TokenizerRules {
    return this.#rules;
  }

  /**
   * Adds or replaces a special case, like spaCy's `Tokenizer.add_special_case`.
   *
   * @param text The exact string to match.
   * @param tokens Its tokens; their `orth`s must spell `text`.
   * @throws {RangeError} When the tokens do not spell `text`.
   * @example Splitting a word in two
   * ```ts
   * import assert from "node:assert/strict";
   * import { createTokenizer } from "@weft/pipeline";
   * const tokenizer = createTokenizer("en");
   * tokenizer.addSpecialCase("gimme", [{ orth: "gim" }, { orth: "me", norm: "me" }]);
   * assert.deepEqual(tokenizer.call("gimme that!").words, ["gim", "me", "that", "!"]);
   * ```
   */
  addSpecialCase(text: string, tokens: SpecialToken[]): void {
    const rules = { ...this.#rules, specialCases: { ...this.#rules.specialCases, [text]: tokens } };
    this.#chunker = new Chunker(rules);
    this.#rules = rules;
    this.#cache.clear();
  }

  /**
   * Tokenizes a text.
   *
   * @param text Any text.
   * @returns The words and their trailing-space flags, plus `norms` (a norm per token, `null`
   *   where none) when a special case with norms was used.
   * @example Extra whitespace becomes tokens
   * ```ts
   * import assert from "node:assert/strict";
   * import { createTokenizer } from "@weft/pipeline";
   * const { words, spaces } = createTokenizer("en").call("Hi  there\n");
   * assert.deepEqual(words, ["Hi", " ", "there", "\n"]);
   * assert.deepEqual(spaces, [true, false, false, false]);
   * ```
   */
  call(text: string): TokenizerOutput {
    const out: Output = { words: [], spaces: [], norms: null };
    const { words, spaces } = out;
    const n = text.length;
    if (n === 0) return { words, spaces };
    let inWs = isSpace(text.charCodeAt(0));
    let start = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c) === inWs) continue;
      if (start < i) this.#chunk(text.slice(start, i), out);
      if (c === 32 && words.length > 0) {
        spaces[spaces.length - 1] = true;
        start = i + 1;
      } else {
        start = i;
      }
      inWs = !inWs;
    }
    if (start < n) {
      this.#chunk(text.slice(start), out);
      spaces[spaces.length - 1] = text.charCodeAt(n - 1) === 32 && !inWs;
    }
    return out.norms ? { words, spaces, norms: out.norms } : { words, spaces };
  }

  /**
   * Lists which rule produced each token, like spaCy's `Tokenizer.explain`.
   *
   * Rules are `PREFIX`, `SUFFIX`, `INFIX`, `SPECIAL-n` (n-th token of a special case),
   * `TOKEN_MATCH`, `URL_MATCH` and `TOKEN`. Whitespace is left out.
   *
   * @param text Any text.
   * @returns One `[rule, token]` pair per non-whitespace token.
   * @example Explaining an English sentence
   * ```ts
   * import assert from "node:assert/strict";
   * import { createTokenizer } from "@weft/pipeline";
   * assert.deepEqual(createTokenizer("en").explain("(don't)"), [
   *   ["PREFIX", "("], ["SPECIAL-1", "do"], ["SPECIAL-2", "n't"], ["SUFFIX", ")"],
   * ]);
   * ```
   */
  explain(text: string): ExplainStep[] {
    const steps: ExplainStep[] = [];
    for (const chunk of text.split(WHITESPACE)) {
      if (chunk.length > 0) this.#chunker.split(chunk, true, steps);
    }
    return steps;
  }

  /**
   * The rules as JSON-friendly data (for saving a pipeline).
   *
   * @returns The rules this tokenizer was built from.
   * @example Rules are plain data
   * ```ts
   * import assert from "node:assert/strict";
   * import { createTokenizer } from "@weft/pipeline";
   * const rules = JSON.parse(JSON.stringify(createTokenizer("en")));
   * assert.deepEqual(rules.specialCases["can't"], [
   *   { orth: "ca", norm: "can" },
   *   { orth: "n't", norm: "not" },
   * ]);
   * ```
   */
  toJSON(): TokenizerRules {
    return this.rules;
  }

  /**
   * Rebuilds a tokenizer from parsed JSON (the output of `toJSON`), checking its shape.
   *
   * @param value Parsed JSON.
   * @param source Names the data in error messages (e.g. a file path).
   * @returns The tokenizer.
   * @throws {TypeError} When a field has the wrong type, naming the field.
   * @example Saving and loading rules
   * ```ts
   * import assert from "node:assert/strict";
   * import { createTokenizer, Tokenizer } from "@weft/pipeline";
   * const saved = JSON.stringify(createTokenizer("fr"));
   * const loaded = Tokenizer.fromJSON(JSON.parse(saved));
   * assert.deepEqual(loaded.call("l'homme").words, ["l'", "homme"]);
   * assert.throws(() => Tokenizer.fromJSON({ prefixes: 3 }, "tokenizer.json"), TypeError);
   * ```
   */
  static fromJSON(value: unknown, source = "tokenizer rules"): Tokenizer {
    return new Tokenizer(checkRules(value, source));
  }

  #chunk(chunk: string, out: Output): void {
    let tokens = this.#cache.get(chunk);
    if (tokens === undefined) {
      tokens = this.#chunker.split(chunk, true);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(chunk, tokens);
    }
    if (tokens.norms !== null && out.norms === null) {
      out.norms = new Array<string | null>(out.words.length).fill(null);
    }
    for (let i = 0; i < tokens.words.length; i++) {
      out.words.push(tokens.words[i] as string);
      out.spaces.push(false);
      out.norms?.push(tokens.norms?.[i] ?? null);
    }
  }
}
