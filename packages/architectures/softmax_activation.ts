/**
 * PRIVATE STAND-IN, to be replaced by `@weft/layers`' `softmaxActivation`
 * (Thinc's `softmax_activation.v1`) once it exists.
 *
 * @module
 */
import { Model } from "@weft/layers";
import type { Floats2d } from "@weft/types";

/**
 * Softmax over each row, without weights (Thinc's `softmax_activation`).
 *
 * @returns a `Floats2d -> Floats2d` model named `"softmax_activation"`
 */
export function softmaxActivation(): Model<Floats2d, Floats2d> {
  return new Model<Floats2d, Floats2d>("softmax_activation", forward, {
    inputType: "Floats2d",
    outputType: "Floats2d",
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const Y = model.ops.softmax(X);
  const backprop = (dY: Floats2d): Floats2d => model.ops.backpropSoftmax(Y, dY);
  return [Y, backprop] as const;
}
