import type { Floats2d } from "@weft/types";
import { denseInit, type DenseOptions, withNormAndDropout } from "./dense.ts";
import { glorotUniformInit } from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { incGradGemm, incGradOwned } from "./util.ts";

/**
 * A dense layer with rectified linear activation (`Relu.v1`): `Y = max(0, X @ W.T + b)`.
 * `normalize` and `dropout` chain a `LayerNorm` and a `Dropout` after it, as in Thinc.
 *
 * @param options `nO`, `nI`, `initW` (Glorot uniform), `initB` (zeros), `dropout`, `normalize`
 * @returns a `Floats2d -> Floats2d` model named `"relu"` (or a chain ending in it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Relu } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Relu({ nO: 4, nI: 3 }).initialize();
 * const Y = model.predict(ops.asarray2f([1, -2, 3, 0, 0, 0], 2, 3));
 * assert.ok([...ops.readSync!(Y)].every((y) => y >= 0));
 * assert.equal(Relu({ nO: 4, dropout: 0.2, normalize: true }).name, "relu>>layernorm>>dropout");
 * ```
 */
export function Relu(options: DenseOptions = {}): Model<Floats2d, Floats2d> {
  const model = new Model("relu", forward, {
    init: denseInit(options.initW ?? glorotUniformInit, options.initB ?? zeroInit),
    dims: { nO: options.nO, nI: options.nI },
    params: { W: null, b: null },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
  return withNormAndDropout(model, options);
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const { ops } = model;
  const W = model.getParam2d("W");
  const Y = ops.relu(ops.affine(X, W, model.getParam1d("b")));
  function backprop(dY: Floats2d): Floats2d {
    const dZ = ops.backpropRelu(dY, Y);
    incGradOwned(model, "b", ops.sumRows(dZ));
    incGradGemm(model, "W", dZ, X, { transA: true });
    const dX = ops.gemm(dZ, W);
    ops.release(dZ); // made here, used by nothing else
    return dX;
  }
  return [Y, backprop] as const;
}
