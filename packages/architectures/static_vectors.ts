import { drawSeed, glorotUniformInit, type Initializer, Model } from "@weft/layers";
import { type DocLike, type Floats1d, type Floats2d, Ragged, type VectorsLike } from "@weft/types";

/** Options of `StaticVectors`. */
export interface StaticVectorsOptions {
  /** Output width; inferred from `Y` when omitted. */
  nO?: number | null | undefined;
  /** Width of the vectors table; read from the documents' vectors at `initialize`. */
  nM?: number | null | undefined;
  /** Dropout rate applied per output dimension over the whole batch (training only). */
  dropout?: number | null | undefined;
  /** Initializer of the projection `W [nO, nM]`; Glorot uniform by default. */
  initW?: Initializer | undefined;
  /** Kept for spaCy compatibility; the key attribute is the vectors table's own. */
  keyAttr?: string | undefined;
}

/** A Ragged batch of float rows. */
export type RaggedF = Ragged<"float32">;

/**
 * Look up each token's static vector in its document's `vectors` table and
 * project it with a learned `W` (`spacy.StaticVectors.v2`): `Y = V[rows] @ W.T`.
 * Tokens without a vector get zeros. The table itself is not trained.
 *
 * @param options `nO`, `nM`, `dropout`, `initW`
 * @returns a `List[Doc] -> Ragged` model named `"static_vectors"`
 * @throws {TypeError} at run time when the documents have no vectors table
 * @example Projecting three-wide vectors to two columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { StaticVectors } from "@weft/architectures";
 * const vectors = {
 *   rows: 1, width: 3, attr: 65, data: new Float32Array([1, 2, 3]),
 *   findRows: (keys: Uint32Array) => Int32Array.from(keys, (k) => (k === 5 ? 0 : -1)),
 * };
 * const doc = {
 *   length: 2, words: ["a", "b"], vectors,
 *   toArray: () => new Uint32Array([5, 6]),
 * };
 * const model = StaticVectors({ nO: 2 }).initialize({ X: [doc] });
 * const Y = model.predict([doc]);
 * assert.deepEqual(Y.dataXd.shape, [2, 2]);
 * assert.deepEqual([...model.ops.readSync!(Y.dataXd)].slice(2), [0, 0]);
 * ```
 */
export function StaticVectors(options: StaticVectorsOptions = {}): Model<DocLike[], RaggedF> {
  const initW = options.initW ?? glorotUniformInit;
  return new Model<DocLike[], RaggedF>("static_vectors", forward, {
    init: (model, X, Y) => {
      const first = X?.find((doc) => doc.vectors !== undefined);
      if (first?.vectors !== undefined) model.setDim("nM", first.vectors.width, { force: true });
      if (Y !== undefined) model.setDim("nO", Y.dataXd.shape[1]!, { force: true });
      model.setParam("W", initW(model.ops, [model.getDim("nO"), model.getDim("nM")]));
    },
    params: { W: null },
    dims: { nO: options.nO, nM: options.nM },
    attrs: { key_attr: options.keyAttr ?? "ORTH", dropout_rate: options.dropout ?? null },
    inputType: "List[Doc]",
    outputType: "Ragged",
  });
}

function tableOf(model: Model, docs: readonly DocLike[]): VectorsLike {
  const vectors = docs.find((doc) => doc.vectors !== undefined)?.vectors;
  if (vectors === undefined) {
    throw new TypeError(
      `Layer "${model.name}" needs documents with a vectors table (set include_static_vectors ` +
        `or pretrained_vectors to false, or load vectors)`,
    );
  }
  return vectors;
}

/** The vectors of every token, on the host, zeros where a token has none. */
function gatherVectors(vectors: VectorsLike, docs: readonly DocLike[]): Float32Array {
  const nM = vectors.width;
  let total = 0;
  for (const doc of docs) total += doc.length;
  const out = new Float32Array(total * nM);
  let row = 0;
  for (const doc of docs) {
    const rows = vectors.findRows(doc.toArray([vectors.attr]));
    for (const r of rows) {
      if (r >= 0) out.set(vectors.data.subarray(r * nM, (r + 1) * nM), row * nM);
      row++;
    }
  }
  return out;
}

function forward(model: Model<DocLike[], RaggedF>, docs: DocLike[], isTrain: boolean) {
  const { ops } = model;
  const nO = model.getDim("nO");
  const lengths = Int32Array.from(docs, (doc) => doc.length);
  let total = 0;
  for (const n of lengths) total += n;
  if (total === 0) {
    return [new Ragged(ops.alloc2f(0, nO), lengths), (_d: RaggedF): DocLike[] => []] as const;
  }
  const vectors = tableOf(model, docs);
  const W = model.getParam2d("W");
  if (W.shape[1] !== vectors.width) {
    throw new RangeError(
      `Layer "${model.name}" was initialized for vectors of width ${W.shape[1]}, ` +
        `but the documents' vectors have width ${vectors.width}`,
    );
  }
  const V = ops.asarray2f(gatherVectors(vectors, docs), total, vectors.width);
  let Y = ops.gemm(V, W, { transB: true });
  const rate = model.getAttr<number | null>("dropout_rate");
  let mask: Floats1d | undefined;
  if (isTrain && rate !== null && rate > 0) {
    mask = ops.getDropoutMask([nO] as const, rate, drawSeed());
    Y = ops.scaleColumns(Y, mask);
  }
  function backprop(dYr: RaggedF): DocLike[] {
    let dY = dYr.dataXd as Floats2d;
    if (mask !== undefined) dY = ops.scaleColumns(dY, mask);
    model.incGrad("W", ops.gemm(dY, V, { transA: true }));
    return [];
  }
  return [new Ragged(Y, lengths), backprop] as const;
}
