/**
 * The fused optimizer step in WebAssembly SIMD: the arrays stay in JavaScript
 * memory and pass through the module's memory in chunks of {@linkcode CHUNK}
 * floats (copies run at memory speed; the kernel then does every float32 step in
 * one pass). Two passes in all: one for the gradient's norm when clipping, one
 * for the update.
 *
 * @module
 */
import type { AdamStepScalars } from "../optim.ts";
import { growMemory } from "./wasm_gemm.ts";

/** Floats per array per chunk (64 KiB: five arrays stay in the L2 cache). */
export const CHUNK = 16384;

interface OptimExports {
  memory: WebAssembly.Memory;
  sumsq(g: number, n: number): number;
  sumsq_l2(g: number, w: number, n: number, l2: number): number;
  adam(
    w: number,
    g: number,
    m1: number,
    m2: number,
    n: number,
    scale: number,
    l2: number,
    b1: number,
    a1: number,
    b2: number,
    a2: number,
    eps: number,
    lr: number,
    decay: number,
  ): void;
  adam_avg(
    w: number,
    g: number,
    m1: number,
    m2: number,
    ema: number,
    n: number,
    scale: number,
    l2: number,
    b1: number,
    a1: number,
    b2: number,
    a2: number,
    eps: number,
    lr: number,
    decay: number,
    avg: number,
  ): void;
}

// Float offsets of the five chunk buffers in the module's memory.
const W = 0, G = CHUNK, M1 = 2 * CHUNK, M2 = 3 * CHUNK, EMA = 4 * CHUNK;

/** The instantiated optimizer kernels with their own memory. */
export class WasmOptim {
  readonly #ex: OptimExports;
  readonly #heap: Float32Array;

  /** Instantiate the compiled module and size its memory for five chunks. */
  constructor(module: WebAssembly.Module) {
    this.#ex = new WebAssembly.Instance(module).exports as unknown as OptimExports;
    const bytes = 5 * CHUNK * 4;
    growMemory(this.#ex.memory, bytes, "adamStep");
    this.#heap = new Float32Array(this.#ex.memory.buffer);
  }

  /** Copy `src[off, off + len)` to the heap at `at`, zero-padded to a multiple of 4. */
  #load(src: Float32Array, off: number, len: number, at: number): void {
    const heap = this.#heap;
    heap.set(src.subarray(off, off + len), at);
    for (let i = len; i & 3; i++) heap[at + i] = 0;
  }

  /** The squared L2 norm of `g + l2 * w` (w unread when `l2` is 0), summed in float64. */
  sumSquares(g: Float32Array, w: Float32Array, l2: number): number {
    const ex = this.#ex;
    let sum = 0;
    for (let off = 0; off < g.length; off += CHUNK) {
      const len = Math.min(CHUNK, g.length - off);
      this.#load(g, off, len, G);
      if (l2 !== 0) {
        this.#load(w, off, len, W);
        sum += ex.sumsq_l2(G * 4, W * 4, len, l2);
      } else {
        sum += ex.sumsq(G * 4, len);
      }
    }
    return sum;
  }

  /** One fused step over the whole arrays (see `adamStepK` for the arithmetic); zeroes `g`. */
  step(
    w: Float32Array,
    g: Float32Array,
    m1: Float32Array,
    m2: Float32Array,
    ema: Float32Array | undefined,
    s: AdamStepScalars,
  ): void {
    const ex = this.#ex;
    const heap = this.#heap;
    for (let off = 0; off < w.length; off += CHUNK) {
      const len = Math.min(CHUNK, w.length - off);
      const end = off + len;
      this.#load(w, off, len, W);
      this.#load(g, off, len, G);
      this.#load(m1, off, len, M1);
      this.#load(m2, off, len, M2);
      if (ema === undefined) {
        ex.adam(
          W * 4,
          G * 4,
          M1 * 4,
          M2 * 4,
          len,
          s.scale,
          s.L2,
          s.beta1,
          s.oneMinusBeta1,
          s.beta2,
          s.oneMinusBeta2,
          s.eps,
          s.learnRate,
          s.weightDecay,
        );
      } else {
        this.#load(ema, off, len, EMA);
        ex.adam_avg(
          W * 4,
          G * 4,
          M1 * 4,
          M2 * 4,
          EMA * 4,
          len,
          s.scale,
          s.L2,
          s.beta1,
          s.oneMinusBeta1,
          s.beta2,
          s.oneMinusBeta2,
          s.eps,
          s.learnRate,
          s.weightDecay,
          s.averageRate,
        );
        ema.set(heap.subarray(EMA, EMA + len), off);
      }
      w.set(heap.subarray(W, W + len), off);
      m1.set(heap.subarray(M1, M1 + len), off);
      m2.set(heap.subarray(M2, M2 + len), off);
      g.fill(0, off, end);
    }
  }
}
