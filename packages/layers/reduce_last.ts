import { type Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Reduce each sequence of a Ragged batch to its last row (`reduce_last.v1`): `[B, N]`.
 *
 * @returns a `Ragged -> Floats2d` model named `"reduce_last"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Ragged } from "@weft/types";
 * import { reduceLast } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = new Ragged(ops.asarray2f([1, 2, 3, 4, 5, 6], 3, 2), new Int32Array([2, 1]));
 * assert.deepEqual(reduceLast().predict(Xr).shape, [2, 2]);
 * ```
 */
export function reduceLast(): Model<Ragged<"float32">, Floats2d> {
  return new Model("reduce_last", forward, { inputType: "Ragged", outputType: "Floats2d" });
}

function forward(
  model: Model<Ragged<"float32">, Floats2d>,
  Xr: Ragged<"float32">,
  _isTrain: boolean,
) {
  const { ops } = model;
  const lengths = Xr.lengths;
  const Y = ops.reduceLast(Xr.data, lengths);
  const backprop = (dY: Floats2d) => new Ragged(ops.backpropReduceLast(dY, lengths), lengths);
  return [Y, backprop] as const;
}
