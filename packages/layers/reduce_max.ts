import { type Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Reduce each sequence of a Ragged batch to the maximum of each column
 * (`reduce_max.v1`): `[B, N]`; the gradient flows to the winning rows.
 *
 * @returns a `Ragged -> Floats2d` model named `"reduce_max"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Ragged } from "@weft/types";
 * import { reduceMax } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = new Ragged(ops.asarray2f([1, 5, 3, 4, 5, 6], 3, 2), new Int32Array([2, 1]));
 * assert.deepEqual([...ops.readSync!(reduceMax().predict(Xr))], [3, 5, 5, 6]);
 * ```
 */
export function reduceMax(): Model<Ragged<"float32">, Floats2d> {
  return new Model("reduce_max", forward, { inputType: "Ragged", outputType: "Floats2d" });
}

function forward(
  model: Model<Ragged<"float32">, Floats2d>,
  Xr: Ragged<"float32">,
  _isTrain: boolean,
) {
  const { ops } = model;
  const lengths = Xr.lengths;
  const { Y, which } = ops.reduceMax(Xr.data, lengths);
  const backprop = (dY: Floats2d) => new Ragged(ops.backpropReduceMax(dY, which, lengths), lengths);
  return [Y, backprop] as const;
}
