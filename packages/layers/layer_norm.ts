import type { Floats2d } from "@weft/types";
import { Model } from "./model.ts";
import { getWidth, incGradOwned, inferDim } from "./util.ts";

/** Options of `LayerNorm`. */
export interface LayerNormOptions {
  /** The width; inferred from `X` when omitted. */
  nI?: number | null | undefined;
}

/**
 * Layer normalization (`LayerNorm.v1`): each row is standardized to zero mean and
 * unit variance, then scaled and shifted per column: `Y = G * (X - mean) / std + b`.
 *
 * @param options `nI` (inferred when omitted); `nO` always equals `nI`
 * @returns a `Floats2d -> Floats2d` model named `"layernorm"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { LayerNorm } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = LayerNorm().initialize({ X: ops.alloc2f(1, 2) });
 * const Y = ops.readSync!(model.predict(ops.asarray2f([1, 3], 1, 2)));
 * assert.ok(Math.abs(Y[0]! + 1) < 1e-3 && Math.abs(Y[1]! - 1) < 1e-3);
 * ```
 */
export function LayerNorm(options: LayerNormOptions = {}): Model<Floats2d, Floats2d> {
  return new Model("layernorm", forward, {
    init,
    dims: { nI: options.nI, nO: options.nI },
    params: { G: null, b: null },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
}

function init(model: Model<Floats2d, Floats2d>, X?: Floats2d, Y?: Floats2d): void {
  const width = getWidth(X ?? Y);
  inferDim(model, "nI", width, X !== undefined ? "X" : "Y");
  const nI = model.getDim("nI");
  if (model.hasDim("nO") !== true) model.setDim("nO", nI);
  inferDim(model, "nO", nI, "X");
  const G = model.ops.alloc1f(nI);
  model.ops.fill(G, 1);
  model.setParam("G", G);
  model.setParam("b", model.ops.alloc1f(nI));
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const { ops } = model;
  const G = model.getParam1d("G");
  const b = model.getParam1d("b");
  if (ops.layerNorm !== undefined && ops.backpropLayerNorm !== undefined) {
    // The backend's fused kernels: the same values in fewer passes and arrays.
    const { Y, Xhat, invStd } = ops.layerNorm(X, G, b);
    const backpropFused = (dY: Floats2d): Floats2d => {
      const { dX, dG, db } = ops.backpropLayerNorm!(dY, Xhat, invStd, G);
      incGradOwned(model, "b", db);
      incGradOwned(model, "G", dG);
      return dX;
    };
    return [Y, backpropFused] as const;
  }
  const { Y: Xhat, invStd } = ops.normalizeRows(X);
  const Y = ops.scaleColumns(Xhat, G, b);
  function backprop(dY: Floats2d): Floats2d {
    incGradOwned(model, "b", ops.sumRows(dY));
    const dYXhat = ops.mul(dY, Xhat);
    incGradOwned(model, "G", ops.sumRows(dYXhat));
    ops.release(dYXhat);
    const dXhat = ops.scaleColumns(dY, G);
    const dX = ops.backpropNormalizeRows(dXhat, Xhat, invStd);
    ops.release(dXhat);
    return dX;
  }
  return [Y, backprop] as const;
}
