/**
 * The per-chunk half of the tokenizer: special cases, prefixes, suffixes, token and URL
 * matches, infixes, and special cases found again across affix splits.
 *
 * @module
 */

import type { ExplainStep, SpecialToken, TokenizerRules } from "./types.ts";

/** The tokens of one whitespace-free chunk, with special-case norms when there are any. */
export interface Chunk {
  /** The tokens. */
  words: string[];
  /** Norms from special cases (`null` elsewhere), or `null` when there are none. */
  norms: (string | null)[] | null;
}

function compile(source: string, flags: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new SyntaxError(`Invalid tokenizer ${what} pattern: ${(e as Error).message}`);
  }
}

/** Compiled tokenizer rules that split one whitespace-free chunk at a time. */
export class Chunker {
  readonly #prefix: RegExp | undefined;
  readonly #suffix: RegExp | undefined;
  readonly #infix: RegExp | undefined;
  readonly #tokenMatch: RegExp | undefined;
  readonly #urlMatch: RegExp | undefined;
  readonly #specials: Map<string, SpecialToken[]>;
  /** Special cases that affix rules would split; found again across split tokens. */
  readonly #affixSpecials: Map<string, SpecialToken[]>;
  #maxAffixSpecial = 0;

  /**
   * Compiles rules.
   *
   * @param rules The tokenizer rules.
   * @throws {SyntaxError} A pattern that is not a valid `u`-mode regular expression.
   * @throws {RangeError} A special case whose tokens do not spell its key.
   */
  constructor(rules: TokenizerRules) {
    // Blank patterns are skipped, as spaCy's compile_*_regex do (one would match everywhere).
    const usable = (list: string[]) => list.filter((p) => p.trim().length > 0);
    const prefixes = usable(rules.prefixes);
    const suffixes = usable(rules.suffixes);
    const infixes = usable(rules.infixes);
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
      if (this.split(key, false).words.length > 1 || /\s/.test(key)) {
        this.#affixSpecials.set(key, tokens);
        this.#maxAffixSpecial = Math.max(this.#maxAffixSpecial, key.length);
      }
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
  /**
   * Tokenizes one whitespace-free chunk.
   *
   * @param chunk The chunk.
   * @param useSpecials Whether special cases apply.
   * @param steps Collects explanations when given.
   * @returns The tokens and their norms.
   */
  split(chunk: string, useSpecials: boolean, steps?: ExplainStep[]): Chunk {
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
