import { type Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Reduce each sequence of a Ragged batch to its first row (`reduce_first.v1`): `[B, N]`.
 *
 * @returns a `Ragged -> Floats2d` model named `"reduce_first"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Ragged } from "@weft/types";
 * import { reduceFirst } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = new Ragged(ops.asarray2f([1, 2, 3, 4, 5, 6], 3, 2), new Int32Array([2, 1]));
 * assert.deepEqual(reduceFirst().predict(Xr).shape, [2, 2]);
 * ```
 */
export function reduceFirst(): Model<Ragged<"float32">, Floats2d> {
  return new Model("reduce_first", forward, { inputType: "Ragged", outputType: "Floats2d" });
}

function forward(
  model: Model<Ragged<"float32">, Floats2d>,
  Xr: Ragged<"float32">,
  _isTrain: boolean,
) {
  const { ops } = model;
  const lengths = Xr.lengths;
  const Y = ops.reduceFirst(Xr.data, lengths);
  const backprop = (dY: Floats2d) => new Ragged(ops.backpropReduceFirst(dY, lengths), lengths);
  return [Y, backprop] as const;
}
