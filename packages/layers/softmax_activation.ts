import type { Floats2d } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Softmax over each row, without weights (`softmax_activation.v1`):
 * `Y[i, j] = exp(X[i, j]) / sum_k exp(X[i, k])`; backprop takes the gradient with
 * respect to `Y` (unlike `Softmax`, whose backprop takes it with respect to the logits).
 *
 * @returns a `Floats2d -> Floats2d` model named `"softmax_activation"`
 * @example Equal scores share the probability
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { softmaxActivation } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Y = softmaxActivation().predict(ops.asarray2f([1, 1, 5, 5], 2, 2));
 * assert.deepEqual([...ops.readSync!(Y)], [0.5, 0.5, 0.5, 0.5]);
 * ```
 */
export function softmaxActivation(): Model<Floats2d, Floats2d> {
  return new Model("softmax_activation", forward, {
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const Y = model.ops.softmax(X);
  const backprop = (dY: Floats2d): Floats2d => model.ops.backpropSoftmax(Y, dY);
  return [Y, backprop] as const;
}
