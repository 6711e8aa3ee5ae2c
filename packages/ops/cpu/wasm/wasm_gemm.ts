/**
 * The WebAssembly SIMD gemm: instantiation, memory layout and the loops over
 * blocks (the kernel's text is in `gemm_wat.ts`).
 *
 * Operands are copied into the module's memory, multiplied there, and the result
 * copied out, a block of rows at a time. The copies cost O(MK + KN + MN) against
 * the product's O(MNK).
 *
 * @module
 */
import { KC, MC_PANELS } from "./gemm_wat.ts";

/** The gemm module's exports. */
export interface GemmExports {
  memory: WebAssembly.Memory;
  mr: WebAssembly.Global;
  nr: WebAssembly.Global;
  packA(
    a: number,
    lda: number,
    trans: number,
    i0: number,
    mc: number,
    p0: number,
    kc: number,
    ap: number,
  ): void;
  packB(b: number, ldb: number, trans: number, N: number, p0: number, kc: number, bp: number): void;
  hash(ids: number, n: number, seed: number, out: number): void;
  block(
    kc: number,
    mc: number,
    N: number,
    ap: number,
    bp: number,
    c: number,
    ldc: number,
    load: number,
    tile: number,
  ): void;
}

/**
 * Floats of packed A per block: 24 KiB, which with a panel of B fits the 32 or
 * 48 KiB L1 data cache of current x86-64 and ARM cores. Measured on a Zen 4 core,
 * a block twice as large runs the micro-kernel at two thirds of the speed.
 */
export const A_BLOCK_FLOATS = 6144;
/**
 * Floats of packed B above which the K-outer loop order is used: 512 KiB, about
 * what an L2 cache holds besides the other operands.
 */
export const PACKED_B_FLOATS = 131072;
const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The kernels' memory cannot hold the operands (past 4 GiB, or the engine's limit). */
export class WasmMemoryError extends RangeError {
  /**
   * Wrap the engine's error.
   *
   * @param message what could not be allocated
   */
  constructor(message: string) {
    super(message);
    this.name = "WasmMemoryError";
  }
}

/**
 * Grow `memory` to at least `bytes`, naming `what` if the engine refuses.
 *
 * @throws {WasmMemoryError} past 4 GiB or the engine's limit
 */
export function growMemory(memory: WebAssembly.Memory, bytes: number, what: string): void {
  if (memory.buffer.byteLength >= bytes) return;
  try {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  } catch (error) {
    throw new WasmMemoryError(
      `${what}: cannot grow WebAssembly memory to ${bytes} bytes (${String(error)})`,
    );
  }
}

/** The compiled, instantiated kernels (gemm, hash) with their own memory. */
export class WasmGemm {
  readonly #ex: GemmExports;
  readonly #mr: number;
  readonly #nr: number;
  readonly #aBlock: number;
  readonly #packedB: number;
  #heap: Float32Array;

  /**
   * Instantiate the kernel from a compiled module.
   *
   * @param module the compiled kernel
   * @param tuning block sizes in floats (for experiments): a packed block of A,
   *   and the packed B above which the K-outer loop order is used
   */
  constructor(
    module: WebAssembly.Module,
    tuning: { aBlockFloats?: number; packedBFloats?: number } = {},
  ) {
    this.#aBlock = tuning.aBlockFloats ?? A_BLOCK_FLOATS;
    this.#packedB = tuning.packedBFloats ?? PACKED_B_FLOATS;
    const instance = new WebAssembly.Instance(module, {});
    this.#ex = instance.exports as unknown as GemmExports;
    this.#mr = this.#ex.mr.value as number;
    this.#nr = this.#ex.nr.value as number;
    this.#heap = new Float32Array(this.#ex.memory.buffer);
  }

  #reserve(bytes: number): Float32Array {
    const memory = this.#ex.memory;
    growMemory(memory, bytes, "gemm");
    if (this.#heap.buffer !== memory.buffer) this.#heap = new Float32Array(memory.buffer);
    return this.#heap;
  }

  /** Thinc's `hash` of each id into `out [n, 4]` (see `murmur.ts` for the layout). */
  hash(ids: Uint32Array | Int32Array, seed: number, out: Uint32Array): void {
    const n = ids.length;
    const idsAt = 0;
    const outAt = align(n * 4);
    const heap = this.#reserve(outAt + n * 16);
    new Uint32Array(heap.buffer, idsAt, n).set(ids);
    this.#ex.hash(idsAt, n, seed >>> 0, outAt);
    out.set(new Uint32Array(heap.buffer, outAt, n * 4));
  }

  /**
   * `C = op(A) @ op(B) (+ bias per row)`, all row-major: A `[M, K]` (`[K, M]` when
   * `transA`), B `[K, N]` (`[N, K]` when `transB`), C `[M, N]`, bias `[N]`; with
   * `accumulate` (and no bias), `C += op(A) @ op(B)`.
   */
  gemm(
    A: Float32Array,
    B: Float32Array,
    C: Float32Array,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    bias?: Float32Array,
    accumulate = false,
  ): void {
    if (M === 0 || N === 0) return;
    if (K === 0) {
      if (accumulate) return;
      if (bias === undefined) C.fill(0, 0, M * N);
      else for (let i = 0; i < M; i++) C.set(bias.subarray(0, N), i * N);
      return;
    }
    const mr = this.#mr;
    const nr = this.#nr;
    const nPad = Math.ceil(N / nr) * nr;
    // Equal blocks of at most KC steps.
    const nBlocks = Math.ceil(K / KC);
    const kStep = Math.ceil(K / nBlocks);
    // The packed block of A is reused for every column panel: keep it in L1.
    const mc = Math.max(mr, Math.min(mr * MC_PANELS, Math.floor(this.#aBlock / kStep / mr) * mr));
    if (K * nPad > this.#packedB) {
      this.#gemmKOuter(A, B, C, M, N, K, transA, transB, bias, accumulate, mc, kStep, nPad);
    } else {
      this.#gemmMOuter(A, B, C, M, N, K, transA, transB, bias, accumulate, mc, kStep, nPad);
    }
  }

  /**
   * Pack all of op(B) once (it fits in L2), then stream A and C through the
   * module a block of rows at a time, so the working set stays in cache however
   * large M is: the forward and input-gradient products of a layer.
   */
  #gemmMOuter(
    A: Float32Array,
    B: Float32Array,
    C: Float32Array,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    bias: Float32Array | undefined,
    accumulate: boolean,
    mc: number,
    kStep: number,
    nPad: number,
  ): void {
    // Memory: scratch tile, packed A block, packed B (every K block), B, the rows
    // of A in use (all of A when transposed), and the rows of C in use.
    const mr = this.#mr;
    const tile = 0;
    const ap = align(tile + mr * this.#nr * 4);
    const bp = align(ap + mc * kStep * 4);
    const b = align(bp + K * nPad * 4);
    const a = align(b + K * N * 4);
    const aRows = transA ? M : Math.min(M, mc);
    const c = align(a + aRows * K * 4);
    const heap = this.#reserve(c + Math.min(M, mc) * N * 4);
    const ex = this.#ex;
    heap.set(B.subarray(0, K * N), b / 4);
    if (transA) heap.set(A.subarray(0, M * K), a / 4);
    const ldb = transB ? K : N;
    for (let p0 = 0; p0 < K; p0 += kStep) {
      ex.packB(b, ldb, transB ? 1 : 0, N, p0, Math.min(kStep, K - p0), bp + p0 * nPad * 4);
    }
    for (let i0 = 0; i0 < M; i0 += mc) {
      const rows = Math.min(mc, M - i0);
      if (!transA) heap.set(A.subarray(i0 * K, (i0 + rows) * K), a / 4);
      if (accumulate) heap.set(C.subarray(i0 * N, (i0 + rows) * N), c / 4);
      else if (bias !== undefined) {
        for (let i = 0; i < rows; i++) heap.set(bias.subarray(0, N), c / 4 + i * N);
      }
      for (let p0 = 0; p0 < K; p0 += kStep) {
        const kc = Math.min(kStep, K - p0);
        if (transA) ex.packA(a, M, 1, i0, rows, p0, kc, ap);
        else ex.packA(a, K, 0, 0, rows, p0, kc, ap);
        const load = p0 > 0 || bias !== undefined || accumulate ? 1 : 0;
        ex.block(kc, rows, N, ap, bp + p0 * nPad * 4, c, N * 4, load, tile);
      }
      C.set(heap.subarray(c / 4, c / 4 + rows * N), i0 * N);
    }
  }

  /**
   * For a long shared dimension (packed B would not fit in L2, e.g. the weight
   * gradient `dY^T X` over a batch): for each block of K steps, pack that block of
   * B and sweep all of A and C, as GotoBLAS does.
   */
  #gemmKOuter(
    A: Float32Array,
    B: Float32Array,
    C: Float32Array,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    bias: Float32Array | undefined,
    accumulate: boolean,
    mc: number,
    kStep: number,
    nPad: number,
  ): void {
    const mr = this.#mr;
    const tile = 0;
    const ap = align(tile + mr * this.#nr * 4);
    const bp = align(ap + mc * kStep * 4);
    const b = align(bp + kStep * nPad * 4);
    const a = align(b + K * N * 4);
    const c = align(a + M * K * 4);
    const heap = this.#reserve(c + M * N * 4);
    const ex = this.#ex;
    heap.set(B.subarray(0, K * N), b / 4);
    heap.set(A.subarray(0, M * K), a / 4);
    if (accumulate) heap.set(C.subarray(0, M * N), c / 4);
    else if (bias !== undefined) {
      for (let i = 0; i < M; i++) heap.set(bias.subarray(0, N), c / 4 + i * N);
    }
    const lda = transA ? M : K;
    const ldb = transB ? K : N;
    for (let p0 = 0; p0 < K; p0 += kStep) {
      const kc = Math.min(kStep, K - p0);
      ex.packB(b, ldb, transB ? 1 : 0, N, p0, kc, bp);
      const load = p0 > 0 || bias !== undefined || accumulate ? 1 : 0;
      for (let i0 = 0; i0 < M; i0 += mc) {
        const rows = Math.min(mc, M - i0);
        ex.packA(a, lda, transA ? 1 : 0, i0, rows, p0, kc, ap);
        ex.block(kc, rows, N, ap, bp, c + i0 * N * 4, N * 4, load, tile);
      }
    }
    C.set(heap.subarray(c / 4, c / 4 + M * N));
  }
}
