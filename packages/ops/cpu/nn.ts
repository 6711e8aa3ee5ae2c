/**
 * Element-wise arithmetic and row-wise kernels for the CPU backend, with their
 * shape checks.
 *
 * @module
 */
import {
  type Floats1d,
  type Floats2d,
  hostArray,
  hostData,
  type Ints1d,
  type NdArray,
  type Shape,
} from "@weft/types";
import type { NormalizeRowsResult } from "../ops.ts";
import { fmt, ints, rank, sameShape } from "./checks.ts";
import { NN_WASM_MIN, type WasmNn } from "./wasm/wasm_nn.ts";

export * from "./maxout.ts";
export * from "./seq_host.ts";

/** `out = a + b`. */
export function addK(a: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
}

/** `addK` on the WebAssembly SIMD `kernel` when given (same bits), for large arrays. */
export function addFastK(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  kernel: WasmNn | undefined,
): void {
  if (kernel !== undefined && a.length >= NN_WASM_MIN) kernel.add(a, b, out);
  else addK(a, b, out);
}
/** `out = a - b`. */
export function subK(a: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
}
/** `out = a * b`. */
export function mulK(a: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
}
/** `out = x * f`. */
export function scaleK(x: Float32Array, f: number, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * f;
}
/** `y += f * x`. */
export function axpyK(x: Float32Array, f: number, y: Float32Array): void {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + f * x[i]!;
}
/** Add `row` to every row of `Y`. */
export function addRowK(Y: Float32Array, row: Float32Array): void {
  const n = row.length;
  for (let i = 0; i < Y.length; i += n) {
    for (let j = 0; j < n; j++) Y[i + j] = Y[i + j]! + row[j]!;
  }
}

/** Column sums. */
export function sumRowsH(X: Floats2d): Floats1d {
  rank("sumRows", X, 2);
  const [N, nO] = X.shape;
  const out = hostArray([nO] as const, "float32");
  const y = hostData(out);
  const x = hostData(X);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < nO; j++) y[j] = y[j]! + x[i * nO + j]!;
  }
  return out;
}

/** `X * v[:, None]`. */
export function mulRowsH(X: Floats2d, v: Floats1d): Floats2d {
  rank("mulRows", X, 2);
  if (v.shape.length !== 1 || v.shape[0] !== X.shape[0]) {
    throw new RangeError(`mulRows: factors ${fmt(v.shape)} do not fit rows of ${fmt(X.shape)}`);
  }
  const [N, nO] = X.shape;
  const out = hostArray(X.shape, "float32");
  const y = hostData(out);
  const x = hostData(X);
  const f = hostData(v);
  for (let i = 0; i < N; i++) {
    const s = f[i]!;
    for (let j = 0; j < nO; j++) y[i * nO + j] = x[i * nO + j]! * s;
  }
  return out;
}

/** Row-wise dot products. */
export function rowDotsH(A: Floats2d, B: Floats2d): Floats1d {
  rank("rowDots", A, 2);
  sameShape("rowDots", A, B);
  const [N, nI] = A.shape;
  const out = hostArray([N] as const, "float32");
  const y = hostData(out);
  const a = hostData(A);
  const b = hostData(B);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < nI; j++) s += a[i * nI + j]! * b[i * nI + j]!;
    y[i] = s;
  }
  return out;
}

/** `X * g + b` per column. */
export function scaleColumnsH(X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d {
  rank("scaleColumns", X, 2);
  const [N, nO] = X.shape;
  if (g.shape[0] !== nO || g.shape.length !== 1 || (b && (b.shape[0] !== nO || b.ndim !== 1))) {
    throw new RangeError(
      `scaleColumns: g ${fmt(g.shape)}${b ? ` and b ${fmt(b.shape)}` : ""} do not fit columns of ${
        fmt(X.shape)
      }`,
    );
  }
  const out = hostArray(X.shape, "float32");
  const y = hostData(out);
  const x = hostData(X);
  const gg = hostData(g);
  const bb = b ? hostData(b) : new Float32Array(nO);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < nO; j++) y[i * nO + j] = x[i * nO + j]! * gg[j]! + bb[j]!;
  }
  return out;
}

/** Unsigned remainder. */
export function remainderH<S extends Shape>(
  x: NdArray<S, "int32" | "uint32">,
  divisor: number,
): NdArray<S, "uint32"> {
  ints("remainder", x);
  if (!Number.isInteger(divisor) || divisor < 1 || divisor > 0xffffffff) {
    throw new RangeError(`remainder: divisor must be a positive 32-bit integer, got ${divisor}`);
  }
  const out = hostArray(x.shape, "uint32");
  const y = hostData(out);
  const src = hostData(x);
  for (let i = 0; i < src.length; i++) y[i] = (src[i]! >>> 0) % divisor;
  return out;
}

/** Split a shape around an axis into `[outer, axis length, inner]`. */
export function axisSplit(op: string, shape: Shape, axis: number): [number, number, number] {
  const a = axis < 0 ? shape.length + axis : axis;
  if (!Number.isInteger(a) || a < 0 || a >= shape.length) {
    throw new RangeError(`${op}: axis ${axis} is out of range for shape ${fmt(shape)}`);
  }
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < a; i++) outer *= shape[i]!;
  for (let i = a + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[a]!, inner];
}

/** Standardize rows: `(x - mean) / sqrt(var + eps)`. */
export function normalizeRowsH(X: Floats2d, eps: number): NormalizeRowsResult {
  rank("normalizeRows", X, 2);
  const [N, nI] = X.shape;
  const Yarr = hostArray(X.shape, "float32");
  const invArr = hostArray([N] as const, "float32");
  const x = hostData(X);
  const y = hostData(Yarr);
  const inv = hostData(invArr);
  for (let i = 0; i < N; i++) {
    const o = i * nI;
    const mu = rowMean(x, o, nI);
    const s = rowInvStd(x, o, nI, mu, eps);
    inv[i] = s;
    for (let j = 0; j < nI; j++) y[o + j] = (x[o + j]! - mu) * s;
  }
  return { Y: Yarr, invStd: invArr };
}

/** The mean of `x[o, o + n)`. */
export function rowMean(x: Float32Array, o: number, n: number): number {
  let mu = 0;
  for (let j = 0; j < n; j++) mu += x[o + j]!;
  return mu / n;
}

/** `1 / sqrt(var + eps)` of `x[o, o + n)` around its mean `mu`. */
export function rowInvStd(x: Float32Array, o: number, n: number, mu: number, eps: number): number {
  let v = 0;
  for (let j = 0; j < n; j++) {
    const c = x[o + j]! - mu;
    v += c * c;
  }
  return 1 / Math.sqrt(v / n + eps);
}

/** `dX = invStd * (dY - mean(dY) - Y * mean(dY * Y))` per row. */
export function backpropNormalizeRowsH(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d {
  rank("backpropNormalizeRows", dY, 2, "dY");
  sameShape("backpropNormalizeRows", dY, Y, "dY and Y");
  const [N, nI] = dY.shape;
  if (invStd.shape[0] !== N) {
    throw new RangeError(
      `backpropNormalizeRows: invStd ${fmt(invStd.shape)} does not fit dY ${fmt(dY.shape)}`,
    );
  }
  const out = hostArray(dY.shape, "float32");
  const dX = hostData(out);
  const d = hostData(dY);
  const y = hostData(Y);
  const s = hostData(invStd);
  for (let i = 0; i < N; i++) {
    const o = i * nI;
    let md = 0;
    let mdy = 0;
    for (let j = 0; j < nI; j++) {
      md += d[o + j]!;
      mdy += d[o + j]! * y[o + j]!;
    }
    md /= nI;
    mdy /= nI;
    for (let j = 0; j < nI; j++) dX[o + j] = s[i]! * (d[o + j]! - md - y[o + j]! * mdy);
  }
  return out;
}

/** Index of the largest value of each row (the first on ties). */
export function argmaxH(X: Floats2d): Ints1d {
  rank("argmax", X, 2);
  const [N, nO] = X.shape;
  const out = hostArray([N] as const, "int32");
  const y = hostData(out);
  const x = hostData(X);
  for (let i = 0; i < N; i++) {
    let best = 0;
    for (let j = 1; j < nO; j++) if (x[i * nO + j]! > x[i * nO + best]!) best = j;
    y[i] = best;
  }
  return out;
}
