/**
 * The rule-based tokenizer, following spaCy's algorithm.
 *
 * @module
 */

import type { ExplainStep, SpecialToken, TokenizerOutput, TokenizerRules } from "./types.ts";

const CACHE_LIMIT = 100_000;

/** The tokens of one whitespace-free chunk, with special-case norms when there are any. */
interface Chunk {
  words: string[];
  norms: (string | null)[] | null;
}

/** The output being built by `call`. */
interface Output {
  words: string[];
  spaces: boolean[];
  norms: (string | null)[] | null;
}

/** Python's `str.isspace` for one UTF-16 code unit (all whitespace is in the BMP). */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f)) return true;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** The characters `isSpace` accepts, as a splitting pattern. */
// deno-lint-ignore no-control-regex -- Python's isspace() includes the \x1c-\x1f separators.
const WHITESPACE = /[\t-\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

function compile(source: string, flags: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new SyntaxError(`Invalid tokenizer ${what} pattern: ${(e as Error).message}`);
  }
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
  /** The rules this tokenizer was built from (serializable). */
  readonly rules: TokenizerRules;
  readonly #prefix: RegExp | undefined;
  readonly #suffix: RegExp | undefined;
  readonly #infix: RegExp | undefined;
  readonly #tokenMatch: RegExp | undefined;
  readonly #urlMatch: RegExp | undefined;
  readonly #specials: Map<string, SpecialToken[]>;
  /** Special cases that affix rules would split; found again across split tokens. */
  readonly #affixSpecials: Map<string, SpecialToken[]>;
  #maxAffixSpecial = 0;
  readonly #cache = new Map<string, Chunk>();

  /**
   * Builds a tokenizer from rules.
   *
   * @param rules Prefix, suffix and infix patterns, special cases, token and URL matchers.
   * @throws {SyntaxError} A pattern that is not a valid `u`-mode regular expression.
   * @throws {RangeError} A special case whose tokens do not spell its key.
   */
  constructor(rules: TokenizerRules) {
    this.rules = rules;
    const { prefixes, suffixes, infixes } = rules;
    this.#prefix = prefixes.length
      ? compile(prefixes.map((p) => `^(?:${p})`).join("|"), "u", "prefix")
      : undefined;
    this.#suffix = suffixes.length
      ? compile(suffixes.map((p) => `(?:${p})$`).join("|"), "u", "suffix")
      : undefined;
    this.#infix = infixes.length
      ? compile(infixes.map((p) => `(?:${p})`).join("|"), "gu", "infix")
      : undefined;
    this.#tokenMatch = rules.tokenMatch
      ? compile(`^(?:${rules.tokenMatch})$`, "u", "token_match")
      : undefined;
    this.#urlMatch = rules.urlMatch
      ? compile(`^(?:${rules.urlMatch})$`, "u", "url_match")
      : undefined;
    this.#specials = new Map();
    for (const [key, tokens] of Object.entries(rules.specialCases)) {
      const spelled = tokens.map((t) => t.orth).join("");
      if (spelled !== key) {
        throw new RangeError(`Invalid special case "${key}": its tokens spell "${spelled}"`);
      }
      this.#specials.set(key, tokens);
    }
    this.#affixSpecials = new Map();
    for (const [key, tokens] of this.#specials) {
      if (this.#split(key, false).words.length > 1 || /\s/.test(key)) {
        this.#affixSpecials.set(key, tokens);
        this.#maxAffixSpecial = Math.max(this.#maxAffixSpecial, key.length);
      }
    }
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
      if (chunk.length > 0) this.#split(chunk, true, steps);
    }
    return steps;
  }

  /**
   * The rules as JSON-friendly data (for saving a pipeline).
   *
   * @returns The rules this tokenizer was built from.
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
    const bad = (field: string, want: string) =>
      new TypeError(`Invalid ${source}: "${field}" must be ${want}`);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new TypeError(`Invalid ${source}: expected an object`);
    }
    const v = value as Record<string, unknown>;
    const strings = (x: unknown) => Array.isArray(x) && x.every((p) => typeof p === "string");
    for (const field of ["prefixes", "suffixes", "infixes"]) {
      if (!strings(v[field])) throw bad(field, "a list of strings");
    }
    for (const field of ["tokenMatch", "urlMatch"]) {
      if (v[field] !== undefined && typeof v[field] !== "string") throw bad(field, "a string");
    }
    const specials = v.specialCases;
    if (specials === null || typeof specials !== "object" || Array.isArray(specials)) {
      throw bad("specialCases", "an object");
    }
    for (const [key, tokens] of Object.entries(specials)) {
      const ok = Array.isArray(tokens) &&
        tokens.every((t) =>
          t !== null && typeof t === "object" && typeof t.orth === "string" &&
          (t.norm === undefined || typeof t.norm === "string")
        );
      if (!ok) throw bad(`specialCases["${key}"]`, "a list of {orth, norm?} objects");
    }
    return new Tokenizer(value as TokenizerRules);
  }

  #chunk(chunk: string, out: Output): void {
    let tokens = this.#cache.get(chunk);
    if (tokens === undefined) {
      tokens = this.#split(chunk, true);
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

  #isSpecial(s: string, useSpecials: boolean): boolean {
    return useSpecials && this.#specials.has(s);
  }

  #findPrefix(s: string): number {
    const m = this.#prefix?.exec(s);
    return m ? m[0].length : 0;
  }

  #findSuffix(s: string): number {
    const m = this.#suffix?.exec(s);
    return m ? m[0].length : 0;
  }

  /** Tokenizes one whitespace-free chunk; `steps` collects explanations when given. */
  #split(chunk: string, useSpecials: boolean, steps?: ExplainStep[]): Chunk {
    const prefixes: string[] = [];
    const suffixes: string[] = [];
    let s = chunk;
    let lastSize = -1;
    while (s.length > 0 && s.length !== lastSize) {
      if (this.#tokenMatch?.test(s)) break;
      if (this.#isSpecial(s, useSpecials)) break;
      lastSize = s.length;
      const preLen = this.#findPrefix(s);
      if (preLen > 0) {
        const minusPre = s.slice(preLen);
        if (minusPre.length > 0 && this.#isSpecial(minusPre, useSpecials)) {
          prefixes.push(s.slice(0, preLen));
          s = minusPre;
          break;
        }
      }
      const sufLen = this.#findSuffix(s.slice(preLen));
      if (sufLen > 0) {
        const minusSuf = s.slice(0, s.length - sufLen);
        if (minusSuf.length > 0 && this.#isSpecial(minusSuf, useSpecials)) {
          suffixes.push(s.slice(s.length - sufLen));
          s = minusSuf;
          break;
        }
      }
      if (preLen > 0 && sufLen > 0 && preLen + sufLen <= s.length) {
        prefixes.push(s.slice(0, preLen));
        suffixes.push(s.slice(s.length - sufLen));
        s = s.slice(preLen, s.length - sufLen);
      } else if (preLen > 0) {
        prefixes.push(s.slice(0, preLen));
        s = s.slice(preLen);
      } else if (sufLen > 0) {
        suffixes.push(s.slice(s.length - sufLen));
        s = s.slice(0, s.length - sufLen);
      }
      if (this.#isSpecial(s, useSpecials)) break;
    }
    const out: string[] = [...prefixes];
    const norms: (string | null)[] = prefixes.map(() => null);
    if (steps) { for (const p of prefixes) steps.push(["PREFIX", p]); }
    if (s.length > 0) this.#attach(s, useSpecials, out, norms, steps);
    for (let i = suffixes.length - 1; i >= 0; i--) {
      const suffix = suffixes[i] as string;
      out.push(suffix);
      norms.push(null);
      steps?.push(["SUFFIX", suffix]);
    }
    const result = useSpecials && this.#affixSpecials.size > 0 && out.length > 1
      ? this.#mergeSpecials(out, norms, steps)
      : { words: out, norms };
    if (result.norms !== null && result.norms.every((x) => x === null)) result.norms = null;
    return result;
  }

  #attach(
    s: string,
    useSpecials: boolean,
    out: string[],
    norms: (string | null)[],
    steps?: ExplainStep[],
  ): void {
    const special = useSpecials ? this.#specials.get(s) : undefined;
    if (special) {
      special.forEach((t, k) => {
        out.push(t.orth);
        norms.push(t.norm ?? null);
        steps?.push([`SPECIAL-${k + 1}`, t.orth]);
      });
      return;
    }
    const before = out.length;
    this.#attachPlain(s, out, steps);
    for (let i = before; i < out.length; i++) norms.push(null);
  }

  #attachPlain(s: string, out: string[], steps?: ExplainStep[]): void {
    if (this.#tokenMatch?.test(s)) {
      out.push(s);
      steps?.push(["TOKEN_MATCH", s]);
      return;
    }
    if (this.#urlMatch?.test(s)) {
      out.push(s);
      steps?.push(["URL_MATCH", s]);
      return;
    }
    let start = 0;
    if (this.#infix) {
      for (const m of s.matchAll(this.#infix)) {
        const infixStart = m.index;
        const infixEnd = infixStart + m[0].length;
        // An infix at the very start is not split off (spaCy does the same).
        if (infixStart === 0) continue;
        if (infixStart !== start) {
          const piece = s.slice(start, infixStart);
          out.push(piece);
          steps?.push(["TOKEN", piece]);
        }
        if (infixStart !== infixEnd) {
          out.push(m[0]);
          steps?.push(["INFIX", m[0]]);
        }
        start = infixEnd;
      }
    }
    if (start < s.length) {
      const rest = s.slice(start);
      out.push(rest);
      steps?.push(["TOKEN", rest]);
    }
  }

  /** Rejoins runs of tokens that spell a special case which affix rules took apart. */
  #mergeSpecials(tokens: string[], norms: (string | null)[], steps?: ExplainStep[]): Chunk {
    const out: string[] = [];
    const outNorms: (string | null)[] = [];
    const merged: Array<[number, number, SpecialToken[]]> = [];
    for (let i = 0; i < tokens.length;) {
      let best = 0;
      let bestTokens: SpecialToken[] | undefined;
      let text = "";
      for (let j = i; j < tokens.length; j++) {
        text += tokens[j];
        if (text.length > this.#maxAffixSpecial) break;
        const found = j > i ? this.#affixSpecials.get(text) : undefined;
        if (found) {
          best = j + 1;
          bestTokens = found;
        }
      }
      if (bestTokens) {
        merged.push([i, best, bestTokens]);
        for (const t of bestTokens) {
          out.push(t.orth);
          outNorms.push(t.norm ?? null);
        }
        i = best;
      } else {
        out.push(tokens[i] as string);
        outNorms.push(norms[i] ?? null);
        i++;
      }
    }
    if (steps && merged.length > 0) {
      // Rebuild the explanation: merged runs become SPECIAL steps.
      const old = steps.splice(steps.length - tokens.length, tokens.length);
      let k = 0;
      for (const [a, b, special] of merged) {
        while (k < a) steps.push(old[k++] as ExplainStep);
        special.forEach((t, n) => steps.push([`SPECIAL-${n + 1}`, t.orth]));
        k = b;
      }
      while (k < old.length) steps.push(old[k++] as ExplainStep);
    }
    return { words: out, norms: outNorms };
  }
}
