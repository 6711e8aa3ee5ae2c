import type { Floats2d, Padded } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Unpad a Padded batch into one array per sequence, in the original order (`padded2list.v1`).
 *
 * @returns a `Padded -> List[Floats2d]` model named `"padded2list"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { padded2list } from "@weft/layers";
 * const ops = getOps("cpu");

 * ```
 */
export function padded2list(): Model<Padded<"float32">, Floats2d[]> {
  return new Model("padded2list", forward, { inputType: "Padded", outputType: "List[Floats2d]" });
}

function forward(
  model: Model<Padded<"float32">, Floats2d[]>,
  X: Padded<"float32">,
  _isTrain: boolean,
) {
  const { ops } = model;
  const Y = ops.padded2list(X);
  const backprop = (dY: Floats2d[]): Padded<"float32"> => ops.list2padded(dY);
  return [Y, backprop] as const;
}
