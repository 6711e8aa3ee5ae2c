import type { Floats2d, Floats3d } from "@weft/types";
import { denseInit, type DenseOptions, withNormAndDropout } from "./dense.ts";
import { glorotUniformInit } from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { incGradGemm, incGradOwned } from "./util.ts";

/** Options of `Maxout`: those of the dense layers plus the number of pieces. */
export interface MaxoutOptions extends DenseOptions {
  /** Pieces per output unit; 3 by default. */
  nP?: number | undefined;
}

/**
 * A dense layer whose outputs are the maximum of `nP` affine pieces (`Maxout.v1`):
 * `Y[:, o] = max_p (X @ W[o, p].T + b[o, p])`, with `W [nO, nP, nI]`, `b [nO, nP]`.
 *
 * @param options `nO`, `nI`, `nP` (3), `initW`, `initB`, `dropout`, `normalize`
 * @returns a `Floats2d -> Floats2d` model named `"maxout"` (or a chain starting with it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Maxout } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Maxout({ nO: 2, nI: 3, nP: 4 }).initialize();
 * assert.deepEqual(model.getParam("W").shape, [2, 4, 3]);
 * assert.deepEqual(model.predict(ops.alloc2f(5, 3)).shape, [5, 2]);
 * ```
 */
export function Maxout(options: MaxoutOptions = {}): Model<Floats2d, Floats2d> {
  const model = new Model("maxout", forward, {
    init: denseInit(
      options.initW ?? glorotUniformInit,
      options.initB ?? zeroInit,
      (m, nO, nI) => [nO, m.getDim("nP"), nI],
      (m, nO) => [nO, m.getDim("nP")],
    ),
    dims: { nO: options.nO, nI: options.nI, nP: options.nP ?? 3 },
    params: { W: null, b: null },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
  return withNormAndDropout(model, options);
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const { ops } = model;
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const nI = model.getDim("nI");
  const W = ops.reshape<readonly [number, number], "float32">(model.getParam("W"), [nO * nP, nI]);
  const b = ops.reshape<readonly [number], "float32">(model.getParam("b"), [nO * nP]);
  const Z = ops.affine(X, W, b);
  const { best, which } = ops.maxout(ops.reshape<readonly [number, number, number], "float32">(
    Z,
    [X.shape[0], nO, nP],
  ));
  ops.release(Z); // the pre-activations are not needed for the backward pass
  function backprop(dBest: Floats2d): Floats2d {
    const dZ: Floats3d = ops.backpropMaxout(dBest, which, nP);
    const dZ2 = ops.reshape<readonly [number, number], "float32">(dZ, [X.shape[0], nO * nP]);
    incGradOwned(model, "b", ops.reshape(ops.sumRows(dZ2), [nO, nP]));
    incGradGemm(model, "W", dZ2, X, { transA: true });
    const dX = ops.gemm(dZ2, W);
    ops.release(dZ); // made here, used by nothing else
    return dX;
  }
  return [best, backprop] as const;
}
