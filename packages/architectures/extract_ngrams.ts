import { Model, type SparseFeatures } from "@weft/layers";
import { ngramHashes } from "@weft/ops";
import { type AttrId, type DocLike, LOWER } from "@weft/types";

/** Options of `extractNgrams`. */
export interface ExtractNgramsOptions {
  /** Longest n-gram; 1 keeps unigrams only. */
  ngramSize: number;
  /** The token attribute whose ids form the n-grams; LOWER by default. */
  attr?: AttrId | undefined;
}

/**
 * Bag-of-n-grams features of each document (`spacy.extract_ngrams.v1`): the ids
 * of an attribute and the hashes (Thinc's `ngrams`) of every run of 2..`ngramSize`
 * ids, deduplicated and sorted, with their counts as values, ready for
 * `SparseLinear`. The documents get no gradient.
 *
 * The attribute ids are host data (`doc.toArray`), so hashing, deduplication and
 * counting happen there (`ngramHashes`, bit-exact with `ops.ngrams`) and the
 * features are uploaded once: no values are read back from the backend.
 *
 * @param options `ngramSize`, `attr`
 * @returns a `List[Doc] -> SparseFeatures` model named `"extract_ngrams"`
 * @example Repeated unigrams are counted
 * ```ts
 * import assert from "node:assert/strict";
 * import { extractNgrams } from "@weft/architectures";
 * const doc = { length: 3, words: ["a", "b", "a"], toArray: () => new Uint32Array([9, 4, 9]) };
 * const model = extractNgrams({ ngramSize: 1 });
 * const [keys, values, lengths] = model.predict([doc]);
 * const read = model.ops.readSync!;
 * assert.deepEqual([...read(keys)], [4, 9]);
 * assert.deepEqual([...read(values)], [1, 2]);
 * assert.deepEqual([...lengths], [2]);
 * ```
 */
export function extractNgrams(options: ExtractNgramsOptions): Model<DocLike[], SparseFeatures> {
  return new Model<DocLike[], SparseFeatures>("extract_ngrams", forward, {
    attrs: { ngram_size: options.ngramSize, attr: options.attr ?? LOWER },
    inputType: "List[Doc]",
    outputType: "SparseFeatures",
  });
}

function forward(model: Model<DocLike[], SparseFeatures>, docs: DocLike[], _isTrain: boolean) {
  const { ops } = model;
  const n = model.getAttr<number>("ngram_size");
  const attr = model.getAttr<AttrId>("attr");
  const allKeys: number[] = [];
  const allValues: number[] = [];
  const lengths = new Int32Array(docs.length);
  docs.forEach((doc, i) => {
    const unigrams = doc.toArray([attr]);
    const counts = new Map<number, number>();
    const add = (keys: ArrayLike<number>) => {
      for (let k = 0; k < keys.length; k++) counts.set(keys[k]!, (counts.get(keys[k]!) ?? 0) + 1);
    };
    add(unigrams);
    for (let size = 2; size <= n && size <= unigrams.length; size++) {
      add(ngramHashes(size, unigrams));
    }
    const keys = [...counts.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      allKeys.push(k);
      allValues.push(counts.get(k)!);
    }
    lengths[i] = keys.length;
  });
  const Y: SparseFeatures = [
    ops.asarray1i(allKeys, "uint32"),
    ops.asarray1f(allValues),
    lengths,
  ];
  return [Y, (_dY: SparseFeatures): DocLike[] => []] as const;
}
