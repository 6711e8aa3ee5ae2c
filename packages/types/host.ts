/**
 * Host-memory helpers: build handles over TypedArrays and convert between lists,
 * `Ragged` and `Padded` when the data lives on the host. Backends with device
 * memory implement the same conversions in `@weft/ops`.
 *
 * @module
 */
import {
  type DType,
  type HostArray,
  HostStorage,
  NdArray,
  type Shape,
  shapeSize,
} from "./arrays.ts";
import { takeHostBuffer } from "./host_pool.ts";
import { Padded, paddedLayout } from "./padded.ts";
import { Ragged } from "./ragged.ts";

const CTORS = {
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
} as const;

/**
 * Make a host array of the given shape and dtype, from values or zeros. Memory
 * released with {@linkcode releaseHostArray} is reused when a buffer fits.
 *
 * @throws {RangeError} when the number of values does not match the shape
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostData } from "@weft/types";
 * const x = hostArray([2, 2] as const, "float32", [1, 2, 3, 4]);
 * assert.deepEqual([...hostData(x)], [1, 2, 3, 4]);
 * ```
 */
export function hostArray<S extends Shape, D extends DType>(
  shape: S,
  dtype: D,
  values?: ArrayLike<number>,
): NdArray<S, D> {
  const size = shapeSize(shape);
  if (values !== undefined && values.length !== size) {
    throw new RangeError(
      `Expected ${size} values for shape [${shape.join(", ")}], got ${values.length}`,
    );
  }
  const data = takeHostBuffer(dtype, size, values === undefined) ??
    new CTORS[dtype](size) as HostArray<D>;
  if (values !== undefined) data.set(values);
  return new NdArray(shape, dtype, new HostStorage(data));
}

/**
 * The TypedArray behind a host array (shared, not copied).
 *
 * @throws {TypeError} when the array's storage is not on the host
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostData } from "@weft/types";
 * assert.ok(hostData(hostArray([3] as const, "int32")) instanceof Int32Array);
 * ```
 */
export function hostData<D extends DType>(x: NdArray<Shape, D>): HostArray<D> {
  if (!(x.storage instanceof HostStorage)) {
    throw new TypeError(
      `Expected an array in host memory, got storage of backend "${x.storage.backend}"`,
    );
  }
  return x.storage.data as HostArray<D>;
}

/**
 * Concatenate host arrays along the first axis into a Ragged (copies).
 *
 * @throws {TypeError} when the arrays disagree on dtype or trailing shape
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostListToRagged } from "@weft/types";
 * const r = hostListToRagged([hostArray([1, 2] as const, "float32"), hostArray([2, 2] as const, "float32")], "float32", [2]);
 * assert.deepEqual([...r.lengths], [1, 2]);
 * ```
 */
export function hostListToRagged<D extends DType>(
  xs: readonly NdArray<Shape, D>[],
  dtype: D,
  rowShape: Shape,
): Ragged<D> {
  const rowSize = shapeSize(rowShape);
  const lengths = new Int32Array(xs.length);
  let rows = 0;
  xs.forEach((x, i) => {
    if (x.dtype !== dtype) {
      throw new TypeError(
        `List item ${i} has dtype ${x.dtype}, expected ${dtype}`,
      );
    }
    const trailing = x.shape.slice(1);
    if (x.shape.length < 1 || trailing.join() !== rowShape.join()) {
      throw new TypeError(
        `List item ${i} has shape [${x.shape.join(", ")}], expected [n, ${rowShape.join(", ")}]`,
      );
    }
    lengths[i] = x.shape[0]!;
    rows += x.shape[0]!;
  });
  const out = hostArray([rows, ...rowShape], dtype);
  const data = hostData(out);
  let offset = 0;
  for (const x of xs) {
    data.set(hostData(x), offset);
    offset += x.shape[0]! * rowSize;
  }
  return new Ragged(out, lengths);
}

/**
 * Split a host Ragged into one array per sequence (copies).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostRaggedToList, Ragged } from "@weft/types";
 * const r = new Ragged(hostArray([3] as const, "int32", [1, 2, 3]), new Int32Array([1, 2]));
 * assert.deepEqual(hostRaggedToList(r).map((x) => x.shape[0]), [1, 2]);
 * ```
 */
export function hostRaggedToList<D extends DType>(
  r: Ragged<D>,
): NdArray<Shape, D>[] {
  return r.toList().map((x) => hostArray(x.shape, x.dtype, hostData(x)));
}

/**
 * Pad host arrays of shape `[n_i, N]` into a time-major Padded (copies).
 *
 * @throws {TypeError} when an item is not rank 2 with `N` columns
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostListToPadded } from "@weft/types";
 * const p = hostListToPadded([hostArray([1, 1] as const, "float32", [5]), hostArray([2, 1] as const, "float32", [6, 7])], "float32", 1);
 * assert.deepEqual([...p.indices], [1, 0]);
 * assert.deepEqual(p.data.shape, [2, 2, 1]);
 * ```
 */
export function hostListToPadded<D extends DType>(
  xs: readonly NdArray<Shape, D>[],
  dtype: D,
  nFeatures: number,
): Padded<D> {
  xs.forEach((x, i) => {
    if (x.shape.length !== 2 || x.shape[1] !== nFeatures || x.dtype !== dtype) {
      throw new TypeError(
        `List item ${i} has shape [${
          x.shape.join(", ")
        }] and dtype ${x.dtype}, expected [n, ${nFeatures}] ${dtype}`,
      );
    }
  });
  const { indices, lengths, sizeAtT } = paddedLayout(
    xs.map((x) => x.shape[0]!),
  );
  const T = sizeAtT.length;
  const B = xs.length;
  const out = hostArray([T, B, nFeatures] as const, dtype);
  const data = hostData(out);
  for (let b = 0; b < B; b++) {
    const src = hostData(xs[indices[b]!]!);
    for (let t = 0; t < lengths[b]!; t++) {
      data.set(
        src.subarray(t * nFeatures, (t + 1) * nFeatures),
        (t * B + b) * nFeatures,
      );
    }
  }
  return new Padded(out, sizeAtT, lengths, indices);
}

/**
 * Undo `hostListToPadded`: one `[n_i, N]` array per sequence, in the original order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, hostListToPadded, hostPaddedToList } from "@weft/types";
 * const xs = [hostArray([1, 1] as const, "float32", [5]), hostArray([2, 1] as const, "float32", [6, 7])];
 * const back = hostPaddedToList(hostListToPadded(xs, "float32", 1));
 * assert.deepEqual(back.map((x) => x.shape[0]), [1, 2]);
 * ```
 */
export function hostPaddedToList<D extends DType>(
  p: Padded<D>,
): NdArray<readonly [number, number], D>[] {
  const [, B, N] = p.data.shape;
  const data = hostData(p.data);
  const out: NdArray<readonly [number, number], D>[] = new Array(B);
  for (let b = 0; b < B; b++) {
    const n = p.lengths[b]!;
    const x = hostArray([n, N] as const, p.data.dtype);
    const dst = hostData(x);
    for (let t = 0; t < n; t++) {
      dst.set(data.subarray((t * B + b) * N, (t * B + b + 1) * N), t * N);
    }
    out[p.indices[b]!] = x;
  }
  return out;
}
