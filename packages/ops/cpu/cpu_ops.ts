/**
 * The CPU backend: host TypedArrays, with the hot kernels in WebAssembly SIMD
 * where the runtime has it.
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
  type Shape,
  shapeSize,
} from "@weft/types";
import type {
  AdamOptions,
  GemmOptions,
  LstmGradients,
  LstmResult,
  LstmState,
  MaxoutResult,
  NormalizeRowsResult,
  Ops,
  ReduceMaxResult,
  SoftmaxOptions,
} from "../ops.ts";
import * as act from "./activations.ts";
import { fmt, rank, sameShape } from "./checks.ts";
import * as emb from "./embed.ts";
import { gemmInto } from "./gemm.ts";
import * as lay from "./layout.ts";
import { backpropLstmH, lstmForwardH, type MatMul } from "./lstm.ts";
import * as nn from "./nn.ts";
import * as opt from "./optim.ts";
import * as seq from "./sequences.ts";
import { gemmKernel, type GemmKernelName } from "./wasm/kernels.ts";
import type { WasmGemm } from "./wasm/wasm_gemm.ts";

type F<S extends Shape> = NdArray<S, "float32">;

function unary<S extends Shape>(
  X: NdArray<S, "float32">,
  kernel: (x: Float32Array, out: Float32Array) => void,
): NdArray<S, "float32"> {
  const out = hostArray(X.shape, "float32");
  kernel(hostData(X), hostData(out));
  return out;
}

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

/** Options for `new CpuOps()`. */
export interface CpuOpsOptions {
  /** Use the WebAssembly SIMD kernels where the runtime has them (default true). */
  wasm?: boolean;
}

/**
 * The CPU implementation of `Ops`: arrays are `HostStorage` over TypedArrays.
 *
 * @example Multiplying matrices on the CPU
 * ```ts
 * import assert from "node:assert/strict";
 * import { CpuOps } from "@weft/ops";
 * const ops = new CpuOps();
 * const A = ops.asarray2f([1, 2, 3, 4], 2, 2);
 * const B = ops.asarray2f([1, 0, 0, 1], 2, 2);
 * assert.deepEqual([...ops.readSync(ops.gemm(A, B))], [1, 2, 3, 4]);
 * ```
 */
export class CpuOps implements Ops {
  /** Always `"cpu"`. */
  readonly name = "cpu";

  /** Which gemm kernel this backend runs: WebAssembly relaxed SIMD, SIMD128 or JavaScript. */
  readonly gemmKernel: GemmKernelName;
  readonly #kernel: WasmGemm | undefined;

  /**
   * Create a CPU backend. Instances share the compiled kernels and nothing else.
   *
   * @param options `wasm: false` forces the plain JavaScript kernels
   */
  constructor(options: CpuOpsOptions = {}) {
    const { name, kernel } = options.wasm === false
      ? { name: "js" as const, kernel: undefined }
      : gemmKernel();
    this.gemmKernel = name;
    this.#kernel = kernel;
  }

  alloc<S extends Shape, D extends DType = "float32">(shape: S, dtype?: D): NdArray<S, D> {
    return hostArray(shape, dtype ?? ("float32" as D));
  }
  alloc1f(n: number): Floats1d {
    return hostArray([n] as const, "float32");
  }
  alloc2f(a: number, b: number): Floats2d {
    return hostArray([a, b] as const, "float32");
  }
  alloc3f(a: number, b: number, c: number): Floats3d {
    return hostArray([a, b, c] as const, "float32");
  }
  alloc4f(a: number, b: number, c: number, d: number): Floats4d {
    return hostArray([a, b, c, d] as const, "float32");
  }
  alloc1i(n: number, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return hostArray([n] as const, dtype);
  }
  alloc2i(a: number, b: number, dtype: "int32" | "uint32" = "int32"): Ints2d {
    return hostArray([a, b] as const, dtype);
  }
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
  asarray1f(data: ArrayLike<number>): Floats1d {
    return hostArray([data.length] as const, "float32", data);
  }
  asarray2f(data: ArrayLike<number>, rows: number, cols: number): Floats2d {
    return this.asarray(data, [rows, cols] as const, "float32");
  }
  asarray1i(data: ArrayLike<number>, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return hostArray([data.length] as const, dtype, data);
  }
  asarray2i(
    data: ArrayLike<number>,
    rows: number,
    cols: number,
    dtype: "int32" | "uint32" = "int32",
  ): Ints2d {
    return this.asarray(data, [rows, cols] as const, dtype);
  }
  reshape<S extends Shape, D extends DType>(x: NdArray<Shape, D>, shape: S): NdArray<S, D> {
    if (shapeSize(shape) !== x.size || shape.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new RangeError(`reshape: cannot view shape ${fmt(x.shape)} as ${fmt(shape)}`);
    }
    return new NdArray(shape, x.dtype, x.storage);
  }
  copy<S extends Shape, D extends DType>(x: NdArray<S, D>): NdArray<S, D> {
    return hostArray(x.shape, x.dtype, hostData(x));
  }
  read<D extends DType>(x: NdArray<Shape, D>): Promise<HostArray<D>> {
    return Promise.resolve(this.readSync(x));
  }
  /** A copy of the values, read synchronously. */
  readSync<D extends DType>(x: NdArray<Shape, D>): HostArray<D> {
    return hostData(x).slice() as HostArray<D>;
  }
  release(_x: NdArray): void {}

  add<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("add", a, b, nn.addK);
  }
  sub<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("sub", a, b, nn.subK);
  }
  mul<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return binary("mul", a, b, nn.mulK);
  }
  scale<S extends Shape>(x: NdArray<S, "float32">, factor: number): NdArray<S, "float32"> {
    return unary(x, (v, out) => nn.scaleK(v, factor, out));
  }
  addInPlace(dst: FloatsXd, src: FloatsXd, factor = 1): void {
    sameShape("addInPlace", dst, src);
    nn.axpyK(hostData(src), factor, hostData(dst));
  }
  fill(x: NdArray, value: number): void {
    hostData(x).fill(value);
  }
  sumRows(X: Floats2d): Floats1d {
    return nn.sumRowsH(X);
  }
  mulRows(X: Floats2d, v: Floats1d): Floats2d {
    return nn.mulRowsH(X, v);
  }
  rowDots(A: Floats2d, B: Floats2d): Floats1d {
    return nn.rowDotsH(A, B);
  }
  scaleColumns(X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d {
    return nn.scaleColumnsH(X, g, b);
  }
  remainder<S extends Shape>(
    x: NdArray<S, "int32" | "uint32">,
    divisor: number,
  ): NdArray<S, "uint32"> {
    return nn.remainderH(x, divisor);
  }

  gemm(A: Floats2d, B: Floats2d, options: GemmOptions = {}): Floats2d {
    return gemmInto("gemm", A, B, options, this.#kernel);
  }
  affine(X: Floats2d, W: Floats2d, b: Floats1d): Floats2d {
    rank("affine", b, 1, "b");
    if (b.shape[0] !== W.shape[0]) {
      throw new RangeError(`affine: bias ${fmt(b.shape)} does not fit weights ${fmt(W.shape)}`);
    }
    return gemmInto("affine", X, W, { transB: true }, this.#kernel, b);
  }

  relu<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return unary(X, act.reluK);
  }
  backpropRelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return binary("backpropRelu", dY, Y, act.backpropReluK);
  }
  sigmoid<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return unary(X, act.sigmoidK);
  }
  backpropSigmoid<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return binary("backpropSigmoid", dY, Y, act.backpropSigmoidK);
  }
  tanh<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return unary(X, act.tanhK);
  }
  backpropTanh<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return binary("backpropTanh", dY, Y, act.backpropTanhK);
  }
  mish<S extends Shape>(X: NdArray<S, "float32">, threshold = 20): NdArray<S, "float32"> {
    return unary(X, (x, out) => act.mishK(x, threshold, out));
  }
  backpropMish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold = 20,
  ): NdArray<S, "float32"> {
    return binary("backpropMish", dY, X, (d, x, out) => act.backpropMishK(d, x, threshold, out));
  }
  gelu<S extends Shape>(X: NdArray<S, "float32">, threshold = 6): NdArray<S, "float32"> {
    return unary(X, (x, out) => act.geluK(x, threshold, out));
  }
  backpropGelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold = 6,
  ): NdArray<S, "float32"> {
    return binary("backpropGelu", dY, X, (d, x, out) => act.backpropGeluK(d, x, threshold, out));
  }
  swish<S extends Shape>(X: NdArray<S, "float32">, threshold = 17): NdArray<S, "float32"> {
    return unary(X, (x, out) => act.swishK(x, threshold, out));
  }
  backpropSwish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
    threshold = 17,
  ): NdArray<S, "float32"> {
    sameShape("backpropSwish", X, Y, "X and Y");
    const y = hostData(Y);
    return binary(
      "backpropSwish",
      dY,
      X,
      (d, x, out) => act.backpropSwishK(d, x, y, threshold, out),
    );
  }
  softmax<S extends Shape>(
    X: NdArray<S, "float32">,
    options: SoftmaxOptions = {},
  ): NdArray<S, "float32"> {
    const [outer, len, inner] = nn.axisSplit("softmax", X.shape, options.axis ?? -1);
    const out = hostArray(X.shape, "float32");
    seq.softmaxK(hostData(X), outer, len, inner, options.temperature ?? 1, hostData(out));
    return out;
  }
  backpropSoftmax<S extends Shape>(
    Y: NdArray<S, "float32">,
    dY: NdArray<S, "float32">,
    options: SoftmaxOptions = {},
  ): NdArray<S, "float32"> {
    sameShape("backpropSoftmax", Y, dY);
    const [outer, len, inner] = nn.axisSplit("backpropSoftmax", Y.shape, options.axis ?? -1);
    const out = hostArray(Y.shape, "float32");
    const t = options.temperature ?? 1;
    seq.backpropSoftmaxK(hostData(Y), hostData(dY), outer, len, inner, t, hostData(out));
    return out;
  }
  softmaxSequences(X: Floats2d, lengths: Int32Array): Floats2d {
    return nn.seqOp(
      "softmaxSequences",
      X,
      lengths,
      X.shape[0],
      (x, n, out) => seq.softmaxSequencesK(x, n, lengths, out),
    );
  }
  backpropSoftmaxSequences(dY: Floats2d, Y: Floats2d, lengths: Int32Array): Floats2d {
    sameShape("backpropSoftmaxSequences", dY, Y);
    const y = hostData(Y);
    return nn.seqOp(
      "backpropSoftmaxSequences",
      dY,
      lengths,
      dY.shape[0],
      (d, n, out) => seq.backpropSoftmaxSequencesK(d, y, n, lengths, out),
    );
  }
  maxout(X: Floats3d): MaxoutResult {
    return nn.maxoutH(X);
  }
  backpropMaxout(dBest: Floats2d, which: Int32Array, nP: number): Floats3d {
    return nn.backpropMaxoutH(dBest, which, nP);
  }
  normalizeRows(X: Floats2d, eps = 1e-8): NormalizeRowsResult {
    return nn.normalizeRowsH(X, eps);
  }
  backpropNormalizeRows(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d {
    return nn.backpropNormalizeRowsH(dY, Y, invStd);
  }
  argmax(X: Floats2d): Ints1d {
    return nn.argmaxH(X);
  }

  seq2col(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return nn.seq2colH(X, nW, lengths);
  }
  backpropSeq2col(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return nn.backpropSeq2colH(dY, nW, lengths);
  }
  reduceSum(X: Floats2d, lengths: Int32Array): Floats2d {
    return nn.seqOp(
      "reduceSum",
      X,
      lengths,
      lengths.length,
      (x, n, out) => seq.reduceSumK(x, n, lengths, false, out),
    );
  }
  backpropReduceSum(dY: Floats2d, lengths: Int32Array): Floats2d {
    return nn.unreduce(
      "backpropReduceSum",
      dY,
      lengths,
      (d, n, out) => seq.backpropReduceSumK(d, n, lengths, false, out),
    );
  }
  reduceMean(X: Floats2d, lengths: Int32Array): Floats2d {
    return nn.seqOp(
      "reduceMean",
      X,
      lengths,
      lengths.length,
      (x, n, out) => seq.reduceSumK(x, n, lengths, true, out),
    );
  }
  backpropReduceMean(dY: Floats2d, lengths: Int32Array): Floats2d {
    return nn.unreduce(
      "backpropReduceMean",
      dY,
      lengths,
      (d, n, out) => seq.backpropReduceSumK(d, n, lengths, true, out),
    );
  }
  reduceMax(X: Floats2d, lengths: Int32Array): ReduceMaxResult {
    const which = new Int32Array(lengths.length * (X.shape[1] ?? 0));
    const Y = nn.seqOp(
      "reduceMax",
      X,
      lengths,
      lengths.length,
      (x, n, out) => seq.reduceMaxK(x, n, lengths, out, which),
    );
    return { Y, which };
  }
  backpropReduceMax(dY: Floats2d, which: Int32Array, lengths: Int32Array): Floats2d {
    if (which.length !== dY.size) {
      throw new RangeError(
        `backpropReduceMax: which has ${which.length} entries but dY has shape ${fmt(dY.shape)}`,
      );
    }
    return nn.unreduce(
      "backpropReduceMax",
      dY,
      lengths,
      (d, n, out) => seq.backpropReduceMaxK(d, n, which, lengths, out),
    );
  }
  reduceFirst(X: Floats2d, lengths: Int32Array): Floats2d {
    return nn.reduceEndH("reduceFirst", X, lengths, true);
  }
  backpropReduceFirst(dY: Floats2d, lengths: Int32Array): Floats2d {
    return nn.backpropReduceEndH("backpropReduceFirst", dY, lengths, true);
  }
  reduceLast(X: Floats2d, lengths: Int32Array): Floats2d {
    return nn.reduceEndH("reduceLast", X, lengths, false);
  }
  backpropReduceLast(dY: Floats2d, lengths: Int32Array): Floats2d {
    return nn.backpropReduceEndH("backpropReduceLast", dY, lengths, false);
  }
  flatten(Xs: readonly Floats2d[], pad = 0): Floats2d {
    return lay.flattenH(Xs, pad);
  }
  unflatten(X: Floats2d, lengths: Int32Array, pad = 0): Floats2d[] {
    return lay.unflattenH(X, lengths, pad);
  }
  hstack(Xs: readonly Floats2d[]): Floats2d {
    return lay.hstackH(Xs);
  }
  sliceColumns(X: Floats2d, start: number, end: number): Floats2d {
    return lay.sliceColumnsH(X, start, end);
  }
  pad(Xs: readonly Floats2d[], roundTo = 1): Floats3d {
    return lay.padH(Xs, roundTo);
  }
  unpad(X: Floats3d, lengths: Int32Array): Floats2d[] {
    return lay.unpadH(X, lengths);
  }
  list2padded(Xs: readonly Floats2d[]): Padded<"float32"> {
    return lay.list2paddedH(Xs);
  }
  padded2list(Xp: Padded<"float32">): Floats2d[] {
    return lay.padded2listH(Xp);
  }
  list2ragged(Xs: readonly Floats2d[]): Ragged<"float32"> {
    const flat = lay.flattenH(Xs, 0);
    return new Ragged(flat, Int32Array.from(Xs, (x) => x.shape[0]));
  }
  ragged2list(Xr: Ragged<"float32">): Floats2d[] {
    const data = Xr.data;
    const out: Floats2d[] = [];
    for (let i = 0; i < Xr.length; i++) {
      const start = Xr.startsEnds[i]!;
      const end = Xr.startsEnds[i + 1]!;
      const w = data.shape[1];
      out.push(
        new NdArray([end - start, w] as const, "float32", data.storage.view(start * w, end * w)),
      );
    }
    return out;
  }

  gatherRows(table: Floats2d, ids: Ints1d): Floats2d {
    return emb.gatherRowsH(table, ids);
  }
  gatherAdd(table: Floats2d, indices: Ints2d): Floats2d {
    return emb.gatherAddH(table, indices);
  }
  scatterAdd(table: Floats2d, indices: Ints1d | Ints2d, values: Floats2d): void {
    emb.scatterAddH(table, indices, values);
  }
  hash(ids: Ints1d, seed: number): Ints2d {
    return emb.hashH(ids, seed, this.#kernel);
  }
  ngrams(n: number, keys: Ints1d): Ints1d {
    return emb.ngramsH(n, keys);
  }
  sparseLinear(
    keys: Ints1d,
    values: Floats1d,
    lengths: Int32Array,
    W: Floats1d,
    b: Floats1d,
    nO: number,
    length: number,
    v1Indexing = false,
  ): Floats2d {
    return emb.sparseLinearH(keys, values, lengths, W, b, nO, length, v1Indexing);
  }
  backpropSparseLinear(
    dY: Floats2d,
    keys: Ints1d,
    values: Floats1d,
    lengths: Int32Array,
    dW: Floats1d,
    nO: number,
    length: number,
    v1Indexing = false,
  ): void {
    emb.backpropSparseLinearH(dY, keys, values, lengths, dW, nO, length, v1Indexing);
  }
  positionEncode(N: number, D: number, period = 10000, shift = 0): Floats2d {
    return emb.positionEncodeH(N, D, period, shift);
  }

  getDropoutMask<S extends Shape>(shape: S, rate: number, seed: number): NdArray<S, "float32"> {
    const out = hostArray(shape, "float32");
    opt.dropoutMaskK(hostData(out), rate, seed);
    return out;
  }
  adam(w: Floats1d, g: Floats1d, m1: Floats1d, m2: Floats1d, options: AdamOptions): void {
    sameShape("adam", w, g, "weights and gradient");
    sameShape("adam", w, m1, "weights and mom1");
    sameShape("adam", w, m2, "weights and mom2");
    const { beta1, beta2, eps, learnRate } = options;
    opt.adamK(hostData(w), hostData(g), hostData(m1), hostData(m2), beta1, beta2, eps, learnRate);
  }
  clipGradient(gradient: Floats1d, threshold: number): void {
    opt.clipGradientK(hostData(gradient), threshold);
  }
  lstmForward(
    params: Floats1d,
    H0: Floats3d,
    C0: Floats3d,
    X: Floats2d,
    sizeAtT: Int32Array,
  ): LstmResult {
    return lstmForwardH(params, H0, C0, X, sizeAtT, this.#matmul);
  }
  backpropLstm(
    dY: Floats2d,
    sizeAtT: Int32Array,
    params: Floats1d,
    state: LstmState,
  ): LstmGradients {
    return backpropLstmH(dY, sizeAtT, params, state, this.#matmul);
  }
  readonly #matmul: MatMul = (A, B, M, N, K, transA, transB) => {
    const a = hostArray(transA ? [K, M] as const : [M, K] as const, "float32", A);
    const b = hostArray(transB ? [N, K] as const : [K, N] as const, "float32", B);
    return hostData(this.gemm(a, b, { transA, transB }));
  };
  updateAverages(ema: Floats1d, weights: Floats1d, t: number, maxDecay = 0.9999): void {
    sameShape("updateAverages", ema, weights);
    opt.updateAveragesK(hostData(ema), hostData(weights), t, maxDecay);
  }
}
