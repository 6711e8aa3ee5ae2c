/**
 * The array-handling half of the CPU backend: allocation, transfer, element-wise
 * arithmetic, layout conversions and the optimizer kernels. `CpuOps` adds the
 * rest of `Ops`.
 *
 * @module
 */
import {
  type DType,
  type Floats1d,
  type Floats2d,
  type Floats3d,
  type Floats4d,
  type FloatsXd,
  type HostArray,
  hostArray,
  hostData,
  type Ints1d,
  type Ints2d,
  NdArray,
  type Padded,
  Ragged,
  releaseHostArray,
  type Shape,
  type Shape2d,
  type Shape3d,
  shapeSize,
} from "@weft/types";
import type { AdamOptions } from "../ops.ts";
import { fmt, sameShape } from "./checks.ts";
import * as lay from "./layout.ts";
import * as nn from "./nn.ts";
import * as opt from "./optim.ts";
import { nnKernel } from "./wasm/kernels.ts";
import type { WasmNn } from "./wasm/wasm_nn.ts";

function binary<S extends Shape>(
  op: string,
  a: NdArray<S, "float32">,
  b: NdArray<S, "float32">,
  kernel: (a: Float32Array, b: Float32Array, out: Float32Array) => void,
): NdArray<S, "float32"> {
  sameShape(op, a, b);
  const out = hostArray(a.shape, "float32");
  kernel(hostData(a), hostData(b), hostData(out));
  return out;
}

/**
 * Allocation, transfer, arithmetic, layout and optimizer kernels over host
 * TypedArrays; the base of `CpuOps`, which is what to use.
 *
 * @example Allocating and reading back
 * ```ts
 * import assert from "node:assert/strict";
 * import { CpuOps } from "@weft/ops";
 * const ops = new CpuOps();
 * assert.deepEqual([...ops.readSync(ops.add(ops.asarray1f([1, 2]), ops.asarray1f([3, 4])))], [4, 6]);
 * ```
 */
export class CpuArrayOps {
  /** Always `"cpu"`. */
  readonly name = "cpu";
  readonly #nn: WasmNn | undefined;

  /**
   * Create the array half of a CPU backend.
   *
   * @param options `wasm: false` keeps every kernel in plain JavaScript
   */
  constructor(options: { wasm?: boolean | undefined } = {}) {
    this.#nn = options.wasm === false ? undefined : nnKernel();
  }

  /** A zero-filled array. */
  alloc<S extends Shape, D extends DType = "float32">(shape: S, dtype?: D): NdArray<S, D> {
    return hostArray(shape, dtype ?? ("float32" as D));
  }
  /** A zero-filled `[n]` float array. */
  alloc1f(n: number): Floats1d {
    return hostArray([n] as const, "float32");
  }
  /** A zero-filled `[a, b]` float array. */
  alloc2f(a: number, b: number): Floats2d {
    return hostArray([a, b] as const, "float32");
  }
  /** A zero-filled `[a, b, c]` float array. */
  alloc3f(a: number, b: number, c: number): Floats3d {
    return hostArray([a, b, c] as const, "float32");
  }
  /** A zero-filled `[a, b, c, d]` float array. */
  alloc4f(a: number, b: number, c: number, d: number): Floats4d {
    return hostArray([a, b, c, d] as const, "float32");
  }
  /** A zero-filled `[n]` integer array (int32 unless given). */
  alloc1i(n: number, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return hostArray([n] as const, dtype);
  }
  /** A zero-filled `[a, b]` integer array (int32 unless given). */
  alloc2i(a: number, b: number, dtype: "int32" | "uint32" = "int32"): Ints2d {
    return hostArray([a, b] as const, dtype);
  }
  /** Upload host values as an array of the given shape and dtype. */
  asarray<S extends Shape, D extends DType>(
    data: ArrayLike<number>,
    shape: S,
    dtype: D,
  ): NdArray<S, D> {
    if (data.length !== shapeSize(shape)) {
      throw new RangeError(
        `asarray: ${data.length} values do not fit shape ${fmt(shape)} (${shapeSize(shape)})`,
      );
    }
    return hostArray(shape, dtype, data);
  }
  /** Upload host values as a `[n]` float array. */
  asarray1f(data: ArrayLike<number>): Floats1d {
    return hostArray([data.length] as const, "float32", data);
  }
  /** Upload host values as a `[rows, cols]` float array. */
  asarray2f(data: ArrayLike<number>, rows: number, cols: number): Floats2d {
    return this.asarray(data, [rows, cols] as const, "float32");
  }
  /** Upload host values as a `[n]` integer array (int32 unless given). */
  asarray1i(data: ArrayLike<number>, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return hostArray([data.length] as const, dtype, data);
  }
  /** Upload host values as a `[rows, cols]` integer array (int32 unless given). */
  asarray2i(
    data: ArrayLike<number>,
    rows: number,
    cols: number,
    dtype: "int32" | "uint32" = "int32",
  ): Ints2d {
    return this.asarray(data, [rows, cols] as const, dtype);
  }
  /** The same storage under another shape of the same size. */
  reshape<S extends Shape, D extends DType>(x: NdArray<Shape, D>, shape: S): NdArray<S, D> {
    if (shapeSize(shape) !== x.size || shape.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new RangeError(`reshape: cannot view shape ${fmt(x.shape)} as ${fmt(shape)}`);
    }
    return new NdArray(shape, x.dtype, x.storage);
  }
  /** A copy with its own storage. */
  copy<S extends Shape, D extends DType>(x: NdArray<S, D>): NdArray<S, D> {
    return hostArray(x.shape, x.dtype, hostData(x));
  }
  /** Read the values back to the host (a copy on device backends). */
  read<D extends DType>(x: NdArray<Shape, D>): Promise<HostArray<D>> {
    return Promise.resolve(this.readSync(x));
  }
  /** A copy of the values, read synchronously. */
  readSync<D extends DType>(x: NdArray<Shape, D>): HostArray<D> {
    return hostData(x).slice() as HostArray<D>;
  }
  /**
   * Tell the backend an array is no longer used, so its memory can be reused: it
   * goes to the host pool that later allocations draw from (`releaseHostArray`).
   * Neither `x` nor any handle sharing its storage may be used afterwards.
   */
  release(x: NdArray): void {
    releaseHostArray(x);
  }

  /** `a + b`. */
  add<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("add", a, b, (x, y, out) => nn.addFastK(x, y, out, this.#nn));
  }
  /** `a - b`. */
  sub<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("sub", a, b, nn.subK);
  }
  /** `a * b`. */
  mul<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("mul", a, b, nn.mulK);
  }
  /** `x * factor`. */
  scale<S extends Shape>(x: NdArray<S, "float32">, factor: number): NdArray<S, "float32"> {
    const out = hostArray(x.shape, "float32");
    nn.scaleK(hostData(x), factor, hostData(out));
    return out;
  }
  /** In place: `dst += factor * src` (gradient accumulation, SGD steps). */
  addInPlace(dst: FloatsXd, src: FloatsXd, factor = 1): void {
    sameShape("addInPlace", dst, src);
    nn.axpyK(hostData(src), factor, hostData(dst));
  }
  /** In place: `x *= factor` (weight decay without a temporary). */
  scaleInPlace(x: FloatsXd, factor: number): void {
    const data = hostData(x);
    nn.scaleK(data, factor, data);
  }
  /** In place: set every element to `value`. */
  fill(x: NdArray, value: number): void {
    hostData(x).fill(value);
  }
  /** Column sums of `[N, nO]` rows: `[nO]` (the bias gradient). */
  sumRows(X: Floats2d): Floats1d {
    return nn.sumRowsH(X);
  }
  /** `X * v[:, None]`: scale each row by its own factor. */
  mulRows(X: Floats2d, v: Floats1d): Floats2d {
    return nn.mulRowsH(X, v);
  }
  /** Row-wise dot products of two `[N, nI]` arrays: `[N]`. */
  rowDots(A: Floats2d, B: Floats2d): Floats1d {
    return nn.rowDotsH(A, B);
  }
  /** `X * g[None, :] + b[None, :]`: per-column scale and shift (LayerNorm's G and b). */
  scaleColumns(X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d {
    return nn.scaleColumnsH(X, g, b);
  }
  /** Integer remainder `x % divisor` of unsigned ids (HashEmbed's row lookup). */
  remainder<S extends Shape>(
    x: NdArray<S, "int32" | "uint32">,
    divisor: number,
  ): NdArray<S, "uint32"> {
    return nn.remainderH(x, divisor);
  }

  /** Stack `[n_i, nI]` arrays into one `[sum n_i (+ pads), nI]`, with `pad` zero rows around each. */
  flatten<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    pad = 0,
  ): NdArray<Shape2d, D> {
    return lay.flattenH(Xs, pad);
  }
  /** Undo `flatten`: split rows by `lengths`, dropping `pad` rows around each. */
  unflatten<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    lengths: Int32Array,
    pad = 0,
  ): NdArray<Shape2d, D>[] {
    return lay.unflattenH(X, lengths, pad);
  }
  /** Concatenate along columns: `[N, a] + [N, b]` to `[N, a + b]`. */
  hstack<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): NdArray<Shape2d, D> {
    return lay.hstackH(Xs);
  }
  /** Columns `[start, end)` of `X` as a new array. */
  sliceColumns<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    start: number,
    end: number,
  ): NdArray<Shape2d, D> {
    return lay.sliceColumnsH(X, start, end);
  }
  /** Pad `[n_i, N]` arrays to `[B, T, N]` (batch-major, original order); T rounded up to `roundTo`. */
  pad<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    roundTo = 1,
  ): NdArray<Shape3d, D> {
    return lay.padH(Xs, roundTo);
  }
  /** Undo `pad`. */
  unpad<D extends DType = "float32">(
    X: NdArray<Shape3d, D>,
    lengths: Int32Array,
  ): NdArray<Shape2d, D>[] {
    return lay.unpadH(X, lengths);
  }
  /** Sort by length and pad time-major into a `Padded`. */
  list2padded<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Padded<D> {
    return lay.list2paddedH(Xs);
  }
  /** Undo `list2padded`, restoring the original order. */
  padded2list<D extends DType = "float32">(Xp: Padded<D>): NdArray<Shape2d, D>[] {
    return lay.padded2listH(Xp);
  }
  /** Concatenate rows into a `Ragged` (copies; the dtype is kept). */
  list2ragged<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Ragged<D> {
    const flat = lay.flattenH(Xs, 0);
    return new Ragged(flat, Int32Array.from(Xs, (x) => x.shape[0]));
  }
  /** Split a `Ragged` into one array per sequence (views where the backend allows). */
  ragged2list<D extends DType = "float32">(Xr: Ragged<D>): NdArray<Shape2d, D>[] {
    const data = Xr.data;
    const out: NdArray<Shape2d, D>[] = [];
    for (let i = 0; i < Xr.length; i++) {
      const start = Xr.startsEnds[i]!;
      const end = Xr.startsEnds[i + 1]!;
      const w = data.shape[1];
      out.push(
        new NdArray([end - start, w] as const, data.dtype, data.storage.view(start * w, end * w)),
      );
    }
    return out;
  }

  /**
   * A dropout mask: each element is 0 with probability `rate`, else `1 / (1 - rate)`.
   * The same seed gives the same mask.
   */
  getDropoutMask<S extends Shape>(shape: S, rate: number, seed: number): NdArray<S, "float32"> {
    const out = hostArray(shape, "float32");
    opt.dropoutMaskK(hostData(out), rate, seed);
    return out;
  }
  /** `X * getDropoutMask(X.shape, rate, seed)` in one pass, without the mask. */
  dropoutMul<S extends Shape>(
    X: NdArray<S, "float32">,
    rate: number,
    seed: number,
  ): NdArray<S, "float32"> {
    const out = hostArray(X.shape, "float32");
    opt.dropoutMulK(hostData(X), rate, seed, hostData(out));
    return out;
  }
  /** One Adam step on `weights`, updating the moments. */
  adam(w: Floats1d, g: Floats1d, m1: Floats1d, m2: Floats1d, options: AdamOptions): void {
    sameShape("adam", w, g, "weights and gradient");
    sameShape("adam", w, m1, "weights and mom1");
    sameShape("adam", w, m2, "weights and mom2");
    const { beta1, beta2, eps, learnRate } = options;
    opt.adamK(hostData(w), hostData(g), hostData(m1), hostData(m2), beta1, beta2, eps, learnRate);
  }
  /** Rescale `gradient` so its L2 norm is at most `threshold`. */
  clipGradient(gradient: Floats1d, threshold: number): void {
    opt.clipGradientK(hostData(gradient), threshold);
  }
  /** Exponential moving average of weights with Thinc's decay `min((1 + t) / (10 + t), maxDecay)`. */
  updateAverages(ema: Floats1d, weights: Floats1d, t: number, maxDecay = 0.9999): void {
    sameShape("updateAverages", ema, weights);
    opt.updateAveragesK(hostData(ema), hostData(weights), t, maxDecay);
  }
}
