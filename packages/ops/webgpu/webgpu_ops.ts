/**
 * The WebGPU backend: every `Ops` method as WGSL compute kernels over pooled
 * device buffers. Work is recorded synchronously and submitted in few command
 * buffers; `read()` is the only await. The class is built in layers: `DeviceOps`
 * (the runtime), `ArrayOps` (allocation, arithmetic, gemm, activations),
 * `SequenceOps` (sequences and lists), then `WebGpuOps` (the rest).
 *
 * @module
 */
import type { Floats1d, Floats2d, Floats3d, Ints1d, Ints2d, NdArray, Shape } from "@weft/types";
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
  SoftmaxOptions,
} from "../ops.ts";
import { adamStepComposed } from "../adam_step.ts";
import { requestGpuDevice, type WebGpuOptions } from "./device.ts";
import { cosineDistance } from "./cosine.ts";
import * as emb from "./embed.ts";
import { hash, ngrams } from "./hashing.ts";
import { lookupIds } from "./lookup.ts";
import { lstmForward } from "./lstm.ts";
import { backpropLstm } from "./lstm_backprop.ts";
import * as norm from "./norm.ts";
import * as opt from "./optim.ts";
import * as rows from "./rows.ts";
import { GpuRuntime } from "./runtime.ts";
import { backpropSparseLinear, sparseLinear } from "./sparse_linear.ts";
import { SequenceOps } from "./sequence_ops.ts";

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
export class WebGpuOps extends SequenceOps implements Ops {
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
