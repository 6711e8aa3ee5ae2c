/**
 * The WebGPU backend: every `Ops` method as WGSL compute kernels over pooled
 * device buffers. Work is recorded synchronously and submitted in few command
 * buffers; `read()` is the only await.
 *
 * @module
 */
import type {
  Floats1d,
  Floats2d,
  Floats3d,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
} from "@weft/types";
import type {
  AdamOptions,
  LstmGradients,
  LstmResult,
  LstmState,
  MaxoutResult,
  NormalizeRowsResult,
  Ops,
  ReduceMaxResult,
  SoftmaxOptions,
} from "../ops.ts";
import { requestGpuDevice, type WebGpuOptions } from "./device.ts";
import * as emb from "./embed.ts";
import * as lists from "./lists.ts";
import { lstmForward } from "./lstm.ts";
import { backpropLstm } from "./lstm_backprop.ts";
import * as norm from "./norm.ts";
import * as opt from "./optim.ts";
import * as rows from "./rows.ts";
import { GpuRuntime } from "./runtime.ts";
import * as seq from "./sequences.ts";
import { ArrayOps } from "./array_ops.ts";

export type { WebGpuOptions } from "./device.ts";

/**
 * `Ops` on a WebGPU device. Besides the interface it offers device-side variants of
 * `maxout` and `reduceMax` (`maxoutDevice`, `reduceMaxDevice`), whose `which` stays on
 * the device: the interface's host `which` cannot be produced without waiting.
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
    return seq.softmaxSeq(this.rt, X, undefined, lengths);
  }
  backpropSoftmaxSequences(dY: Floats2d, Y: Floats2d, lengths: Int32Array): Floats2d {
    return seq.softmaxSeq(this.rt, Y, dY, lengths);
  }
  /**
   * Not available on WebGPU: `which` would need a blocking readback. Use
   * `maxoutDevice`.
   *
   * @throws {TypeError} always
   */
  maxout(_X: Floats3d): MaxoutResult {
    throw new TypeError(
      "maxout() on webgpu cannot return `which` in host memory without a blocking readback; " +
        "use ops.maxoutDevice() (see the proposed Ops change: which as a device Ints2d)",
    );
  }
  /**
   * Route `dBest` to the winning pieces; `which` may be the host array of the
   * interface (uploaded) or the device array of `maxoutDevice`.
   */
  backpropMaxout(dBest: Floats2d, which: Int32Array | Ints2d, nP: number): Floats3d {
    if (!(which instanceof Int32Array)) return rows.backpropMaxoutDevice(this.rt, dBest, which, nP);
    const w = this.asarray(which, dBest.shape, "int32");
    const dX = rows.backpropMaxoutDevice(this.rt, dBest, w, nP);
    this.release(w);
    return dX;
  }
  normalizeRows(X: Floats2d, eps = 1e-8): NormalizeRowsResult {
    return norm.normalizeRows(this.rt, X, eps);
  }
  backpropNormalizeRows(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d {
    return norm.backpropNormalizeRows(this.rt, dY, Y, invStd);
  }
  argmax(X: Floats2d): Ints1d {
    return rows.argmax(this.rt, X);
  }

  seq2col(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq.seq2colKernel(this.rt, X, nW, lengths, false);
  }
  backpropSeq2col(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq.seq2colKernel(this.rt, dY, nW, lengths, true);
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
  /**
   * Not available on WebGPU: `which` would need a blocking readback. Use
   * `reduceMaxDevice`.
   *
   * @throws {TypeError} always
   */
  reduceMax(_X: Floats2d, _lengths: Int32Array): ReduceMaxResult {
    throw new TypeError(
      "reduceMax() on webgpu cannot return `which` in host memory without a blocking readback; " +
        "use ops.reduceMaxDevice() (see the proposed Ops change: which as a device Ints2d)",
    );
  }
  /**
   * Gradient of `reduceMax`; `which` may be the host array of the interface
   * (uploaded) or the device array of `reduceMaxDevice`.
   */
  backpropReduceMax(dY: Floats2d, which: Int32Array | Ints2d, lengths: Int32Array): Floats2d {
    const op = "backpropReduceMax";
    if (!(which instanceof Int32Array)) {
      return seq.backpropReduceSeq(this.rt, op, dY, lengths, seq.REDUCE.max, which);
    }
    const w = this.asarray(which, dY.shape, "int32");
    const dX = seq.backpropReduceSeq(this.rt, op, dY, lengths, seq.REDUCE.max, w);
    this.release(w);
    return dX;
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
  flatten(Xs: readonly Floats2d[], pad = 0): Floats2d {
    return lists.flatten(this.rt, Xs, pad);
  }
  unflatten(X: Floats2d, lengths: Int32Array, pad = 0): Floats2d[] {
    return lists.unflatten(this.rt, X, lengths, pad);
  }
  hstack(Xs: readonly Floats2d[]): Floats2d {
    return lists.hstack(this.rt, Xs);
  }
  sliceColumns(X: Floats2d, start: number, end: number): Floats2d {
    return lists.sliceColumns(this.rt, X, start, end);
  }
  pad(Xs: readonly Floats2d[], roundTo = 1): Floats3d {
    return lists.pad(this.rt, Xs, roundTo);
  }
  unpad(X: Floats3d, lengths: Int32Array): Floats2d[] {
    return lists.unpad(this.rt, X, lengths);
  }
  list2padded(Xs: readonly Floats2d[]): Padded<"float32"> {
    return lists.list2padded(this.rt, Xs);
  }
  padded2list(Xp: Padded<"float32">): Floats2d[] {
    return lists.padded2list(this.rt, Xp);
  }
  list2ragged(Xs: readonly Floats2d[]): Ragged<"float32"> {
    return lists.list2ragged(this.rt, Xs);
  }
  ragged2list(Xr: Ragged<"float32">): Floats2d[] {
    return lists.ragged2list(Xr);
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
    return emb.hash(this.rt, ids, seed);
  }
  ngrams(n: number, keys: Ints1d): Ints1d {
    return emb.ngrams(this.rt, n, keys);
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
    return emb.sparseLinear(this.rt, keys, values, lengths, W, b, nO, length, v1Indexing);
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
    emb.backpropSparseLinear(this.rt, dY, keys, values, lengths, dW, nO, length, v1Indexing);
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
