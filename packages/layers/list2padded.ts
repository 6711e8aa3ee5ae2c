import type { Floats2d, Padded } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Pad a list of arrays into a time-major Padded batch, longest first (`list2padded.v1`).
 *
 * @returns a `List[Floats2d] -> Padded` model named `"list2padded"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { list2padded } from "@weft/layers";
 * const ops = getOps("cpu");

 * ```
 */
export function list2padded(): Model<Floats2d[], Padded<"float32">> {
  return new Model("list2padded", forward, { inputType: "List[Floats2d]", outputType: "Padded" });
}

function forward(model: Model<Floats2d[], Padded<"float32">>, X: Floats2d[], _isTrain: boolean) {
  const { ops } = model;
  const Y = ops.list2padded(X);
  const backprop = (dY: Padded<"float32">): Floats2d[] => ops.padded2list(dY);
  return [Y, backprop] as const;
}
