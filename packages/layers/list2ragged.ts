import type { DType, NdArray, Ragged, Shape2d } from "@weft/types";
import { Model } from "./model.ts";

/** Options of `list2ragged` and `ragged2list`. */
export interface LayoutOptions<D extends DType = "float32"> {
  /** The dtype of the arrays, for the layer's type tags; `"float32"` by default. */
  dtype?: D | undefined;
}

/**
 * Concatenate a list of arrays into a Ragged batch (`list2ragged.v1`). Integer
 * arrays (feature ids) keep their dtype.
 *
 * @param options `dtype`: `"int32"` or `"uint32"` for a `List[Ints2d] -> Ragged[Ints2d]` model
 * @returns a `List[Floats2d] -> Ragged` model named `"list2ragged"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { list2ragged } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = list2ragged().predict([ops.alloc2f(2, 3), ops.alloc2f(1, 3)]);
 * assert.deepEqual([...Xr.lengths], [2, 1]);
 * const id = ops.asarray([4294967295], [1, 1] as const, "uint32");
 * const ids = list2ragged({ dtype: "uint32" }).predict([id]);
 * assert.deepEqual([...ops.readSync!(ids.data)], [4294967295]);
 * ```
 */
export function list2ragged<D extends DType = "float32">(
  options: LayoutOptions<D> = {},
): Model<NdArray<Shape2d, D>[], Ragged<D>> {
  const ints = (options.dtype ?? "float32") !== "float32";
  return new Model<NdArray<Shape2d, D>[], Ragged<D>>("list2ragged", forward, {
    inputType: ints ? "List[Ints2d]" : "List[Floats2d]",
    outputType: ints ? "Ragged[Ints2d]" : "Ragged",
  });
}

function forward<D extends DType>(
  model: Model<NdArray<Shape2d, D>[], Ragged<D>>,
  X: NdArray<Shape2d, D>[],
  _isTrain: boolean,
) {
  const { ops } = model;
  const Y = ops.list2ragged(X);
  const backprop = (dY: Ragged<D>): NdArray<Shape2d, D>[] => ops.ragged2list(dY);
  return [Y, backprop] as const;
}
