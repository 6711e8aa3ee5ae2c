/**
 * Building and checking the sorted tables of `Ops.lookupIds`.
 *
 * @module
 */
import type { NdArray } from "@weft/types";

/**
 * Check the shapes of a lookup table and its fallback.
 *
 * @throws {RangeError} when keys and values differ in length or the fallback is not an int32
 */
export function checkLookupTable(
  keys: NdArray<readonly [number]>,
  values: NdArray<readonly [number]>,
  fallback: number,
): void {
  if (keys.shape.length !== 1 || values.shape.length !== 1 || keys.size !== values.size) {
    throw new RangeError(
      `lookupIds: keys [${keys.shape.join(", ")}] and values [${
        values.shape.join(", ")
      }] must be 1-d of one length`,
    );
  }
  if (!Number.isInteger(fallback) || fallback < -0x80000000 || fallback > 0x7fffffff) {
    throw new RangeError(`lookupIds: fallback ${fallback} is not a 32-bit signed integer`);
  }
}

/**
 * A mapping as the sorted `keys` and matching `values` that `Ops.lookupIds` takes:
 * keys sorted as unsigned 32-bit integers, a repeated key keeping its last value.
 *
 * @param entries `[id, value]` pairs (ids are taken modulo 2^32)
 * @returns host arrays to upload once with `ops.asarray1i(keys, "uint32")` and `ops.asarray1i(values)`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortedLookupTable } from "@weft/ops";
 * const { keys, values } = sortedLookupTable([[20, 2], [10, 1]]);
 * assert.deepEqual([...keys], [10, 20]);
 * assert.deepEqual([...values], [1, 2]);
 * ```
 */
export function sortedLookupTable(
  entries: Iterable<readonly [number, number]>,
): { keys: Uint32Array; values: Int32Array } {
  const map = new Map<number, number>();
  for (const [k, v] of entries) map.set(k >>> 0, v);
  const keys = Uint32Array.from(map.keys()).sort();
  const values = Int32Array.from(keys, (k) => map.get(k)!);
  return { keys, values };
}
