/**
 * Element-wise arithmetic and row-wise kernels for the CPU backend, with their
 * shape checks.
 *
 * @module
 */
import {
  type Floats1d,
  type Floats2d,
  type Floats3d,
  hostArray,
  hostData,
  type Ints1d,
  type NdArray,
  type Shape,
} from "@weft/types";
import type { MaxoutResult, NormalizeRowsResult } from "../ops.ts";
import { fmt, ints, rank, sameShape } from "./checks.ts";
import type { WasmNn } from "./wasm/wasm_nn.ts";

export * from "./seq_host.ts";

/** `out = a + b`. */
export function addK(a: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
}

/** Below this many elements the WebAssembly kernels' copies cost more than they save. */
const NN_WASM_MIN = 256;

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

/** The maximum over the last axis, and which piece won. */
export function maxoutH(X: Floats3d, nnKernel?: WasmNn): MaxoutResult {
  rank("maxout", X, 3);
  const [N, nO, nP] = X.shape;
  if (nP < 1) throw new RangeError(`maxout: need at least one piece, got shape ${fmt(X.shape)}`);
  const best = hostArray([N, nO] as const, "float32");
  const whichArr = hostArray([N, nO] as const, "int32");
  const n = N * nO;
  const kernel = nP === 3 && n >= NN_WASM_MIN ? nnKernel : undefined;
  if (kernel !== undefined) kernel.maxout3(hostData(X), n, hostData(best), hostData(whichArr));
  else maxoutK(hostData(X), n, nP, hostData(best), hostData(whichArr));
  return { best, which: whichArr };
}

/**
 * `y[i] = max_p x[i * nP + p]`, `which[i]` = the first winning `p`. Branch
 * free: which piece wins is random in a trained network, and a mispredicted
 * branch per comparison made this four to five times slower. The winner's
 * index comes from the comparisons (`+(a > b)`) and the value is loaded by it,
 * so NaNs and signed zeros behave as with `if (v > m)`.
 */
export function maxoutK(
  x: Float32Array,
  n: number,
  nP: number,
  y: Float32Array,
  which: Int32Array,
): void {
  if (nP === 3) {
    for (let i = 0, b = 0; i < n; i++, b += 3) {
      const c1 = +(x[b + 1]! > x[b]!);
      const c2 = +(x[b + 2]! > x[b + c1]!);
      const w = c1 + c2 * (2 - c1);
      y[i] = x[b + w]!;
      which[i] = w;
    }
    return;
  }
  for (let i = 0, b = 0; i < n; i++, b += nP) {
    let w = 0;
    for (let p = 1; p < nP; p++) w += +(x[b + p]! > x[b + w]!) * (p - w);
    y[i] = x[b + w]!;
    which[i] = w;
  }
}

/** Route gradients to the winning pieces. */
export function backpropMaxoutH(
  dBest: Floats2d,
  which: Int32Array | Uint32Array,
  nP: number,
): Floats3d {
  rank("backpropMaxout", dBest, 2, "dBest");
  const [N, nO] = dBest.shape;
  if (which.length !== N * nO) {
    throw new RangeError(
      `backpropMaxout: which has ${which.length} entries but dBest has shape ${fmt(dBest.shape)}`,
    );
  }
  const out = hostArray([N, nO, nP] as const, "float32");
  const dX = hostData(out);
  const d = hostData(dBest);
  for (let i = 0; i < N * nO; i++) {
    const w = which[i]!;
    if (w < 0 || w >= nP) {
      throw new RangeError(`backpropMaxout: piece ${w} at ${i} is outside [0, ${nP})`);
    }
    dX[i * nP + w] = d[i]!;
  }
  return out;
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
