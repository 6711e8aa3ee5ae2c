import type { Ints1d, Ints2d } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Column `column` of an `Ints2d` batch, as `Ints1d` (Thinc's `ints_getitem((:, column))`),
 * for embeddings of one feature column, computed on the backend
 * (`ops.sliceColumns`, which keeps the dtype). The input gets no gradient.
 *
 * @param column the column index
 * @returns an `Ints2d -> Ints1d` model named `"ints-getitem"`
 * @throws {RangeError} at run time when the column is outside the input
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { intsColumn } from "@weft/layers";
 * const ops = getOps("cpu");
 * const X = ops.asarray2i([1, 2, 3, 4, 5, 6], 3, 2);
 * assert.deepEqual([...ops.readSync!(intsColumn(1).predict(X))], [2, 4, 6]);
 * ```
 */
export function intsColumn(column: number): Model<Ints2d, Ints1d> {
  return new Model("ints-getitem", forward, {
    attrs: { column },
    inputType: "Ints2d",
    outputType: "Ints1d",
  });
}

function forward(model: Model<Ints2d, Ints1d>, X: Ints2d, _isTrain: boolean) {
  const { ops } = model;
  const column = model.getAttr<number>("column");
  const [N, K] = X.shape;
  if (!(column >= 0 && column < K)) {
    throw new RangeError(`Layer "${model.name}": column ${column} is outside [0, ${K})`);
  }
  const Y: Ints1d = ops.reshape(ops.sliceColumns(X, column, column + 1), [N] as const);
  return [Y, (_dY: Ints1d): Ints2d => X] as const;
}
