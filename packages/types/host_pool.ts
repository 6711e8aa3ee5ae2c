/**
 * A pool of released host buffers that `hostArray` reuses before asking the
 * engine for a new one.
 *
 * A new TypedArray of more than a few elements costs a `calloc`, a backing-store
 * record and external-memory accounting that makes V8 collect more often; a
 * training step makes hundreds of short-lived arrays. Layers hand temporaries they
 * alone own back with `ops.release(x)` (which, on the CPU backend, calls
 * {@linkcode releaseHostArray}); `hostArray` then takes a released buffer of a
 * fitting size class, zeroes the part it uses and wraps it. Nothing is pooled
 * unless released, so long-lived arrays (params, optimizer state) cost what they
 * did.
 *
 * Buffers are kept by capacity class (`floor(log2(elements))`); a request for `n`
 * elements takes one with capacity in `[n, 4n)`. The pool holds at most
 * {@linkcode HOST_POOL_MAX_BYTES} bytes; beyond that, releases are dropped (left to
 * the garbage collector).
 *
 * @module
 */
import { type DType, type HostArray, HostStorage, type NdArray, type Shape } from "./arrays.ts";

/** Arrays with fewer elements are neither pooled nor taken from the pool. */
export const HOST_POOL_MIN_ELEMENTS: number = 64;
/** The most bytes the pool keeps; further releases are left to the collector. */
export const HOST_POOL_MAX_BYTES: number = 32 * 1024 * 1024;
/** Buffers larger than this are never pooled (one would pin too much memory). */
const MAX_BUFFER_BYTES = 8 * 1024 * 1024;

/** Released buffers per capacity class (floor log2 of their capacity in 4-byte elements). */
const free: ArrayBuffer[][] = [];
/** Buffers now in the pool, to ignore a second release of the same array. */
const pooled = new Set<ArrayBuffer>();
/** The length of the view the pool last issued over each buffer it handed out. */
const issued = new WeakMap<ArrayBuffer, number>();
let freeBytes = 0;

const CTORS = {
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
} as const;

/**
 * Take a released buffer for `size` elements of `dtype` (zeroed unless `zero` is
 * false), or `undefined` when none fits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { takeHostBuffer } from "@weft/types";
 * // Nothing is pooled before something is released.
 * assert.equal(takeHostBuffer("float32", 1 << 20, true), undefined);
 * ```
 */
export function takeHostBuffer<D extends DType>(
  dtype: D,
  size: number,
  zero: boolean,
): HostArray<D> | undefined {
  if (freeBytes === 0 || size < HOST_POOL_MIN_ELEMENTS) return undefined;
  const floor = 31 - Math.clz32(size);
  for (let c = floor; c <= floor + 1; c++) {
    const list = free[c];
    if (list === undefined) continue;
    for (let i = list.length - 1; i >= 0; i--) {
      const buffer = list[i]!;
      if (buffer.byteLength < size * 4) continue;
      list[i] = list[list.length - 1]!;
      list.pop();
      pooled.delete(buffer);
      freeBytes -= buffer.byteLength;
      issued.set(buffer, size);
      const data = new CTORS[dtype](buffer, 0, size) as HostArray<D>;
      if (zero) data.fill(0);
      return data;
    }
  }
  return undefined;
}

/**
 * Give a host array's memory back for `hostArray` to reuse. The caller promises
 * that neither `x` nor any handle sharing its storage (a `reshape`, a row slice)
 * is used afterwards. Arrays the pool cannot take (device storage, small arrays,
 * views into a larger array, shared memory, repeated releases) are ignored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostData, releaseHostArray } from "@weft/types";
 * const a = hostArray([100, 8] as const, "float32");
 * hostData(a).fill(3);
 * const buffer = hostData(a).buffer;
 * releaseHostArray(a);
 * releaseHostArray(a); // a second release is ignored
 * const b = hostArray([99, 8] as const, "float32");
 * assert.equal(hostData(b).buffer, buffer); // the released memory, zeroed
 * assert.ok(hostData(b).every((v) => v === 0));
 * assert.notEqual(hostData(hostArray([99, 8] as const, "float32")).buffer, buffer);
 * ```
 */
export function releaseHostArray(x: NdArray<Shape, DType>): void {
  const storage = x.storage;
  if (!(storage instanceof HostStorage)) return;
  const data = storage.data;
  const buffer = data.buffer;
  if (
    data.byteOffset !== 0 || data.length < HOST_POOL_MIN_ELEMENTS ||
    !(buffer instanceof ArrayBuffer) || buffer.byteLength > MAX_BUFFER_BYTES ||
    pooled.has(buffer)
  ) return;
  // Only a whole buffer, or the whole view the pool issued over one: never a row
  // slice that starts at 0 but shares its buffer with the rest of an array.
  if (data.byteLength !== buffer.byteLength && issued.get(buffer) !== data.length) return;
  if (freeBytes + buffer.byteLength > HOST_POOL_MAX_BYTES) return;
  const c = 31 - Math.clz32(buffer.byteLength >>> 2);
  (free[c] ??= []).push(buffer);
  pooled.add(buffer);
  issued.delete(buffer);
  freeBytes += buffer.byteLength;
}

/**
 * Drop every pooled buffer (for tests and for freeing memory between jobs).
 *
 * @returns the number of bytes the pool held
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clearHostPool, hostArray, releaseHostArray } from "@weft/types";
 * clearHostPool();
 * releaseHostArray(hostArray([256] as const, "int32"));
 * assert.equal(clearHostPool(), 1024);
 * assert.equal(clearHostPool(), 0);
 * ```
 */
export function clearHostPool(): number {
  const bytes = freeBytes;
  free.length = 0;
  pooled.clear();
  freeBytes = 0;
  return bytes;
}
