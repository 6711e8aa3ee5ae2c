/**
 * Score weights: the components' defaults combined and normalized as spaCy's
 * `combine_score_weights` does.
 *
 * @module
 */

/** A score-weights table: weight by score name; `null` shows a score without weighting it. */
export type ScoreWeights = Record<string, number | null>;

/**
 * The default score weights of spaCy's built-in factories (their
 * `default_score_weights`), by factory name.
 *
 * @example The tagger's
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SCORE_WEIGHTS } from "@weft/pipeline";
 * assert.equal(DEFAULT_SCORE_WEIGHTS.tagger!.tag_acc, 1);
 * ```
 */
export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<string, Readonly<ScoreWeights>>> = {
  tagger: { tag_acc: 1.0, pos_acc: 0.0, tag_micro_p: null, tag_micro_r: null, tag_micro_f: null },
  morphologizer: { pos_acc: 0.5, morph_acc: 0.5, morph_per_feat: null },
  senter: { sents_f: 1.0, sents_p: 0.0, sents_r: 0.0 },
  sentencizer: { sents_f: 1.0, sents_p: 0.0, sents_r: 0.0 },
  textcat: {
    cats_score: 1.0,
    cats_score_desc: null,
    cats_micro_p: null,
    cats_micro_r: null,
    cats_micro_f: null,
    cats_macro_p: null,
    cats_macro_r: null,
    cats_macro_f: null,
    cats_macro_auc: null,
    cats_f_per_type: null,
  },
  textcat_multilabel: {
    cats_score: 1.0,
    cats_score_desc: null,
    cats_micro_p: null,
    cats_micro_r: null,
    cats_micro_f: null,
    cats_macro_p: null,
    cats_macro_r: null,
    cats_macro_f: null,
    cats_macro_auc: null,
    cats_f_per_type: null,
  },
  ner: { ents_f: 1.0, ents_p: 0.0, ents_r: 0.0, ents_per_type: null },
  parser: {
    dep_uas: 0.5,
    dep_las: 0.5,
    dep_las_per_type: null,
    sents_p: null,
    sents_r: null,
    sents_f: 0.0,
  },
};

/**
 * Combine weight tables (later ones win) and normalize the weights to sum to 1,
 * each rounded to two decimals; `null` and `0` stay as they are.
 *
 * @param weights the tables, e.g. one per component
 * @param overrides values that win over all tables (the config's `[training.score_weights]`)
 * @returns the combined table
 * @example Two components, then an override
 * ```ts
 * import assert from "node:assert/strict";
 * import { combineScoreWeights } from "@weft/pipeline";
 * assert.deepEqual(
 *   combineScoreWeights([{ tag_acc: 1, pos_acc: 0 }, { ents_f: 1, ents_per_type: null }]),
 *   { tag_acc: 0.5, pos_acc: 0, ents_f: 0.5, ents_per_type: null },
 * );
 * assert.deepEqual(combineScoreWeights([{ a: 1, b: 2 }], { b: null }), { a: 1, b: null });
 * ```
 */
export function combineScoreWeights(
  weights: readonly Readonly<ScoreWeights>[],
  overrides: Readonly<ScoreWeights> = {},
): ScoreWeights {
  const result: ScoreWeights = {};
  for (const table of weights) Object.assign(result, table);
  Object.assign(result, overrides);
  const sum = Object.values(result).reduce<number>((s, v) => s + (v ? v : 0), 0);
  for (const [key, value] of Object.entries(result)) {
    if (value && sum > 0) result[key] = Math.round((value / sum) * 100) / 100;
  }
  return result;
}
