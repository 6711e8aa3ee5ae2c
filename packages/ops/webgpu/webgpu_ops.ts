/**
 * The WebGPU backend: every `Ops` method as WGSL compute kernels over pooled
 * device buffers. Work is recorded synchronously and submitted in few command
 * buffers; `read()` is the only await.
 *
 * @module
 */
import type {
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
  Shape2d,
  Shape3d,
} from "@weft/types";
import type {
  AdamOptions,
  AdamStepOptions,
  CosineDistanceResult,
  LayerNormGradients,
  LayerNormResult,
  LstmGradients,
  LstmResult,
  LstmState,
  MaxoutResult,
  NormalizeRowsResult,
  Ops,
  ReduceMaxResult,
  SoftmaxOptions,
} from "../ops.ts";
import { adamStepComposed } from "../adam_step.ts";
import { requestGpuDevice, type WebGpuOptions } from "./device.ts";
import { cosineDistance } from "./cosine.ts";
import * as emb from "./embed.ts";
import { hash, ngrams } from "./hashing.ts";
import * as lists from "./lists.ts";
import { lookupIds } from "./lookup.ts";
import { lstmForward } from "./lstm.ts";
import { backpropLstm } from "./lstm_backprop.ts";
import * as norm from "./norm.ts";
import * as opt from "./optim.ts";
import * as rows from "./rows.ts";
import { GpuRuntime } from "./runtime.ts";
import { seq2colKernel } from "./seq2col.ts";
import * as seq from "./sequences.ts";
import { softmaxSeq } from "./softmax_seq.ts";
import { backpropSparseLinear, sparseLinear } from "./sparse_linear.ts";
import { ArrayOps } from "./array_ops.ts";

export type { WebGpuOptions } from "./device.ts";

/**
 * `Ops` on a WebGPU device, plus `flush()` and `destroy()`.
 *
 * @example Affine on the GPU
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   const Y = ops.affine(ops.asarray2f([1, 2], 1, 2), ops.asarray2f([1, 0, 0, 1], 2, 2), ops.asarray1f([1, 1]));
 *   assert.deepEqual([...await ops.read(Y)], [2, 3]);
 *   ops.destroy();
 * }
 * ```
 */
export class WebGpuOps extends ArrayOps implements Ops {
  /** Always `"webgpu"`. */
  readonly name = "webgpu";

  /**
   * Wrap a runtime (see `createWebGpuOps` for the usual way in).
   *
   * @param rt the runtime owning the device
   */
  constructor(rt: GpuRuntime) {
    super(rt);
  }

  softmax<S extends Shape>(
    X: NdArray<S, "float32">,
    options: SoftmaxOptions = {},
  ): NdArray<S, "float32"> {
    return rows.softmaxAxis(this.rt, X, undefined, options.axis ?? -1, options.temperature ?? 1);
  }
  backpropSoftmax<S extends Shape>(
    Y: NdArray<S, "float32">,
    dY: NdArray<S, "float32">,
    options: SoftmaxOptions = {},
  ): NdArray<S, "float32"> {
    return rows.softmaxAxis(this.rt, Y, dY, options.axis ?? -1, options.temperature ?? 1);
  }
  softmaxSequences(X: Floats2d, lengths: Int32Array): Floats2d {
    return softmaxSeq(this.rt, X, undefined, lengths);
  }
  backpropSoftmaxSequences(dY: Floats2d, Y: Floats2d, lengths: Int32Array): Floats2d {
    return softmaxSeq(this.rt, Y, dY, lengths);
  }
  maxout(X: Floats3d): MaxoutResult {
    return rows.maxout(this.rt, X);
  }
  backpropMaxout(dBest: Floats2d, which: Ints2d, nP: number): Floats3d {
    return rows.backpropMaxout(this.rt, dBest, which, nP);
  }
  normalizeRows(X: Floats2d, eps = 1e-8): NormalizeRowsResult {
    return norm.normalizeRows(this.rt, X, eps);
  }
  backpropNormalizeRows(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d {
    return norm.backpropNormalizeRows(this.rt, dY, Y, invStd);
  }
  // The fused CPU kernels below are compositions here: on a GPU the separate
  // kernels are recorded into the same submission, so fusing saves little.
  layerNorm(X: Floats2d, G: Floats1d, b: Floats1d, eps = 1e-8): LayerNormResult {
    const { Y: Xhat, invStd } = this.normalizeRows(X, eps);
    return { Y: this.scaleColumns(Xhat, G, b), Xhat, invStd };
  }
  backpropLayerNorm(
    dY: Floats2d,
    Xhat: Floats2d,
    invStd: Floats1d,
    G: Floats1d,
  ): LayerNormGradients {
    const db = this.sumRows(dY);
    const dYXhat = this.mul(dY, Xhat);
    const dG = this.sumRows(dYXhat);
    this.release(dYXhat);
    const dXhat = this.scaleColumns(dY, G);
    const dX = this.backpropNormalizeRows(dXhat, Xhat, invStd);
    this.release(dXhat);
    return { dX, dG, db };
  }
  dropoutMul<S extends Shape>(
    X: NdArray<S, "float32">,
    rate: number,
    seed: number,
  ): NdArray<S, "float32"> {
    const mask = this.getDropoutMask(X.shape, rate, seed);
    const Y = this.mul(X, mask);
    this.release(mask);
    return Y;
  }
  cosineDistance(guesses: Floats2d, truths: Floats2d, ignoreZeros: boolean): CosineDistanceResult {
    return cosineDistance(this.rt, guesses, truths, ignoreZeros);
  }
  argmax(X: Floats2d): Ints1d {
    return rows.argmax(this.rt, X);
  }

  seq2col(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq2colKernel(this.rt, X, nW, lengths, false);
  }
  backpropSeq2col(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq2colKernel(this.rt, dY, nW, lengths, true);
  }
  reduceSum(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceSum", X, lengths, seq.REDUCE.sum).Y;
  }
  backpropReduceSum(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceSum", dY, lengths, seq.REDUCE.sum);
  }
  reduceMean(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceMean", X, lengths, seq.REDUCE.mean).Y;
  }
  backpropReduceMean(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceMean", dY, lengths, seq.REDUCE.mean);
  }
  reduceMax(X: Floats2d, lengths: Int32Array): ReduceMaxResult {
    const { Y, which } = seq.reduceSeq(this.rt, "reduceMax", X, lengths, seq.REDUCE.max);
    return { Y, which: which! };
  }
  backpropReduceMax(dY: Floats2d, which: Ints2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceMax", dY, lengths, seq.REDUCE.max, which);
  }
  reduceFirst(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceFirst", X, lengths, seq.REDUCE.first).Y;
  }
  backpropReduceFirst(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceFirst", dY, lengths, seq.REDUCE.first);
  }
  reduceLast(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceLast", X, lengths, seq.REDUCE.last).Y;
  }
  backpropReduceLast(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceLast", dY, lengths, seq.REDUCE.last);
  }
  flatten<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    pad = 0,
  ): NdArray<Shape2d, D> {
    return lists.flatten(this.rt, Xs, pad);
  }
  unflatten<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    lengths: Int32Array,
    pad = 0,
  ): NdArray<Shape2d, D>[] {
    return lists.unflatten(this.rt, X, lengths, pad);
  }
  hstack<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): NdArray<Shape2d, D> {
    return lists.hstack(this.rt, Xs);
  }
  sliceColumns<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    start: number,
    end: number,
  ): NdArray<Shape2d, D> {
    return lists.sliceColumns(this.rt, X, start, end);
  }
  pad<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    roundTo = 1,
  ): NdArray<Shape3d, D> {
    return lists.pad(this.rt, Xs, roundTo);
  }
  unpad<D extends DType = "float32">(
    X: NdArray<Shape3d, D>,
    lengths: Int32Array,
  ): NdArray<Shape2d, D>[] {
    return lists.unpad(this.rt, X, lengths);
  }
  list2padded<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Padded<D> {
    return lists.list2padded(this.rt, Xs);
  }
  padded2list<D extends DType = "float32">(Xp: Padded<D>): NdArray<Shape2d, D>[] {
    return lists.padded2list(this.rt, Xp);
  }
  list2ragged<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Ragged<D> {
    return lists.list2ragged(this.rt, Xs);
  }
  ragged2list<D extends DType = "float32">(Xr: Ragged<D>): NdArray<Shape2d, D>[] {
    return lists.ragged2list(Xr);
  }

  lookupIds<S extends Shape>(
    ids: NdArray<S, "int32" | "uint32">,
    keys: Ints1d,
    values: Ints1d,
    fallback: number,
  ): NdArray<S, "int32"> {
    return lookupIds(this.rt, ids, keys, values, fallback);
  }
  gatherRows(table: Floats2d, ids: Ints1d): Floats2d {
    return emb.gatherAdd(this.rt, "gatherRows", table, ids);
  }
  gatherAdd(table: Floats2d, indices: Ints2d): Floats2d {
    return emb.gatherAdd(this.rt, "gatherAdd", table, indices);
  }
  scatterAdd(table: Floats2d, indices: Ints1d | Ints2d, values: Floats2d): void {
    emb.scatterAdd(this.rt, table, indices, values);
  }
  hash(ids: Ints1d, seed: number): Ints2d {
    return hash(this.rt, ids, seed);
  }
  ngrams(n: number, keys: Ints1d): Ints1d {
    return ngrams(this.rt, n, keys);
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
    return sparseLinear(this.rt, keys, values, lengths, W, b, nO, length, v1Indexing);
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
    backpropSparseLinear(this.rt, dY, keys, values, lengths, dW, nO, length, v1Indexing);
  }
  positionEncode(N: number, D: number, period = 10000, shift = 0): Floats2d {
    return this.asarray2f(positionTable(N, D, period, shift), N, D);
  }

  getDropoutMask<S extends Shape>(shape: S, rate: number, seed: number): NdArray<S, "float32"> {
    return opt.dropoutMask(this.rt, shape, rate, seed);
  }
  adam(
    weights: Floats1d,
    gradient: Floats1d,
    mom1: Floats1d,
    mom2: Floats1d,
    options: AdamOptions,
  ): void {
    opt.adam(this.rt, weights, gradient, mom1, mom2, options);
  }
  clipGradient(gradient: Floats1d, threshold: number): void {
    opt.clipGradient(this.rt, gradient, threshold);
  }
  adamStep(
    weights: Floats1d,
    gradient: Floats1d,
    mom1: Floats1d,
    mom2: Floats1d,
    options: AdamStepOptions,
  ): void {
    adamStepComposed(this, weights, gradient, mom1, mom2, options);
  }
  updateAverages(ema: Floats1d, weights: Floats1d, t: number, maxDecay = 0.9999): void {
    opt.updateAverages(this.rt, ema, weights, t, maxDecay);
  }
  lstmForward(
    params: Floats1d,
    H0: Floats3d,
    C0: Floats3d,
    X: Floats2d,
    sizeAtT: Int32Array,
  ): LstmResult {
    return lstmForward(this.rt, params, H0, C0, X, sizeAtT);
  }
  backpropLstm(
    dY: Floats2d,
    sizeAtT: Int32Array,
    params: Floats1d,
    state: LstmState,
  ): LstmGradients {
    return backpropLstm(this.rt, dY, sizeAtT, params, state);
  }
}

/** Sinusoidal encodings on the host (a constant table: computed once, uploaded once). */
function positionTable(N: number, D: number, period: number, shift: number): Float32Array {
  const out = new Float32Array(N * D);
  for (let i = 0; i < N; i++) {
    const pos = i + shift;
    let j = 0;
    for (; j + 1 < D; j += 2) {
      const angle = pos / period ** ((2 * j) / D);
      out[i * D + j] = Math.sin(angle);
      out[i * D + j + 1] = Math.cos(angle);
    }
    if (j < D) out[i * D + j] = Math.sin(pos / period ** ((2 * Math.max(0, j - 2)) / D));
  }
  return out;
}

/**
 * Create the WebGPU backend on the default adapter (or a given device).
 *
 * @param options a device to use, or the adapter power preference
 * @returns the backend
 * @throws {Error} when WebGPU or an adapter is unavailable, saying which
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   assert.equal(ops.name, "webgpu");
 *   ops.destroy();
 * }
 * ```
 */
export async function createWebGpuOps(options: WebGpuOptions = {}): Promise<WebGpuOps> {
  return new WebGpuOps(new GpuRuntime(await requestGpuDevice(options)));
}
