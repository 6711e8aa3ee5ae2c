import type { Floats2d } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Concatenate a list of arrays along the rows (`list2array.v1`).
 *
 * @returns a `List[Floats2d] -> Floats2d` model named `"list2array"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { list2array } from "@weft/layers";
 * const ops = getOps("cpu");

 * ```
 */
export function list2array(): Model<Floats2d[], Floats2d> {
  return new Model("list2array", forward, { inputType: "List[Floats2d]", outputType: "Floats2d" });
}

function forward(model: Model<Floats2d[], Floats2d>, X: Floats2d[], _isTrain: boolean) {
  const { ops } = model;
  const lengths = Int32Array.from(X, (x) => x.shape[0]);
  const Y = ops.flatten(X);
  const backprop = (dY: Floats2d): Floats2d[] => ops.unflatten(dY, lengths);
  return [Y, backprop] as const;
}
