/**
 * The shared body of the dense layers with an element-wise activation: an affine
 * map followed by `activate`, whose backward pass sees the pre-activation `Z`.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { denseInit, type DenseOptions, withNormAndDropout } from "./dense.ts";
import { glorotUniformInit } from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { incGradGemm, incGradOwned } from "./util.ts";

/** An activation and its gradient given the pre-activation `Z` and the output `Y`. */
export interface Activation {
  /** `Y = f(Z)`. */
  forward(ops: Ops, Z: Floats2d): Floats2d;
  /** `dZ = f'(Z) * dY`. */
  backward(ops: Ops, dY: Floats2d, Z: Floats2d, Y: Floats2d): Floats2d;
}

/** Build a dense layer named `name` with the given activation and Thinc's options. */
export function activatedDense(
  name: string,
  activation: Activation,
  options: DenseOptions,
  defaultInitW = glorotUniformInit,
): Model<Floats2d, Floats2d> {
  const forward = (model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) => {
    const { ops } = model;
    const W = model.getParam2d("W");
    const Z = ops.affine(X, W, model.getParam1d("b"));
    const Y = activation.forward(ops, Z);
    function backprop(dY: Floats2d): Floats2d {
      const dZ = activation.backward(ops, dY, Z, Y);
      incGradOwned(model, "b", ops.sumRows(dZ));
      incGradGemm(model, "W", dZ, X, { transA: true });
      return ops.gemm(dZ, W);
    }
    return [Y, backprop] as const;
  };
  const model = new Model(name, forward, {
    init: denseInit(options.initW ?? defaultInitW, options.initB ?? zeroInit),
    dims: { nO: options.nO, nI: options.nI },
    params: { W: null, b: null },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
  return withNormAndDropout(model, options);
}
