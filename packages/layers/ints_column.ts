import type { Ints1d, Ints2d } from "@weft/types";
import { Model } from "./model.ts";

/**
 * Column `column` of an `Ints2d` batch, as `Ints1d` (Thinc's `ints_getitem((:, column))`),
 * for embeddings of one feature column. The input gets no gradient.
 *
 * `Ops` has no integer column slice yet, so this reads the ids on the host
 * (`ops.readSync`); backends without synchronous reads are refused.
 *
 * @param column the column index
 * @returns an `Ints2d -> Ints1d` model named `"ints-getitem"`
 * @throws {TypeError} at run time when the backend cannot read synchronously
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
  if (ops.readSync === undefined) {
    throw new TypeError(`Layer "${model.name}" needs a backend with synchronous reads`);
  }
  const data = ops.readSync(X);
  const out = data instanceof Uint32Array ? new Uint32Array(N) : new Int32Array(N);
  for (let i = 0; i < N; i++) out[i] = data[i * K + column]!;
  const Y = ops.asarray1i(out, X.dtype);
  return [Y, (_dY: Ints1d): Ints2d => X] as const;
}
