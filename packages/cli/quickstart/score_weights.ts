/**
 * spaCy's default score weights by component, and `combine_score_weights`.
 *
 * @module
 */

/** spaCy's default score weights of each component, in spaCy's key order. */
const SCORE_WEIGHTS: Readonly<Record<string, readonly [string, number | null][]>> = {
  tagger: [["tag_acc", 1], ["pos_acc", 0], ["tag_micro_p", null], ["tag_micro_r", null], [
    "tag_micro_f",
    null,
  ]],
  morphologizer: [["pos_acc", 0.5], ["morph_acc", 0.5], ["morph_per_feat", null]],
  senter: [["sents_f", 1], ["sents_p", 0], ["sents_r", 0]],
  parser: [
    ["dep_uas", 0.5],
    ["dep_las", 0.5],
    ["dep_las_per_type", null],
    ["sents_p", null],
    ["sents_r", null],
    ["sents_f", 0],
  ],
  ner: [["ents_f", 1], ["ents_p", 0], ["ents_r", 0], ["ents_per_type", null]],
  textcat: [
    ["cats_score", 1],
    ["cats_score_desc", null],
    ["cats_micro_p", null],
    ["cats_micro_r", null],
    ["cats_micro_f", null],
    ["cats_macro_p", null],
    ["cats_macro_r", null],
    ["cats_macro_f", null],
    ["cats_macro_auc", null],
    ["cats_f_per_type", null],
  ],
};

/**
 * A component factory's default score weights (none for unknown factories).
 *
 * @param factory the factory name
 * @returns the weights, in spaCy's key order
 */
export function componentScoreWeights(factory: string): Record<string, number | null> {
  return Object.fromEntries(
    SCORE_WEIGHTS[factory === "textcat_multilabel" ? "textcat" : factory] ?? [],
  );
}

/**
 * spaCy's `combine_score_weights`: each component's weights divided by their
 * sum and by the number of components, rounded to two decimals.
 *
 * @param pipeline the components' factories
 * @returns `[key, weight]` in order (`null` kept)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreWeights } from "@weft/cli";
 * assert.deepEqual(scoreWeights(["tagger", "senter"]).filter(([, w]) => w !== null), [
 *   ["tag_acc", 0.5], ["pos_acc", 0], ["sents_f", 0.5], ["sents_p", 0], ["sents_r", 0],
 * ]);
 * ```
 */
export function scoreWeights(pipeline: readonly string[]): [string, number | null][] {
  const tables = pipeline.map((p) =>
    SCORE_WEIGHTS[p === "textcat_multilabel" ? "textcat" : p] ?? []
  ).filter((t) => t.length > 0);
  const out = new Map<string, number | null>();
  for (const table of tables) {
    const total = table.reduce((n, [, w]) => n + (w ?? 0), 0);
    for (const [k, w] of table) {
      out.set(
        k,
        w === null ? null : total ? Math.round((w / total / tables.length) * 100) / 100 : 0,
      );
    }
  }
  return [...out];
}
