/**
 * Handle helpers shared by the WebGPU kernels: unwrap storage, allocate results.
 *
 * @module
 */
import { type DType, NdArray, type Shape, shapeSize } from "@weft/types";
import type { GpuRuntime } from "./runtime.ts";
import { GpuStorage } from "./storage.ts";

/**
 * The GPU storage behind an array.
 *
 * @throws {TypeError} naming the op when the array belongs to another backend
 */
export function gpu(x: NdArray, op: string): GpuStorage {
  if (!(x.storage instanceof GpuStorage)) {
    throw new TypeError(
      `${op}() on webgpu got an array with storage of backend "${x.storage.backend}"; ` +
        "move it with ops.asarray(await other.read(x), ...)",
    );
  }
  return x.storage;
}

/** A new array with undefined contents (every element must be written by a kernel). */
export function empty<S extends Shape, D extends DType>(
  rt: GpuRuntime,
  shape: S,
  dtype: D,
): NdArray<S, D> {
  return new NdArray(shape, dtype, rt.pool.take(shapeSize(shape)));
}

/**
 * Check that two arrays have the same shape.
 *
 * @throws {RangeError} naming the op and both shapes
 */
export function sameShape(op: string, a: NdArray, b: NdArray): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, k) => d !== b.shape[k])) {
    throw new RangeError(
      `${op}(): shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}] differ`,
    );
  }
}

/**
 * Check an integer dimension argument.
 *
 * @throws {RangeError} when it is not a non-negative integer
 */
export function dim(op: string, what: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${op}(): ${what} must be a non-negative integer, got ${n}`);
  }
  return n;
}
