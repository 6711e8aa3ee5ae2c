import type { Floats2d } from "@weft/types";
import { denseInit, type DenseOptions } from "./dense.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { incGradGemm, incGradOwned } from "./util.ts";

/** Options of `Softmax`: widths, initializers, and (v2) output normalization and temperature. */
export interface SoftmaxOptions extends Pick<DenseOptions, "nO" | "nI" | "initW" | "initB"> {
  /** Normalize outputs at prediction time (v2); true by default. Training always normalizes. */
  normalizeOutputs?: boolean | undefined;
  /** Divide the logits by this before normalizing (v2); 1 by default. */
  temperature?: number | undefined;
}

function checkTemperature(temperature: number): void {
  if (!(temperature > 0)) {
    throw new RangeError(`Softmax temperature must be greater than 0, got ${temperature}`);
  }
}

/**
 * A dense layer with softmax output (`Softmax.v1`, and `Softmax.v2` with
 * `normalizeOutputs` and `temperature`): `Y = softmax((X @ W.T + b) / T)`.
 *
 * As in Thinc, backprop takes the gradient of the loss with respect to the
 * logits (for cross-entropy: `Y - truth`), not with respect to `Y`; it divides by
 * the temperature. With `normalizeOutputs: false` prediction returns the logits.
 *
 * @param options `nO`, `nI`, `initW`, `initB` (zeros), `normalizeOutputs`, `temperature`
 * @returns a `Floats2d -> Floats2d` model named `"softmax"`
 * @throws {RangeError} when the temperature is not positive
 * @example Rows sum to one
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Softmax } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Softmax({ nO: 4, nI: 2 }).initialize();
 * assert.deepEqual([...ops.readSync!(model.predict(ops.alloc2f(1, 2)))], [0.25, 0.25, 0.25, 0.25]);
 * ```
 */
export function Softmax(options: SoftmaxOptions = {}): Model<Floats2d, Floats2d> {
  const temperature = options.temperature ?? 1;
  checkTemperature(temperature);
  return new Model("softmax", forward, {
    init: denseInit(options.initW ?? zeroInit, options.initB ?? zeroInit),
    dims: { nO: options.nO, nI: options.nI },
    params: { W: null, b: null },
    attrs: {
      softmax_normalize: options.normalizeOutputs ?? true,
      softmax_temperature: temperature,
    },
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, isTrain: boolean) {
  const { ops } = model;
  const normalize = model.getAttr<boolean>("softmax_normalize") || isTrain;
  const temperature = model.getAttr<number>("softmax_temperature");
  checkTemperature(temperature);
  const W = model.getParam2d("W");
  const Z = ops.affine(X, W, model.getParam1d("b"));
  const Y = normalize ? ops.softmax(Z, { temperature }) : Z;
  function backprop(dY: Floats2d): Floats2d {
    if (!normalize) {
      throw new TypeError(`Layer "${model.name}": backprop is not supported without normalization`);
    }
    const dZ = temperature === 1 ? dY : ops.scale(dY, 1 / temperature);
    incGradOwned(model, "b", ops.sumRows(dZ));
    incGradGemm(model, "W", dZ, X, { transA: true });
    const dX = ops.gemm(dZ, W);
    if (dZ !== dY) ops.release(dZ); // the scaled copy is ours; dY is the caller's
    return dX;
  }
  return [Y, backprop] as const;
}
