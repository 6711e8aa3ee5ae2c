import type { DType, NdArray, Ragged, Shape2d } from "@weft/types";
import type { LayoutOptions } from "./list2ragged.ts";
import { Model } from "./model.ts";

/**
 * Split a Ragged batch into one array per sequence (`ragged2list.v1`); integer
 * data keeps its dtype.
 *
 * @param options `dtype`: `"int32"` or `"uint32"` for a `Ragged[Ints2d] -> List[Ints2d]` model
 * @returns a `Ragged -> List[Floats2d]` model named `"ragged2list"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { ragged2list } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xs = ragged2list().predict(ops.list2ragged([ops.alloc2f(2, 3), ops.alloc2f(1, 3)]));
 * assert.deepEqual(Xs.map((x) => x.shape), [[2, 3], [1, 3]]);
 * ```
 */
export function ragged2list<D extends DType = "float32">(
  options: LayoutOptions<D> = {},
): Model<Ragged<D>, NdArray<Shape2d, D>[]> {
  const ints = (options.dtype ?? "float32") !== "float32";
  return new Model<Ragged<D>, NdArray<Shape2d, D>[]>("ragged2list", forward, {
    inputType: ints ? "Ragged[Ints2d]" : "Ragged",
    outputType: ints ? "List[Ints2d]" : "List[Floats2d]",
  });
}

function forward<D extends DType>(
  model: Model<Ragged<D>, NdArray<Shape2d, D>[]>,
  X: Ragged<D>,
  _isTrain: boolean,
) {
  const { ops } = model;
  const Y = ops.ragged2list(X);
  const backprop = (dY: NdArray<Shape2d, D>[]): Ragged<D> => ops.list2ragged(dY);
  return [Y, backprop] as const;
}
