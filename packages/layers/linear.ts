import type { Floats2d } from "@weft/types";
import { denseInit, type DenseOptions } from "./dense.ts";
import { glorotUniformInit } from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { incGradGemm, incGradOwned } from "./util.ts";

/** Options of `Linear`: widths and initializers. */
export type LinearOptions = Pick<DenseOptions, "nO" | "nI" | "initW" | "initB">;

/**
 * A dense layer without activation (`Linear.v1`): `Y = X @ W.T + b`.
 *
 * @param options `nO`, `nI` (inferred when omitted), `initW` (Glorot uniform), `initB` (zeros)
 * @returns a `Floats2d -> Floats2d` model named `"linear"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Linear({ nO: 2 }).initialize({ X: ops.alloc2f(5, 3) });
 * assert.deepEqual(model.getParam("W").shape, [2, 3]);
 * assert.deepEqual(model.predict(ops.alloc2f(5, 3)).shape, [5, 2]);
 * ```
 */
export function Linear(options: LinearOptions = {}): Model<Floats2d, Floats2d> {
  return new Model("linear", forward, {
    init: denseInit(options.initW ?? glorotUniformInit, options.initB ?? zeroInit),
    dims: { nO: options.nO, nI: options.nI },
    params: { W: null, b: null },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const { ops } = model;
  const W = model.getParam2d("W");
  const Y = ops.affine(X, W, model.getParam1d("b"));
  function backprop(dY: Floats2d): Floats2d {
    incGradOwned(model, "b", ops.sumRows(dY));
    incGradGemm(model, "W", dY, X, { transA: true });
    return ops.gemm(dY, W);
  }
  return [Y, backprop] as const;
}
