/**
 * Dependency parse scores (spaCy's `score_deps`).
 *
 * @module
 */
import type { Token } from "../doc/token.ts";
import type { Example } from "../gold/example.ts";
import { type PRF, PRFScore } from "./prf.ts";

/** Options of {@linkcode scoreDeps}. */
export interface ScoreDepsOptions {
  /** Reads the label of a token (default: `token.dep`). */
  getter?: (token: Token, attr: string) => string;
  /** Reads the head of a token (default: `token.head`). */
  headGetter?: (token: Token) => Token;
  /** Labels left out of scoring (e.g. punctuation). */
  ignoreLabels?: Iterable<string>;
  /** Labels that mean "missing" in the reference (default: `""`). */
  missingValues?: ReadonlySet<unknown>;
}

/**
 * spaCy's `score_deps`: `<attr>_uas`, `<attr>_las` and `<attr>_las_per_type`.
 *
 * @param examples the examples
 * @param attr the label attribute (`"dep"`)
 * @param options getters, ignored labels and missing values
 * @returns the scores (null when nothing was scored)
 * @example One wrong head
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreDeps } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const words = ["dogs", "bark", "loudly"];
 * const pred = new Doc(vocab, { words, heads: [1, 1, 0], deps: ["nsubj", "ROOT", "advmod"] });
 * const eg = Example.fromDict(pred, { heads: [1, 1, 1], deps: ["nsubj", "ROOT", "advmod"] });
 * const s = scoreDeps([eg], "dep");
 * assert.equal(s.dep_uas, 2 / 3);
 * assert.equal(s.dep_las, 2 / 3);
 * ```
 */
export function scoreDeps(
  examples: Iterable<Example>,
  attr: string,
  options: ScoreDepsOptions = {},
): Record<string, number | Record<string, PRF> | null> {
  const get = options.getter ?? ((t: Token) => t.dep);
  const head = options.headGetter ?? ((t: Token) => t.head);
  const ignore = new Set(options.ignoreLabels ?? []);
  const missing = options.missingValues ?? new Set<unknown>([null, undefined, 0, ""]);
  const unlabelled = new PRFScore();
  const labelled = new PRFScore();
  const perDep = new Map<string, PRFScore>();
  // As in spaCy, indices marked missing accumulate across examples.
  const missingIdx = new Set<number>();
  const add = (m: Map<string, Set<string>>, dep: string, item: string) => {
    if (!perDep.has(dep)) perDep.set(dep, new PRFScore());
    if (!m.has(dep)) m.set(dep, new Set());
    m.get(dep)!.add(item);
  };
  for (const eg of examples) {
    const gold = new Set<string>();
    const goldPer = new Map<string, Set<string>>();
    const goldArcs = new Set<string>();
    for (const t of eg.reference) {
      const dep = get(t, attr);
      if (missing.has(dep)) {
        missingIdx.add(t.i);
        continue;
      }
      if (ignore.has(dep)) continue;
      const item = `${t.i}\u0000${head(t).i}\u0000${dep}`;
      gold.add(item);
      goldArcs.add(`${t.i}\u0000${head(t).i}`);
      add(goldPer, dep, item);
    }
    const pred = new Set<string>();
    const predPer = new Map<string, Set<string>>();
    const predArcs = new Set<string>();
    const { x2y } = eg.alignment;
    for (const t of eg.predicted) {
      if (/^\s+$/u.test(t.text)) continue;
      const g = x2y.lengths[t.i] === 1 ? x2y.get(t.i)[0]! : null;
      if (g !== null && missingIdx.has(g)) continue;
      const dep = get(t, attr);
      if (ignore.has(dep) || t.text.trim() === "") continue;
      const h = head(t).i;
      const gh = x2y.lengths[h] === 1 ? x2y.get(h)[0]! : null;
      if (g === null || gh === null) {
        unlabelled.fp++;
        labelled.fp++;
        continue;
      }
      const item = `${g}\u0000${gh}\u0000${dep}`;
      pred.add(item);
      predArcs.add(`${g}\u0000${gh}`);
      add(predPer, dep, item);
    }
    labelled.scoreSet(pred, gold);
    for (const [dep, s] of perDep) {
      s.scoreSet(predPer.get(dep) ?? new Set(), goldPer.get(dep) ?? new Set());
    }
    unlabelled.scoreSet(predArcs, goldArcs);
  }
  if (unlabelled.length === 0) {
    return { [`${attr}_uas`]: null, [`${attr}_las`]: null, [`${attr}_las_per_type`]: null };
  }
  return {
    [`${attr}_uas`]: unlabelled.fscore,
    [`${attr}_las`]: labelled.fscore,
    [`${attr}_las_per_type`]: Object.fromEntries([...perDep].map(([k, v]) => [k, v.toDict()])),
  };
}
