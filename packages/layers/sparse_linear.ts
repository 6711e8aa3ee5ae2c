import type { Floats1d, Floats2d, Ints1d } from "@weft/types";
import { Model } from "./model.ts";
import { getWidth, incGradOwned, inferDim } from "./util.ts";

/**
 * Sparse features of a batch: every sequence's feature keys and values back to
 * back, and how many features each sequence has.
 */
export type SparseFeatures = readonly [keys: Ints1d, values: Floats1d, lengths: Int32Array];

/** Options of `SparseLinear`. */
export interface SparseLinearOptions {
  /** Output width; inferred from `Y` when omitted. */
  nO?: number | null | undefined;
  /** Number of weight rows per output the keys are hashed into; 2^18 by default. */
  length?: number | undefined;
  /** Thinc's `SparseLinear.v1` slot indexing (kept for old pipelines); false by default. */
  v1Indexing?: boolean | undefined;
}

/**
 * A linear layer over sparse bag-of-features input (`SparseLinear.v2`, and
 * `SparseLinear.v1` with `v1Indexing`): for each
 * sequence, `Y[o] = b[o] + sum_f W[o, key_f % length] * value_f`. Weights start at zero.
 * The input gets no gradient (keys are discrete).
 *
 * @param options `nO` and `length`
 * @returns a `SparseFeatures -> Floats2d` model named `"sparse_linear"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { SparseLinear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = SparseLinear({ nO: 2, length: 16 }).initialize();
 * const X = [ops.asarray1i([3, 7, 3], "uint32"), ops.asarray1f([1, 1, 1]), new Int32Array([2, 1])] as const;
 * assert.deepEqual(model.predict(X).shape, [2, 2]);
 * ```
 */
export function SparseLinear(options: SparseLinearOptions = {}): Model<SparseFeatures, Floats2d> {
  return new Model("sparse_linear", forward, {
    init,
    dims: { nO: options.nO, length: options.length ?? 2 ** 18 },
    params: { W: null, b: null },
    attrs: { v1_indexing: options.v1Indexing ?? false },
    inputType: "SparseFeatures",
    outputType: "Floats2d",
  });
}

function init(model: Model<SparseFeatures, Floats2d>, _X?: SparseFeatures, Y?: Floats2d): void {
  if (Y !== undefined) inferDim(model, "nO", getWidth(Y), "Y");
  const nO = model.getDim("nO");
  model.setParam("W", model.ops.alloc1f(nO * model.getDim("length")));
  model.setParam("b", model.ops.alloc1f(nO));
}

function forward(model: Model<SparseFeatures, Floats2d>, X: SparseFeatures, _isTrain: boolean) {
  const { ops } = model;
  const [keys, values, lengths] = X;
  const nO = model.getDim("nO");
  const length = model.getDim("length");
  const W = model.getParam1d("W");
  const v1 = model.getAttr<boolean>("v1_indexing");
  const Y = ops.sparseLinear(keys, values, lengths, W, model.getParam1d("b"), nO, length, v1);
  function backprop(dY: Floats2d): SparseFeatures {
    // The kernel adds into dW: scatter straight into W's gradient (a dense
    // temporary of the whole table, then adding it, cost two passes over it per call).
    let dW = model.maybeGetGrad("W") as Floats1d | null;
    if (dW === null) {
      dW = ops.alloc1f(W.shape[0]);
      model.setGrad("W", dW);
    }
    ops.backpropSparseLinear(dY, keys, values, lengths, dW, nO, length, v1);
    incGradOwned(model, "b", ops.sumRows(dY));
    return X;
  }
  return [Y, backprop] as const;
}
