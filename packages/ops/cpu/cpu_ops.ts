/**
 * The CPU backend: host TypedArrays, with the hot kernels in WebAssembly SIMD
 * where the runtime has it.
 *
 * @module
 */
import {
  type Floats1d,
  type Floats2d,
  type Floats3d,
  hostArray,
  hostData,
  HostStorage,
  type Ints1d,
  type Ints2d,
  NdArray,
  type Shape,
} from "@weft/types";
import type {
  AdamStepOptions,
  CosineDistanceResult,
  GemmOptions,
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
import * as act from "./activations.ts";
import { adamStepH } from "./adam_step.ts";
import { CpuArrayOps } from "./cpu_array_ops.ts";
import { fmt, rank, sameShape } from "./checks.ts";
import * as emb from "./embed.ts";
import { gemmInto } from "./gemm.ts";
import { backpropLstmH, lstmForwardH, type MatMul } from "./lstm.ts";
import { lookupIdsH } from "./lookup.ts";
import { cosineDistanceH } from "./cosine.ts";
import { backpropLayerNormH, layerNormH } from "./layer_norm.ts";
import * as nn from "./nn.ts";
import * as seq from "./sequences.ts";
import {
  gemmKernel,
  type GemmKernelName,
  layerNormKernel,
  nnKernel,
  optimKernel,
  threadedGemmKernel,
} from "./wasm/kernels.ts";
import type { ThreadedGemm } from "./wasm/threaded_gemm.ts";
import type { WasmGemm } from "./wasm/wasm_gemm.ts";
import type { WasmLayerNorm } from "./wasm/wasm_layer_norm.ts";
import type { WasmNn } from "./wasm/wasm_nn.ts";
import type { WasmOptim } from "./wasm/wasm_optim.ts";

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
  /**
   * Threads for large matrix products (default 1). With 2, a worker sharing the
   * kernel's WebAssembly memory computes half of each large product's rows (same
   * results, bit for bit); call `dispose()` to stop it. Falls back to 1 where
   * shared memory or workers are unavailable (see `threads`).
   */
  threads?: 1 | 2;
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
export class CpuOps extends CpuArrayOps implements Ops {
  /** Which gemm kernel this backend runs: WebAssembly relaxed SIMD, SIMD128 or JavaScript. */
  readonly gemmKernel: GemmKernelName;
  readonly #kernel: WasmGemm | undefined;
  readonly #gemm: WasmGemm | ThreadedGemm | undefined;
  /** Threads the gemm runs on: 2 only where asked for and available. */
  readonly threads: 1 | 2;
  readonly #optim: WasmOptim | undefined;
  readonly #layerNorm: WasmLayerNorm | undefined;
  readonly #nn: WasmNn | undefined;

  /**
   * Create a CPU backend. Instances share the compiled kernels and nothing else.
   *
   * @param options `wasm: false` forces the plain JavaScript kernels
   */
  constructor(options: CpuOpsOptions = {}) {
    super({ wasm: options.wasm });
    const { name, kernel } = options.wasm === false
      ? { name: "js" as const, kernel: undefined }
      : gemmKernel();
    this.gemmKernel = name;
    this.#kernel = kernel;
    const threaded = options.threads === 2 && kernel !== undefined
      ? threadedGemmKernel(name === "js" ? undefined : name)
      : undefined;
    this.#gemm = threaded ?? kernel;
    this.threads = threaded === undefined ? 1 : 2;
    this.#optim = options.wasm === false ? undefined : optimKernel();
    this.#layerNorm = options.wasm === false ? undefined : layerNormKernel();
    this.#nn = options.wasm === false ? undefined : nnKernel();
  }

  /**
   * Resolves once the gemm worker (`threads: 2`) serves products; until then
   * products run on one thread. Resolves at once without a worker.
   *
   * @example Waiting for the second thread
   * ```ts
   * import assert from "node:assert/strict";
   * import { CpuOps } from "@weft/ops";
   * const ops = new CpuOps({ threads: 2 });
   * try {
   *   await ops.ready();
   *   assert.equal(ops.threads, 2);
   * } finally {
   *   ops.dispose();
   * }
   * ```
   */
  async ready(): Promise<void> {
    if (this.#gemm !== undefined && "ready" in this.#gemm) await this.#gemm.ready;
  }

  /**
   * Stop the gemm worker, if any (`threads: 2`); the backend stays usable on one
   * thread. A live worker keeps a Deno process from exiting.
   *
   * @example Disposing a two-thread backend
   * ```ts
   * import assert from "node:assert/strict";
   * import { CpuOps } from "@weft/ops";
   * const ops = new CpuOps({ threads: 2 });
   * ops.dispose();
   * const A = ops.asarray2f([1, 2, 3, 4], 2, 2);
   * assert.deepEqual([...ops.readSync(ops.gemm(A, A))], [7, 10, 15, 22]);
   * ```
   */
  dispose(): void {
    if (this.#gemm !== undefined && "dispose" in this.#gemm) this.#gemm.dispose();
  }

  gemm(A: Floats2d, B: Floats2d, options: GemmOptions = {}): Floats2d {
    return gemmInto("gemm", A, B, options, this.#gemm);
  }
  affine(X: Floats2d, W: Floats2d, b: Floats1d): Floats2d {
    rank("affine", b, 1, "b");
    if (b.shape[0] !== W.shape[0]) {
      throw new RangeError(`affine: bias ${fmt(b.shape)} does not fit weights ${fmt(W.shape)}`);
    }
    return gemmInto("affine", X, W, { transB: true }, this.#gemm, b);
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
    return nn.maxoutH(X, this.#nn);
  }
  backpropMaxout(dBest: Floats2d, which: Ints2d, nP: number): Floats3d {
    return nn.backpropMaxoutH(dBest, hostData(which), nP);
  }
  normalizeRows(X: Floats2d, eps = 1e-8): NormalizeRowsResult {
    return nn.normalizeRowsH(X, eps);
  }
  backpropNormalizeRows(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d {
    return nn.backpropNormalizeRowsH(dY, Y, invStd);
  }
  layerNorm(X: Floats2d, G: Floats1d, b: Floats1d, eps = 1e-8): LayerNormResult {
    return layerNormH(X, G, b, eps, this.#layerNorm);
  }
  backpropLayerNorm(
    dY: Floats2d,
    Xhat: Floats2d,
    invStd: Floats1d,
    G: Floats1d,
  ): LayerNormGradients {
    return backpropLayerNormH(dY, Xhat, invStd, G, this.#layerNorm);
  }
  cosineDistance(guesses: Floats2d, truths: Floats2d, ignoreZeros: boolean): CosineDistanceResult {
    return cosineDistanceH(guesses, truths, ignoreZeros);
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
    return { Y, which: hostArray([lengths.length, X.shape[1] ?? 0] as const, "int32", which) };
  }
  backpropReduceMax(dY: Floats2d, whichArr: Ints2d, lengths: Int32Array): Floats2d {
    const which = hostData(whichArr);
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
  lookupIds<S extends Shape>(
    ids: NdArray<S, "int32" | "uint32">,
    keys: Ints1d,
    values: Ints1d,
    fallback: number,
  ): NdArray<S, "int32"> {
    return lookupIdsH(ids, keys, values, fallback);
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
  adamStep(
    weights: Floats1d,
    gradient: Floats1d,
    mom1: Floats1d,
    mom2: Floats1d,
    options: AdamStepOptions,
  ): void {
    adamStepH(weights, gradient, mom1, mom2, options, this.#optim);
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
    // Views, not copies: the operands are exact-length (sub)arrays.
    const a = new NdArray(
      transA ? [K, M] as const : [M, K] as const,
      "float32",
      new HostStorage(A),
    );
    const b = new NdArray(
      transB ? [N, K] as const : [K, N] as const,
      "float32",
      new HostStorage(B),
    );
    return hostData(this.gemm(a, b, { transA, transB }));
  };
}
