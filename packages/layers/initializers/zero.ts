/**
 * The zero initializer.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import { sizeOf } from "./initializer.ts";

/**
 * Zeros (`zero_init.v1`), the usual bias initializer. Draws nothing from the generator.
 *
 * @param ops the backend that allocates the array
 * @param shape any shape
 * @returns a new zero-filled float array of `shape`
 * @throws {RangeError} when an extent is bad
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { zeroInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * assert.deepEqual([...ops.readSync!(zeroInit(ops, [2, 2] as const))], [0, 0, 0, 0]);
 * ```
 */
export function zeroInit<S extends Shape>(ops: Ops, shape: S): NdArray<S, "float32"> {
  sizeOf(shape, "zero_init");
  return ops.alloc(shape, "float32");
}
