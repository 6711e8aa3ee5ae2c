/**
 * Array handles: a shape, a dtype and storage owned by a backend.
 *
 * The handle carries no math. A backend (`@weft/ops`) creates handles and is the
 * only code that looks inside their storage; layers pass handles around.
 *
 * @module
 */

/** The element types an array can hold. */
export type DType = "float32" | "int32" | "uint32";

/** A shape of rank 1. */
export type Shape1d = readonly [number];
/** A shape of rank 2. */
export type Shape2d = readonly [number, number];
/** A shape of rank 3. */
export type Shape3d = readonly [number, number, number];
/** A shape of rank 4. */
export type Shape4d = readonly [number, number, number, number];
/** Any shape. */
export type Shape = readonly number[];

/**
 * Backend-owned memory behind an array handle. The CPU backend stores a TypedArray,
 * the WebGPU backend a GPU buffer and an offset; both can hand out views that share
 * memory, which is what row slicing of `Ragged` needs.
 */
export interface Storage {
  /** The name of the backend that owns this storage (`"cpu"`, `"webgpu"`). */
  readonly backend: string;
  /** Number of elements this storage holds. */
  readonly length: number;
  /** A view of elements `[start, end)` that shares memory with this storage. */
  view(start: number, end: number): Storage;
}

/** The TypedArray class that holds each dtype on the host. */
export type HostArray<D extends DType> = D extends "float32" ? Float32Array
  : D extends "int32" ? Int32Array
  : Uint32Array;

/**
 * An n-dimensional array handle: shape, dtype and backend storage.
 *
 * @example Wrapping storage in a handle
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostStorage, NdArray } from "@weft/types";
 * const x = new NdArray([2, 3] as const, "float32", new HostStorage(new Float32Array(6)));
 * assert.equal(x.size, 6);
 * assert.equal(x.ndim, 2);
 * ```
 */
export class NdArray<S extends Shape = Shape, D extends DType = DType> {
  /** The extent of each axis. */
  readonly shape: S;
  /** The element type. */
  readonly dtype: D;
  /** Backend-owned memory holding `size` elements in row-major order. */
  readonly storage: Storage;
  /** The number of elements (the product of the shape). */
  readonly size: number;

  /**
   * Wrap storage in a handle of the given shape and dtype.
   *
   * @param shape the extent of each axis; non-negative integers
   * @param dtype the element type
   * @param storage memory holding exactly as many elements as the shape asks for
   * @throws {RangeError} when an extent is negative or fractional, or storage has the wrong length
   */
  constructor(shape: S, dtype: D, storage: Storage) {
    let size = 1;
    for (const extent of shape) {
      if (!Number.isInteger(extent) || extent < 0) {
        throw new RangeError(
          `Invalid shape [${shape.join(", ")}]: extents must be non-negative integers`,
        );
      }
      size *= extent;
    }
    if (storage.length !== size) {
      throw new RangeError(
        `Storage of ${storage.length} elements does not fit shape [${
          shape.join(", ")
        }] (${size} elements)`,
      );
    }
    this.shape = Object.freeze([...shape]) as unknown as S;
    this.dtype = dtype;
    this.storage = storage;
    this.size = size;
  }

  /** The number of axes. */
  get ndim(): number {
    return this.shape.length;
  }
}

/** A float32 array of rank 1. */
export type Floats1d = NdArray<Shape1d, "float32">;
/** A float32 array of rank 2. */
export type Floats2d = NdArray<Shape2d, "float32">;
/** A float32 array of rank 3. */
export type Floats3d = NdArray<Shape3d, "float32">;
/** A float32 array of rank 4. */
export type Floats4d = NdArray<Shape4d, "float32">;
/** A float32 array of any rank. */
export type FloatsXd = NdArray<Shape, "float32">;
/** An integer array (int32 or uint32) of rank 1. */
export type Ints1d = NdArray<Shape1d, "int32" | "uint32">;
/** An integer array (int32 or uint32) of rank 2. */
export type Ints2d = NdArray<Shape2d, "int32" | "uint32">;
/** An integer array of any rank. */
export type IntsXd = NdArray<Shape, "int32" | "uint32">;
/** Any array of rank 2. */
export type Array2d = NdArray<Shape2d, DType>;
/** Any array of any rank. */
export type ArrayXd = NdArray<Shape, DType>;

/**
 * Storage on the host: a TypedArray. The CPU backend uses it, and tests use it to
 * build handles without a backend.
 *
 * @example A view shares memory
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostStorage } from "@weft/types";
 * const s = new HostStorage(new Float32Array([1, 2, 3, 4]));
 * const v = s.view(1, 3);
 * assert.deepEqual([...v.data], [2, 3]);
 * ```
 */
export class HostStorage<T extends Float32Array | Int32Array | Uint32Array> implements Storage {
  /** Always `"cpu"`. */
  readonly backend = "cpu";
  /** The elements. */
  readonly data: T;

  /**
   * Wrap a TypedArray.
   *
   * @param data the elements; the storage keeps a reference, not a copy
   */
  constructor(data: T) {
    this.data = data;
  }

  /** The number of elements. */
  get length(): number {
    return this.data.length;
  }

  /**
   * A view of elements `[start, end)` sharing memory.
   *
   * @throws {RangeError} when the range falls outside the storage
   */
  view(start: number, end: number): HostStorage<T> {
    if (start < 0 || end < start || end > this.data.length) {
      throw new RangeError(
        `View [${start}, ${end}) is outside storage of ${this.data.length} elements`,
      );
    }
    return new HostStorage(this.data.subarray(start, end) as T);
  }
}

/**
 * Multiply the extents of a shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shapeSize } from "@weft/types";
 * assert.equal(shapeSize([2, 3, 4]), 24);
 * ```
 */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/**
 * Check the rank of an array, for functions that accept any handle.
 *
 * @throws {TypeError} naming `what` when the rank differs
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertRank, HostStorage, NdArray } from "@weft/types";
 * const x = new NdArray([4] as const, "float32", new HostStorage(new Float32Array(4)));
 * assert.throws(() => assertRank(x, 2, "Ragged data"), TypeError);
 * ```
 */
export function assertRank(
  x: { readonly shape: Shape },
  rank: number,
  what: string,
): void {
  if (x.shape.length !== rank) {
    throw new TypeError(
      `${what} must have rank ${rank}, got shape [${x.shape.join(", ")}]`,
    );
  }
}
