import type { Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Split a Ragged batch into one array per sequence (`ragged2list.v1`).
 *
 * @returns a `Ragged -> List[Floats2d]` model named `"ragged2list"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { ragged2list } from "@weft/layers";
 * const ops = getOps("cpu");

 * ```
 */
export function ragged2list(): Model<Ragged<"float32">, Floats2d[]> {
  return new Model("ragged2list", forward, { inputType: "Ragged", outputType: "List[Floats2d]" });
}

function forward(
  model: Model<Ragged<"float32">, Floats2d[]>,
  X: Ragged<"float32">,
  _isTrain: boolean,
) {
  const { ops } = model;
  const Y = ops.ragged2list(X);
  const backprop = (dY: Floats2d[]): Ragged<"float32"> => ops.list2ragged(dY);
  return [Y, backprop] as const;
}
