/**
 * Text classification scores (spaCy's `score_cats`).
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import { type PRF, PRFScore, ROCAUCScore } from "./prf.ts";

/** Options of {@linkcode scoreCats}. */
export interface ScoreCatsOptions {
  /** Reads the category scores of a doc (default: `doc.cats`). */
  getter?: (doc: Doc, attr: string) => Readonly<Record<string, number>>;
  /** The possible labels (only these are scored). */
  labels?: Iterable<string>;
  /** Whether labels are independent (default true); otherwise exactly one applies. */
  multiLabel?: boolean;
  /** The positive label of a binary exclusive task. */
  positiveLabel?: string | null;
  /** The score from which a prediction is positive (default 0.5; 0 when exclusive). */
  threshold?: number | null;
}

/** The result of {@linkcode scoreCats}; keys are prefixed with the attribute. */
export type CatsScores = Record<
  string,
  number | string | null | Record<string, PRF> | Record<string, number | null>
>;

/**
 * spaCy's `score_cats`: `<attr>_score` (positive-label F, macro F or macro AUC),
 * `<attr>_score_desc`, micro and macro P/R/F, `<attr>_macro_auc`,
 * `<attr>_f_per_type` and `<attr>_auc_per_type`.
 *
 * @param examples the examples
 * @param attr the attribute (`"cats"`)
 * @param options labels, exclusivity, positive label and threshold
 * @returns the scores
 * @example Exclusive classes
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreCats } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const pred = new Doc(vocab, { words: ["hi"] });
 * pred.cats = { POS: 0.8, NEG: 0.2 };
 * const eg = Example.fromDict(pred, { cats: { POS: 1, NEG: 0 } });
 * const s = scoreCats([eg], "cats", { labels: ["POS", "NEG"], multiLabel: false });
 * assert.equal(s.cats_micro_f, 1);
 * assert.equal(s.cats_score_desc, "macro F");
 * ```
 */
export function scoreCats(
  examples: Iterable<Example>,
  attr: string,
  options: ScoreCatsOptions = {},
): CatsScores {
  const get = options.getter ?? ((doc: Doc) => doc.cats);
  const multiLabel = options.multiLabel ?? true;
  const threshold = !multiLabel ? 0 : options.threshold ?? 0.5;
  const labelList = [...(options.labels ?? [])];
  const labels = new Set(labelList);
  const fPer = new Map(labelList.map((l) => [l, new PRFScore()]));
  const aucPer = new Map(labelList.map((l) => [l, new ROCAUCScore()]));
  const pick = (cats: Readonly<Record<string, number>>) =>
    Object.entries(cats).filter(([k]) => labels.has(k));
  const best = (entries: [string, number][]) => entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  for (const eg of examples) {
    const predEntries = pick(get(eg.predicted, attr));
    const goldEntries = pick(get(eg.reference, attr));
    const pred = new Map(predEntries);
    const gold = new Map(goldEntries);
    for (const label of labels) {
      const p = pred.get(label) ?? 0;
      let g = gold.get(label);
      if (!g && !multiLabel) g = 0;
      if (g !== undefined) aucPer.get(label)!.scoreSet(p, g);
    }
    if (multiLabel) {
      for (const label of labels) {
        const p = pred.get(label) ?? 0;
        const g = gold.get(label);
        if (g === undefined) continue;
        const s = fPer.get(label)!;
        if (p >= threshold && g > 0) s.tp++;
        else if (p >= threshold && g === 0) s.fp++;
        else if (p < threshold && g > 0) s.fn++;
      }
    } else if (predEntries.length > 0 && goldEntries.length > 0) {
      const [pl] = best(predEntries);
      const [gl] = best(goldEntries);
      if (pl === gl) fPer.get(pl)!.tp++;
      else {
        fPer.get(gl)!.fn++;
        fPer.get(pl)!.fp++;
      }
    } else if (goldEntries.length > 0) {
      const [gl, gs] = best(goldEntries);
      if (gs > 0) fPer.get(gl)!.fn++;
    } else if (predEntries.length > 0) {
      fPer.get(best(predEntries)[0])!.fp++;
    }
  }
  const micro = new PRFScore();
  for (const s of fPer.values()) {
    micro.tp += s.tp;
    micro.fn += s.fn;
    micro.fp += s.fp;
  }
  const n = fPer.size + 1e-100;
  const sum = (f: (s: PRFScore) => number) => [...fPer.values()].reduce((a, s) => a + f(s), 0);
  const macroAuc = [...aucPer.values()].reduce((a, s) => a + (s.isBinary() ? s.score : 0), 0) / n;
  const results: CatsScores = {
    [`${attr}_score`]: null,
    [`${attr}_score_desc`]: null,
    [`${attr}_micro_p`]: micro.precision,
    [`${attr}_micro_r`]: micro.recall,
    [`${attr}_micro_f`]: micro.fscore,
    [`${attr}_macro_p`]: sum((s) => s.precision) / n,
    [`${attr}_macro_r`]: sum((s) => s.recall) / n,
    [`${attr}_macro_f`]: sum((s) => s.fscore) / n,
    [`${attr}_macro_auc`]: macroAuc,
    [`${attr}_f_per_type`]: Object.fromEntries([...fPer].map(([k, v]) => [k, v.toDict()])),
    [`${attr}_auc_per_type`]: Object.fromEntries(
      [...aucPer].map(([k, v]) => [k, v.isBinary() ? v.score : null]),
    ),
  };
  if (labels.size === 2 && !multiLabel && options.positiveLabel) {
    results[`${attr}_score`] =
      (results[`${attr}_f_per_type`] as Record<string, PRF>)[options.positiveLabel]!.f;
    results[`${attr}_score_desc`] = `F (${options.positiveLabel})`;
  } else if (!multiLabel) {
    results[`${attr}_score`] = results[`${attr}_macro_f`]!;
    results[`${attr}_score_desc`] = "macro F";
  } else {
    results[`${attr}_score`] = macroAuc;
    results[`${attr}_score_desc`] = "macro AUC";
  }
  return results;
}
