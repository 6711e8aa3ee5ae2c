/**
 * Token-level scores: tokenization and per-token attributes.
 *
 * @module
 */
import type { Token } from "../doc/token.ts";
import type { Example } from "../gold/example.ts";
import { type PRF, PRFScore } from "./prf.ts";

/** Reads an attribute of a token; `""`, null and undefined mean "missing". */
export type TokenGetter = (token: Token, attr: string) => string | number | null | undefined;

/** The default getter: token attributes by spaCy's names (`tag`, `pos`, `morph`, `lemma`, `dep`, ...). */
export const defaultTokenGetter: TokenGetter = (
  token: Token,
  attr: string,
): string | number | null | undefined => {
  switch (attr) {
    case "morph": {
      // Unannotated morphs are missing; annotated empty ones ("_") are a value.
      const slot = token.doc.cols.morph[token.i]!;
      return slot === 0 ? "" : token.doc.str(slot);
    }
    case "ent_type":
      return token.entType;
    case "ent_iob":
      return token.entIob;
    default:
      return (token as unknown as Record<string, string | number>)[attr];
  }
};

const MISSING: ReadonlySet<unknown> = new Set([null, undefined, 0, ""]);
const isSpace = (t: Token) => /^\s+$/u.test(t.text);

/**
 * spaCy's `score_tokenization`: `token_acc` (predicted tokens aligned one-to-one)
 * and `token_p/r/f` over character spans, whitespace tokens skipped.
 *
 * @param examples the examples
 * @returns the scores (null when there are no tokens)
 * @example One merged token
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreTokenization } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const pred = new Doc(vocab, { words: ["ab", "c"], spaces: [true, false] });
 * const eg = Example.fromDict(pred, { words: ["a", "b", "c"], spaces: [false, true, false] });
 * assert.equal(scoreTokenization([eg]).token_acc, 0.5);
 * ```
 */
export function scoreTokenization(examples: Iterable<Example>): Record<string, number | null> {
  const acc = new PRFScore();
  const prf = new PRFScore();
  for (const eg of examples) {
    if (eg.reference.hasUnknownSpaces) continue;
    const spans = (doc: Example["reference"]) =>
      new Set([...doc].filter((t) => !isSpace(t)).map((t) => `${t.idx}:${t.idx + t.text.length}`));
    const gold = spans(eg.reference);
    const pred = spans(eg.predicted);
    const { x2y } = eg.alignment;
    for (const t of eg.predicted) {
      if (isSpace(t)) continue;
      if (x2y.lengths[t.i] === 1) acc.tp++;
      else acc.fp++;
    }
    prf.scoreSet(pred, gold);
  }
  if (acc.length === 0) return { token_acc: null, token_p: null, token_r: null, token_f: null };
  return {
    token_acc: acc.precision,
    token_p: prf.precision,
    token_r: prf.recall,
    token_f: prf.fscore,
  };
}

/** Options of {@linkcode scoreTokenAttr}. */
export interface TokenAttrOptions {
  /** Reads the attribute (default: {@linkcode defaultTokenGetter}). */
  getter?: TokenGetter;
  /** Values that mean "missing" in the reference (default: null, 0, ""). */
  missingValues?: ReadonlySet<unknown>;
}

/**
 * spaCy's `score_token_attr`: `<attr>_acc`, the accuracy over reference tokens
 * with a value that align one-to-one with a predicted token.
 *
 * @param examples the examples
 * @param attr the attribute (`"tag"`, `"pos"`, `"lemma"`, `"morph"`, ...)
 * @param options getter and missing values
 * @returns `{ <attr>_acc }` (null when nothing was scored)
 * @example Missing reference values are not scored
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreTokenAttr } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a", "b"], tags: ["X", "Y"] });
 * const eg = Example.fromDict(pred, { tags: ["X", null] });
 * assert.equal(scoreTokenAttr([eg], "tag").tag_acc, 1);
 * ```
 */
export function scoreTokenAttr(
  examples: Iterable<Example>,
  attr: string,
  options: TokenAttrOptions = {},
): Record<string, number | null> {
  const get = options.getter ?? defaultTokenGetter;
  const missing = options.missingValues ?? MISSING;
  const score = new PRFScore();
  for (const eg of examples) {
    const gold = new Set<string>();
    const missingIdx = new Set<number>();
    for (const t of eg.reference) {
      const v = get(t, attr);
      if (missing.has(v)) missingIdx.add(t.i);
      else gold.add(`${t.i}\u0000${v}`);
    }
    const pred = new Set<string>();
    const { x2y } = eg.alignment;
    for (const t of eg.predicted) {
      if (isSpace(t) || x2y.lengths[t.i] !== 1) continue;
      const g = x2y.get(t.i)[0]!;
      if (!missingIdx.has(g)) pred.add(`${g}\u0000${get(t, attr)}`);
    }
    score.scoreSet(pred, gold);
  }
  return { [`${attr}_acc`]: score.length === 0 ? null : score.fscore };
}

/**
 * spaCy's `score_token_attr_per_feat` for `Feat=Val|...` attributes:
 * `<attr>_micro_p/r/f` and `<attr>_per_feat`.
 *
 * @param examples the examples
 * @param attr the attribute (usually `"morph"`)
 * @param options getter and missing values
 * @returns the scores (null when nothing was scored)
 * @example Per-feature scores
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreTokenAttrPerFeat } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a"], morphs: ["Number=Sing|Case=Nom"] });
 * const eg = Example.fromDict(pred, { morphs: ["Number=Sing|Case=Acc"] });
 * const s = scoreTokenAttrPerFeat([eg], "morph");
 * assert.equal(s.morph_micro_f, 0.5);
 * assert.deepEqual(s.morph_per_feat, { Case: { p: 0, r: 0, f: 0 }, Number: { p: 1, r: 1, f: 1 } });
 * ```
 */
export function scoreTokenAttrPerFeat(
  examples: Iterable<Example>,
  attr: string,
  options: TokenAttrOptions = {},
): Record<string, number | Record<string, PRF> | null> {
  const get = options.getter ?? defaultTokenGetter;
  const missing = options.missingValues ?? MISSING;
  const micro = new PRFScore();
  const perFeat = new Map<string, PRFScore>();
  const feats = (v: unknown): [string, string][] | null => {
    if (missing.has(v) || v === "_") return null;
    return String(v).split("|").map((f) => [f.slice(0, f.indexOf("=")), f]);
  };
  const addTo = (m: Map<string, Set<string>>, field: string, item: string) => {
    if (!perFeat.has(field)) perFeat.set(field, new PRFScore());
    if (!m.has(field)) m.set(field, new Set());
    m.get(field)!.add(item);
  };
  for (const eg of examples) {
    const gold = new Map<string, Set<string>>();
    const missingIdx = new Set<number>();
    for (const t of eg.reference) {
      const fs = feats(get(t, attr));
      if (fs === null) missingIdx.add(t.i);
      else for (const [field, feat] of fs) addTo(gold, field, `${t.i}\u0000${feat}`);
    }
    const pred = new Map<string, Set<string>>();
    const { x2y } = eg.alignment;
    for (const t of eg.predicted) {
      if (isSpace(t) || x2y.lengths[t.i] !== 1) continue;
      const g = x2y.get(t.i)[0]!;
      if (missingIdx.has(g)) continue;
      for (const [field, feat] of feats(get(t, attr)) ?? []) {
        addTo(pred, field, `${g}\u0000${feat}`);
      }
    }
    for (const [field, score] of perFeat) {
      const p = pred.get(field) ?? new Set();
      const g = gold.get(field) ?? new Set();
      micro.scoreSet(p, g);
      score.scoreSet(p, g);
    }
  }
  if (micro.length === 0) {
    return {
      [`${attr}_micro_p`]: null,
      [`${attr}_micro_r`]: null,
      [`${attr}_micro_f`]: null,
      [`${attr}_per_feat`]: null,
    };
  }
  return {
    [`${attr}_micro_p`]: micro.precision,
    [`${attr}_micro_r`]: micro.recall,
    [`${attr}_micro_f`]: micro.fscore,
    [`${attr}_per_feat`]: Object.fromEntries([...perFeat].map(([k, v]) => [k, v.toDict()])),
  };
}
