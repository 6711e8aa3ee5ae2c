/**
 * Moving rows between lists, flat arrays, padded batches and column blocks, on
 * the host.
 *
 * @module
 */
import {
  type DType,
  hostArray,
  hostData,
  hostListToPadded,
  hostPaddedToList,
  type NdArray,
  type Padded,
  type Shape2d,
  type Shape3d,
} from "@weft/types";
import { fmt, rank } from "./checks.ts";

function widthOf(op: string, Xs: readonly NdArray<Shape2d, DType>[]): number {
  const width = Xs[0]?.shape[1] ?? 0;
  Xs.forEach((x, i) => {
    rank(op, x, 2, `item ${i}`);
    if (x.shape[1] !== width) {
      throw new RangeError(
        `${op}: item ${i} has shape ${fmt(x.shape)} but item 0 has shape ${fmt(Xs[0]!.shape)}`,
      );
    }
    if (x.dtype !== Xs[0]!.dtype) {
      throw new TypeError(`${op}: item ${i} is ${x.dtype} but item 0 is ${Xs[0]!.dtype}`);
    }
  });
  return width;
}

/** Stack rows with `pad` zero rows before each array and after the last. */
export function flattenH<D extends DType>(
  Xs: readonly NdArray<Shape2d, D>[],
  pad: number,
): NdArray<Shape2d, D> {
  const nI = widthOf("flatten", Xs);
  let rows = Xs.length > 0 ? pad * (Xs.length + 1) : 0;
  for (const x of Xs) rows += x.shape[0];
  const out = hostArray([rows, nI] as const, Xs[0]?.dtype ?? ("float32" as D));
  const data = hostData(out);
  let row = pad;
  for (const x of Xs) {
    data.set(hostData(x), row * nI);
    row += x.shape[0] + pad;
  }
  return out;
}

/** Split rows by `lengths`, skipping the `pad` rows that `flattenH` put around them. */
export function unflattenH<D extends DType>(
  X: NdArray<Shape2d, D>,
  lengths: Int32Array,
  pad: number,
): NdArray<Shape2d, D>[] {
  rank("unflatten", X, 2);
  const [rows, nI] = X.shape;
  let total = lengths.length > 0 ? pad * (lengths.length + 1) : 0;
  for (const n of lengths) total += n;
  if (total !== rows || lengths.some((n) => n < 0)) {
    throw new RangeError(
      `unflatten: lengths [${lengths.join(", ")}] with pad ${pad} need ${total} rows, got shape ${
        fmt(X.shape)
      }`,
    );
  }
  const data = hostData(X);
  const out: NdArray<Shape2d, D>[] = [];
  let row = pad;
  for (const n of lengths) {
    out.push(hostArray([n, nI] as const, X.dtype, data.subarray(row * nI, (row + n) * nI)));
    row += n + pad;
  }
  return out;
}

/** Concatenate `[N, a_i]` arrays along columns. */
export function hstackH<D extends DType>(Xs: readonly NdArray<Shape2d, D>[]): NdArray<Shape2d, D> {
  const N = Xs[0]?.shape[0] ?? 0;
  let width = 0;
  Xs.forEach((x, i) => {
    rank("hstack", x, 2, `item ${i}`);
    if (x.shape[0] !== N) {
      throw new RangeError(
        `hstack: item ${i} has shape ${fmt(x.shape)} but item 0 has shape ${fmt(Xs[0]!.shape)}`,
      );
    }
    if (x.dtype !== Xs[0]!.dtype) {
      throw new TypeError(`hstack: item ${i} is ${x.dtype} but item 0 is ${Xs[0]!.dtype}`);
    }
    width += x.shape[1];
  });
  const out = hostArray([N, width] as const, Xs[0]?.dtype ?? ("float32" as D));
  const data = hostData(out);
  let col = 0;
  for (const x of Xs) {
    const w = x.shape[1];
    const src = hostData(x);
    for (let r = 0; r < N; r++) data.set(src.subarray(r * w, (r + 1) * w), r * width + col);
    col += w;
  }
  return out;
}

/** Columns `[start, end)` of `X`. */
export function sliceColumnsH<D extends DType>(
  X: NdArray<Shape2d, D>,
  start: number,
  end: number,
): NdArray<Shape2d, D> {
  rank("sliceColumns", X, 2);
  const [N, nI] = X.shape;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > nI) {
    throw new RangeError(
      `sliceColumns: columns [${start}, ${end}) do not fit shape ${fmt(X.shape)}`,
    );
  }
  const w = end - start;
  const out = hostArray([N, w] as const, X.dtype);
  const data = hostData(out);
  const src = hostData(X);
  for (let r = 0; r < N; r++) data.set(src.subarray(r * nI + start, r * nI + end), r * w);
  return out;
}

/** Pad `[n_i, N]` arrays batch-major to `[B, T, N]`, T rounded up to a multiple of `roundTo`. */
export function padH<D extends DType>(
  Xs: readonly NdArray<Shape2d, D>[],
  roundTo: number,
): NdArray<Shape3d, D> {
  if (!Number.isInteger(roundTo) || roundTo < 1) {
    throw new RangeError(`pad: roundTo must be a positive integer, got ${roundTo}`);
  }
  const nI = widthOf("pad", Xs);
  let T = 0;
  for (const x of Xs) T = Math.max(T, x.shape[0]);
  T = Math.ceil(T / roundTo) * roundTo;
  const out = hostArray([Xs.length, T, nI] as const, Xs[0]?.dtype ?? ("float32" as D));
  const data = hostData(out);
  Xs.forEach((x, b) => data.set(hostData(x), b * T * nI));
  return out;
}

/** Undo `padH`. */
export function unpadH<D extends DType>(
  X: NdArray<Shape3d, D>,
  lengths: Int32Array,
): NdArray<Shape2d, D>[] {
  rank("unpad", X, 3);
  const [B, T, nI] = X.shape;
  if (lengths.length !== B || lengths.some((n) => n < 0 || n > T)) {
    throw new RangeError(
      `unpad: lengths [${lengths.join(", ")}] do not fit padded shape ${fmt(X.shape)}`,
    );
  }
  const data = hostData(X);
  return Array.from(lengths, (n, b) =>
    hostArray(
      [n, nI] as const,
      X.dtype,
      data.subarray(b * T * nI, (b * T + n) * nI),
    ));
}

/** Sort by length and pad time-major. */
export function list2paddedH<D extends DType>(Xs: readonly NdArray<Shape2d, D>[]): Padded<D> {
  const nI = widthOf("list2padded", Xs);
  return hostListToPadded(Xs, Xs[0]?.dtype ?? ("float32" as D), nI);
}

/** Undo `list2paddedH`. */
export function padded2listH<D extends DType>(Xp: Padded<D>): NdArray<Shape2d, D>[] {
  return hostPaddedToList(Xp);
}
