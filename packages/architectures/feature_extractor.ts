import { Model } from "@weft/layers";
import { type AttrId, attrId, type DocLike, type Ints2d } from "@weft/types";

/** Attribute names (`"NORM"`) or ids, as spaCy's `columns` accepts both. */
export type AttrSpec = string | number;

/**
 * Turn attribute names or ids into ids, as spaCy's `intify_attr`.
 *
 * @throws {RangeError} when a name is unknown
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { intifyAttrs } from "@weft/architectures";
 * assert.deepEqual(intifyAttrs(["NORM", "shape", 65]), [67, 68, 65]);
 * ```
 */
export function intifyAttrs(attrs: readonly AttrSpec[]): AttrId[] {
  return attrs.map((a) => typeof a === "number" ? a : attrId(a));
}

/**
 * Extract token attributes of each document as uint32 ids
 * (`spacy.FeatureExtractor.v1`): one `[length, columns.length]` array per doc.
 * The documents get no gradient.
 *
 * @param columns attribute names or ids, in output column order
 * @returns a `List[Doc] -> List[Ints2d]` model named `"extract_features"`
 * @throws {RangeError} when an attribute name is unknown
 * @example Two columns of a two-token document
 * ```ts
 * import assert from "node:assert/strict";
 * import { FeatureExtractor } from "@weft/architectures";
 * const doc = {
 *   length: 2,
 *   words: ["a", "b"],
 *   toArray: (attrs: readonly number[]) => new Uint32Array(2 * attrs.length).fill(7),
 * };
 * const [ids] = FeatureExtractor(["NORM", "SHAPE"]).predict([doc]);
 * assert.deepEqual(ids!.shape, [2, 2]);
 * assert.equal(ids!.dtype, "uint32");
 * ```
 */
export function FeatureExtractor(columns: readonly AttrSpec[]): Model<DocLike[], Ints2d[]> {
  return new Model<DocLike[], Ints2d[]>("extract_features", forward, {
    attrs: { columns: intifyAttrs(columns) },
    inputType: "List[Doc]",
    outputType: "List[Ints2d]",
  });
}

function forward(model: Model<DocLike[], Ints2d[]>, docs: DocLike[], _isTrain: boolean) {
  const columns = model.getAttr<AttrId[]>("columns");
  const features = docs.map((doc) =>
    model.ops.asarray2i(doc.toArray(columns), doc.length, columns.length, "uint32")
  );
  const backprop = (_dY: Ints2d[]): DocLike[] => [];
  return [features, backprop] as const;
}
