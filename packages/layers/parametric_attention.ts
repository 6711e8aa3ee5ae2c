import type { Ops } from "@weft/ops";
import { type Floats1d, type Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { getRandom } from "./random.ts";
import { getWidth, inferDim } from "./util.ts";

/** Options of `ParametricAttention` (v2 adds `keyTransform`). */
export interface ParametricAttentionOptions {
  /** The width; inferred from `X` when omitted. */
  nO?: number | null | undefined;
  /**
   * A `Floats2d -> Floats2d` layer mapping inputs to keys (v2), kept as child and
   * ref `key_transform`; without one the inputs are the keys and the model has no
   * child, as Thinc's v1. `ParametricAttention.v2` passes `noop()` by default.
   */
  keyTransform?: Model<Floats2d, Floats2d> | undefined;
}

/**
 * Weight each row of a Ragged batch by its attention within its sequence
 * (`ParametricAttention.v1`, and `ParametricAttention.v2` with a key transform):
 * `a = softmax_seq(K @ Q)`, `Y = X * a`, where `K = keyTransform(X)` (or `K = X`
 * without one) and `Q` is learned.
 *
 * @param options `nO` and (v2) `keyTransform`
 * @returns a `Ragged -> Ragged` model named `"para-attn"`, with child and ref
 *   `key_transform` when one is given
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { ParametricAttention } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = ops.list2ragged([ops.asarray2f([1, 2, 3, 4], 2, 2)]);
 * const model = ParametricAttention().initialize({ X: Xr });
 * ops.fill(model.getParam("Q"), 0);
 * // With Q = 0 both rows get attention 1/2.
 * assert.deepEqual([...ops.readSync!(model.predict(Xr).dataXd)], [0.5, 1, 1.5, 2]);
 * // Like Thinc's v1, it has no child without a key transform.
 * assert.equal(model.layers.length, 0);
 * ```
 */
export function ParametricAttention(
  options: ParametricAttentionOptions = {},
): Model<Ragged<"float32">, Ragged<"float32">> {
  const keyTransform = options.keyTransform as Model | undefined;
  return new Model("para-attn", forward, {
    init,
    params: { Q: null },
    dims: { nO: options.nO },
    ...(keyTransform === undefined
      ? {}
      : { refs: { key_transform: keyTransform }, layers: [keyTransform] }),
    inputType: "Ragged",
    outputType: "Ragged",
  });
}

type RaggedF = Ragged<"float32">;

function init(model: Model<RaggedF, RaggedF>, X?: RaggedF, Y?: RaggedF): void {
  const keyTransform = model.maybeGetRef("key_transform");
  const width = X === undefined ? null : getWidth(X);
  inferDim(model, "nO", width, "X");
  if (width !== null && keyTransform?.hasDim("nO") === null) keyTransform.setDim("nO", width);
  const nO = model.getDim("nO");
  const rng = getRandom();
  const q = new Float32Array(nO);
  for (let i = 0; i < nO; i++) q[i] = rng.uniform(-0.1, 0.1);
  model.setParam("Q", model.ops.asarray1f(q));
  keyTransform?.initialize({ X: X?.data, Y: Y?.data });
}

function outer(ops: Ops, a: Floats1d, b: Floats1d): Floats2d {
  const A = ops.reshape(a, [a.shape[0], 1] as const);
  const B = ops.reshape(b, [1, b.shape[0]] as const);
  return ops.gemm(A, B);
}

function forward(model: Model<RaggedF, RaggedF>, Xr: RaggedF, isTrain: boolean) {
  const { ops } = model;
  const Q = model.getParam1d("Q");
  const X = Xr.data as Floats2d;
  const lengths = Xr.lengths;
  const keyTransform = model.maybeGetRef("key_transform") as Model<Floats2d, Floats2d> | null;
  const [K, bpK] = keyTransform === null
    ? [X, (d: Floats2d) => d] as const
    : keyTransform.call(X, isTrain);
  const scores = ops.gemm(K, ops.reshape(Q, [Q.shape[0], 1] as const));
  const attention = ops.softmaxSequences(scores, lengths);
  const a = ops.reshape(attention, [attention.shape[0]] as const);
  const Y = ops.mulRows(X, a);
  function backprop(dYr: RaggedF): RaggedF {
    const dY = dYr.data as Floats2d;
    const dA = ops.reshape(ops.rowDots(X, dY), [X.shape[0], 1] as const);
    const dScores = ops.backpropSoftmaxSequences(dA, attention, lengths);
    const ds = ops.reshape(dScores, [dScores.shape[0]] as const);
    model.incGrad("Q", ops.reshape(ops.gemm(K, dScores, { transA: true }), [Q.shape[0]] as const));
    const dX = ops.add(ops.mulRows(dY, a), bpK(outer(ops, ds, Q)));
    return new Ragged(dX, dYr.lengths);
  }
  return [new Ragged(Y, lengths), backprop] as const;
}
