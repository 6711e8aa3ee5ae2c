/**
 * Conversions between lists of arrays and batched layouts (flat rows, padded
 * batch-major, `Padded` time-major, `Ragged`), built on one strided copy kernel.
 *
 * @module
 */
import {
  type DType,
  NdArray,
  Padded,
  paddedLayout,
  Ragged,
  type Shape2d,
  type Shape3d,
} from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import { copyRows, zeros } from "./elementwise.ts";
import type { GpuRuntime } from "./runtime.ts";

function columns(op: string, Xs: readonly NdArray<Shape2d, DType>[]): number {
  const N = Xs[0]?.shape[1] ?? 0;
  Xs.forEach((X, i) => {
    if (X.shape.length !== 2 || X.shape[1] !== N) {
      throw new RangeError(
        `${op}(): item ${i} has shape [${X.shape.join(", ")}], expected [n, ${N}]`,
      );
    }
    sameDtype(op, Xs, i);
  });
  return N;
}

function sameDtype(op: string, Xs: readonly NdArray<Shape2d, DType>[], i: number): void {
  if (Xs[i]!.dtype !== Xs[0]!.dtype) {
    throw new TypeError(`${op}(): item ${i} is ${Xs[i]!.dtype} but item 0 is ${Xs[0]!.dtype}`);
  }
}

/** Stack rows with `pad` zero rows before each array and after the last. */
export function flatten<D extends DType>(
  rt: GpuRuntime,
  Xs: readonly NdArray<Shape2d, D>[],
  pad: number,
): NdArray<Shape2d, D> {
  const N = columns("flatten", Xs);
  const rows = Xs.reduce((s, X) => s + X.shape[0], 0) +
    (pad > 0 && Xs.length > 0 ? pad * (Xs.length + 1) : 0);
  const dtype = Xs[0]?.dtype ?? ("float32" as D);
  const Y = pad > 0 ? zeros(rt, [rows, N] as const, dtype) : empty(rt, [rows, N] as const, dtype);
  let at = pad > 0 ? pad : 0;
  for (const X of Xs) {
    copyRows(rt, X, 0, N, Y, at * N, N, X.shape[0], N);
    at += X.shape[0] + Math.max(pad, 0);
  }
  return Y;
}

/**
 * Undo `flatten`: copies of each sequence's rows, skipping `pad` rows around each.
 *
 * @throws {RangeError} when the lengths and padding do not account for every row
 */
export function unflatten<D extends DType>(
  rt: GpuRuntime,
  X: NdArray<Shape2d, D>,
  lengths: Int32Array,
  pad: number,
): NdArray<Shape2d, D>[] {
  const [rows, N] = X.shape;
  const out: NdArray<Shape2d, D>[] = [];
  let at = pad > 0 && lengths.length > 0 ? pad : 0;
  for (const n of lengths) {
    const Y = empty(rt, [n, N] as const, X.dtype);
    if (at + n > rows) {
      throw new RangeError(`unflatten(): lengths need more than the ${rows} rows of X`);
    }
    copyRows(rt, X, at * N, N, Y, 0, N, n, N);
    out.push(Y);
    at += n + Math.max(pad, 0);
  }
  if (at !== rows) throw new RangeError(`unflatten(): lengths and pad cover ${at} of ${rows} rows`);
  return out;
}

/** Concatenate along columns. */
export function hstack<D extends DType>(
  rt: GpuRuntime,
  Xs: readonly NdArray<Shape2d, D>[],
): NdArray<Shape2d, D> {
  const N = Xs[0]?.shape[0] ?? 0;
  Xs.forEach((X, i) => {
    if (X.shape[0] !== N) {
      throw new RangeError(`hstack(): item ${i} has ${X.shape[0]} rows, expected ${N}`);
    }
    sameDtype("hstack", Xs, i);
  });
  const width = Xs.reduce((s, X) => s + X.shape[1], 0);
  const Y = empty(rt, [N, width] as const, Xs[0]?.dtype ?? ("float32" as D));
  let col = 0;
  for (const X of Xs) {
    copyRows(rt, X, 0, X.shape[1], Y, col, width, N, X.shape[1]);
    col += X.shape[1];
  }
  return Y;
}

/**
 * Columns `[start, end)` of `X`.
 *
 * @throws {RangeError} when the range is outside the columns
 */
export function sliceColumns<D extends DType>(
  rt: GpuRuntime,
  X: NdArray<Shape2d, D>,
  start: number,
  end: number,
): NdArray<Shape2d, D> {
  const [N, C] = X.shape;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > C) {
    throw new RangeError(`sliceColumns(): [${start}, ${end}) is outside the ${C} columns`);
  }
  const Y = empty(rt, [N, end - start] as const, X.dtype);
  copyRows(rt, X, start, C, Y, 0, end - start, N, end - start);
  return Y;
}

/** Pad to `[B, T, N]`, T the longest length rounded up to `roundTo`. */
export function pad<D extends DType>(
  rt: GpuRuntime,
  Xs: readonly NdArray<Shape2d, D>[],
  roundTo: number,
): NdArray<Shape3d, D> {
  if (!Number.isInteger(roundTo) || roundTo < 1) {
    throw new RangeError(`pad(): roundTo must be a positive integer, got ${roundTo}`);
  }
  const N = columns("pad", Xs);
  const longest = Xs.reduce((m, X) => Math.max(m, X.shape[0]), 0);
  const T = Math.ceil(longest / roundTo) * roundTo;
  const Y = zeros(rt, [Xs.length, T, N] as const, Xs[0]?.dtype ?? ("float32" as D));
  Xs.forEach((X, b) => copyRows(rt, X, 0, N, Y, b * T * N, N, X.shape[0], N));
  return Y;
}

/** Undo `pad`: the first `lengths[b]` rows of each batch entry. */
export function unpad<D extends DType>(
  rt: GpuRuntime,
  X: NdArray<Shape3d, D>,
  lengths: Int32Array,
): NdArray<Shape2d, D>[] {
  const [B, T, N] = X.shape;
  if (lengths.length !== B) {
    throw new RangeError(`unpad(): ${lengths.length} lengths for a batch of ${B}`);
  }
  return Array.from(lengths, (n, b) => {
    if (n < 0 || n > T) throw new RangeError(`unpad(): length ${b} (${n}) is outside [0, ${T}]`);
    const Y = empty(rt, [n, N] as const, X.dtype);
    copyRows(rt, X, b * T * N, N, Y, 0, N, n, N);
    return Y;
  });
}

/** Sort by length and pad time-major. */
export function list2padded<D extends DType>(
  rt: GpuRuntime,
  Xs: readonly NdArray<Shape2d, D>[],
): Padded<D> {
  const N = columns("list2padded", Xs);
  const { indices, lengths, sizeAtT } = paddedLayout(Xs.map((X) => X.shape[0]));
  const B = Xs.length;
  const T = sizeAtT.length;
  const Y = zeros(rt, [T, B, N] as const, Xs[0]?.dtype ?? ("float32" as D));
  indices.forEach((ix, b) => copyRows(rt, Xs[ix]!, 0, N, Y, b * N, B * N, lengths[b]!, N));
  return new Padded(Y, sizeAtT, lengths, indices);
}

/** Undo `list2padded`, restoring the original order. */
export function padded2list<D extends DType>(rt: GpuRuntime, Xp: Padded<D>): NdArray<Shape2d, D>[] {
  const [, B, N] = Xp.data.shape;
  const out: NdArray<Shape2d, D>[] = new Array(B);
  for (let b = 0; b < B; b++) {
    const n = Xp.lengths[b]!;
    const Y = empty(rt, [n, N] as const, Xp.data.dtype);
    copyRows(rt, Xp.data, b * N, B * N, Y, 0, N, n, N);
    out[Xp.indices[b]!] = Y;
  }
  return out;
}

/** Concatenate rows into a `Ragged` (copies). */
export function list2ragged<D extends DType>(
  rt: GpuRuntime,
  Xs: readonly NdArray<Shape2d, D>[],
): Ragged<D> {
  return new Ragged(flatten(rt, Xs, 0), Int32Array.from(Xs, (X) => X.shape[0]));
}

/** One view per sequence of a `Ragged`. */
export function ragged2list<D extends DType>(Xr: Ragged<D>): NdArray<Shape2d, D>[] {
  const data = Xr.data;
  const [, N] = data.shape;
  return Array.from(Xr.lengths, (n, b) => {
    const start = Xr.startsEnds[b]!;
    return new NdArray(
      [n, N] as const,
      data.dtype,
      gpu(data, "ragged2list").view(start * N, (start + n) * N),
    );
  });
}
