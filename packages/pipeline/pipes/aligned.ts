/**
 * Reading reference annotation on predicted tokens as string-store slots,
 * without per-token objects.
 *
 * @module
 */
import type { Example } from "../gold/example.ts";

/**
 * Whether the two docs of an example are tokenized the same (the common case,
 * where alignment is the identity).
 *
 * @param eg the example
 * @returns true when both docs have the same text and token offsets
 * @example Same and different tokenizations
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, sameTokenization, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const x = () => new Doc(vocab, { words: ["can't", "go"] });
 * assert.equal(sameTokenization(Example.fromDict(x(), { words: ["can't", "go"] })), true);
 * assert.equal(sameTokenization(Example.fromDict(x(), { words: ["ca", "n't", "go"] })), false);
 * ```
 */
export function sameTokenization(eg: Example): boolean {
  const x = eg.predicted;
  const y = eg.reference;
  if (x.length !== y.length || x.text !== y.text) return false;
  const a = x.cols.idx;
  const b = y.cols.idx;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The reference's values of a slot column on the predicted tokens: the value of
 * the aligned reference token (or of several that agree), 0 (unannotated)
 * where none aligns or they disagree, as spaCy's `get_aligned`.
 *
 * @param eg the example
 * @param col which column of the reference (`"tag"`, `"pos"`, `"morph"`)
 * @returns one slot per predicted token
 * @example A merged token has no single gold tag
 * ```ts
 * import assert from "node:assert/strict";
 * import { alignedSlots, Doc, Example, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const eg = Example.fromDict(new Doc(vocab, { words: ["can't", "go"] }), {
 *   words: ["ca", "n't", "go"], tags: ["MD", "RB", "VB"],
 * });
 * const slots = alignedSlots(eg, "tag");
 * assert.deepEqual([slots[0], vocab.strings.atSlot(slots[1]!)], [0, "VB"]);
 * ```
 */
export function alignedSlots(eg: Example, col: "tag" | "pos" | "morph"): Uint32Array {
  return alignedColumn(eg, eg.reference.cols[col], new Uint32Array(eg.predicted.length));
}

/**
 * Any reference column on the predicted tokens, as {@linkcode alignedSlots}:
 * `out` keeps its value where no reference token aligns or they disagree.
 *
 * @param eg the example
 * @param values one value per reference token
 * @param out one value per predicted token, pre-filled with the missing value
 * @returns `values` itself when the tokenizations agree, else `out`
 * @example Aligned sentence starts
 * ```ts
 * import assert from "node:assert/strict";
 * import { alignedColumn, Doc, Example, Vocab } from "@weft/pipeline";
 * const eg = Example.fromDict(new Doc(new Vocab(), { words: ["a", "b"] }), { words: ["a", "b"] });
 * const out = alignedColumn(eg, Int8Array.from([1, -1]), new Int8Array(2));
 * assert.deepEqual([...out], [1, -1]);
 * ```
 */
export function alignedColumn<T extends Uint32Array | Int8Array>(
  eg: Example,
  values: T,
  out: T,
): T {
  if (sameTokenization(eg)) return values;
  const x2y = eg.alignment.x2y;
  for (let i = 0; i < out.length; i++) {
    const ys = x2y.get(i);
    if (ys.length === 0) continue;
    const v = values[ys[0]!]!;
    let agree = true;
    for (const j of ys) if (values[j] !== v) agree = false;
    if (agree) out[i] = v;
  }
  return out;
}
