/**
 * Element-wise sums over the structures layers pass around (arrays, lists,
 * Ragged, Padded), for combinators that add outputs or input gradients.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import { type FloatsXd, NdArray, Padded, Ragged } from "@weft/types";

/**
 * `a + b` for two values of the same structure. Values without float arrays (such
 * as the gradient of a list of documents) are not added: `a` is returned.
 *
 * @throws {TypeError} when the structures differ
 */
export function addValues<T>(ops: Ops, a: T, b: T): T {
  if (a instanceof NdArray && b instanceof NdArray) {
    if (a.dtype !== "float32") return a;
    return ops.add(a as FloatsXd, b as FloatsXd) as T;
  }
  if (a instanceof Ragged && b instanceof Ragged) {
    return new Ragged(addValues(ops, a.dataXd, b.dataXd), a.lengths) as T;
  }
  if (a instanceof Padded && b instanceof Padded) {
    return new Padded(addValues(ops, a.data, b.data), a.sizeAtT, a.lengths, a.indices) as T;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      throw new TypeError(`Cannot add lists of lengths ${a.length} and ${b.length}`);
    }
    return a.map((x, i) => addValues(ops, x, b[i])) as T;
  }
  if (a === null || a === undefined || typeof a !== "object") return a;
  if (a.constructor !== b?.constructor) {
    throw new TypeError("Cannot add values of different structures");
  }
  return a;
}
