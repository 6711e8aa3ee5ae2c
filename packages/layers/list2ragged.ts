import type { Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Concatenate a list of arrays into a Ragged batch (`list2ragged.v1`).
 *
 * @returns a `List[Floats2d] -> Ragged` model named `"list2ragged"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { list2ragged } from "@weft/layers";
 * const ops = getOps("cpu");

 * ```
 */
export function list2ragged(): Model<Floats2d[], Ragged<"float32">> {
  return new Model("list2ragged", forward, { inputType: "List[Floats2d]", outputType: "Ragged" });
}

function forward(model: Model<Floats2d[], Ragged<"float32">>, X: Floats2d[], _isTrain: boolean) {
  const { ops } = model;
  const Y = ops.list2ragged(X);
  const backprop = (dY: Ragged<"float32">): Floats2d[] => ops.ragged2list(dY);
  return [Y, backprop] as const;
}
