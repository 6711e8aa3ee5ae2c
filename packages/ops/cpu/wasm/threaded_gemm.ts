/**
 * The two-thread WebAssembly gemm: the kernel instantiated twice on one shared
 * memory, in the calling thread and in a worker. For a large enough product the
 * caller copies the operands in, packs B once (when it fits in L2), posts the
 * job in control words in the shared memory (`Atomics.notify`), and both threads
 * claim chunks of C's rows from a shared counter until none are left; the caller
 * then waits for the worker's last chunk if the worker joined at all, so a worker
 * the OS keeps waiting costs at most one chunk. Each element of C goes through
 * the same multiply-adds as on one thread, so results are bit-identical. Small
 * products, and every product until the worker has started, run on the
 * single-thread kernel.
 *
 * @module
 */
import { CONTROL_BYTES, CTRL, type RowJob, runChunks, writeJob } from "./gemm_rows.ts";
import { KC, MC_PANELS, SHARED_MAX_PAGES } from "./gemm_wat.ts";
import {
  A_BLOCK_FLOATS,
  type GemmExports,
  growMemory,
  PACKED_B_FLOATS,
  type WasmGemm,
} from "./wasm_gemm.ts";

/**
 * Multiply-adds below which a product stays on one thread (about 200 x 288 x 288):
 * on the loaded 2-core machine of bench/README.md, a (150, 288, 288) product ran
 * at 0.64-0.82x split and a (600, 288, 288) one at 0.91-1.25x.
 */
export const THREADED_MIN_WORK = 1 << 24;

const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Whether this runtime can share WebAssembly memory with a module worker. */
export function threadsAvailable(): boolean {
  if (typeof SharedArrayBuffer !== "function" || typeof Worker !== "function") return false;
  if (typeof Atomics !== "object" || typeof Atomics.wait !== "function") return false;
  // Browsers expose SharedArrayBuffer only to cross-origin isolated pages.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

/** The gemm kernel run on two threads (this one and a worker) for large products. */
export class ThreadedGemm {
  readonly #single: WasmGemm;
  readonly #memory: WebAssembly.Memory;
  readonly #ex: GemmExports;
  readonly #ctrl: Int32Array;
  readonly #mr: number;
  readonly #nr: number;
  readonly #minWork: number;
  #worker: Worker | undefined;
  #heap: Float32Array;
  #seq = 0;
  #split = 0;
  #joined = 0;
  /** Resolves once the worker serves jobs (products before that run on one thread). */
  readonly ready: Promise<void>;

  /**
   * Start the worker on a new shared memory.
   *
   * @param bytes the shared-memory variant of the kernel `single` runs
   * @param single the single-thread kernel, for small products
   * @param minWork multiply-adds from which products are split
   */
  constructor(bytes: Uint8Array<ArrayBuffer>, single: WasmGemm, minWork = THREADED_MIN_WORK) {
    this.#single = single;
    this.#minWork = minWork;
    this.#memory = new WebAssembly.Memory({
      initial: 1,
      maximum: SHARED_MAX_PAGES,
      shared: true,
    });
    const module = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(module, { env: { memory: this.#memory } });
    this.#ex = instance.exports as unknown as GemmExports;
    this.#mr = this.#ex.mr.value as number;
    this.#nr = this.#ex.nr.value as number;
    this.#ctrl = new Int32Array(this.#memory.buffer, 0, CONTROL_BYTES / 4);
    this.#heap = new Float32Array(this.#memory.buffer);
    const worker = new Worker(new URL("./gemm_worker.ts", import.meta.url), { type: "module" });
    this.#worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`gemm worker failed to start: ${event.message}`));
      };
    });
    // Callers that never await `ready` must not see an unhandled rejection.
    this.ready.catch(() => {});
    worker.postMessage({ bytes, memory: this.#memory });
  }

  /** Products split so far, and how many of them the worker joined. */
  get stats(): { split: number; joined: number } {
    return { split: this.#split, joined: this.#joined };
  }

  /** Whether the worker serves jobs now. */
  get threaded(): boolean {
    return this.#worker !== undefined && Atomics.load(this.#ctrl, CTRL.ready) === 1;
  }

  /** Stop the worker; later products run on one thread. */
  dispose(): void {
    if (this.#worker === undefined) return;
    Atomics.store(this.#ctrl, CTRL.quit, 1);
    Atomics.notify(this.#ctrl, CTRL.seq);
    this.#worker.terminate();
    this.#worker = undefined;
  }

  /** Thinc's `hash` (single thread). */
  hash(ids: Uint32Array | Int32Array, seed: number, out: Uint32Array): void {
    this.#single.hash(ids, seed, out);
  }

  #reserve(bytes: number): Float32Array {
    const memory = this.#memory;
    growMemory(memory, bytes, "gemm (shared memory)");
    if (this.#heap.byteLength !== memory.buffer.byteLength) {
      this.#heap = new Float32Array(memory.buffer);
    }
    return this.#heap;
  }

  /** As `WasmGemm.gemm`: `C = op(A) @ op(B) (+ bias)`, or `C += op(A) @ op(B)`. */
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
    const mr = this.#mr;
    if (M < 4 * mr || N === 0 || K === 0 || M * N * K < this.#minWork || !this.threaded) {
      this.#single.gemm(A, B, C, M, N, K, transA, transB, bias, accumulate);
      return;
    }
    // The same blocking as the single-thread kernel (only kStep affects results).
    const nr = this.#nr;
    const nPad = Math.ceil(N / nr) * nr;
    const kStep = Math.ceil(K / Math.ceil(K / KC));
    const mc = Math.max(mr, Math.min(mr * MC_PANELS, Math.floor(A_BLOCK_FLOATS / kStep / mr) * mr));
    const kOuter = K * nPad > PACKED_B_FLOATS;
    // Memory: control words, each thread's tile, packed A block and (K-outer)
    // packed B block, the shared packed B (M-outer), then B, A and C.
    const perThread = align(mr * nr * 4) + align(mc * kStep * 4) +
      (kOuter ? align(kStep * nPad * 4) : 0);
    const t0 = CONTROL_BYTES;
    const t1 = t0 + perThread;
    const bpShared = t1 + perThread;
    const b = align(bpShared + (kOuter ? 0 : K * nPad * 4));
    const a = align(b + K * N * 4);
    const c = align(a + M * K * 4);
    const heap = this.#reserve(c + M * N * 4);
    heap.set(B.subarray(0, K * N), b / 4);
    heap.set(A.subarray(0, M * K), a / 4);
    if (accumulate) heap.set(C.subarray(0, M * N), c / 4);
    else if (bias !== undefined) {
      for (let i = 0; i < M; i++) heap.set(bias.subarray(0, N), c / 4 + i * N);
    }
    const ldb = transB ? K : N;
    if (!kOuter) {
      for (let p0 = 0; p0 < K; p0 += kStep) {
        this.#ex.packB(
          b,
          ldb,
          transB ? 1 : 0,
          N,
          p0,
          Math.min(kStep, K - p0),
          bpShared + p0 * nPad * 4,
        );
      }
    }
    // Chunks of rows claimed from a shared counter by whichever thread is free. With
    // the K-outer order each chunk repacks B's K blocks, so chunks are larger there.
    const chunkRows = kOuter ? 2 * mc : mc;
    const job = (base: number): RowJob => {
      const tile = base;
      const ap = tile + align(mr * nr * 4);
      const bp = kOuter ? ap + align(mc * kStep * 4) : bpShared;
      return {
        kOuter: kOuter ? 1 : 0,
        a,
        lda: transA ? M : K,
        transA: transA ? 1 : 0,
        b,
        ldb,
        transB: transB ? 1 : 0,
        N,
        K,
        kStep,
        nPad,
        bp,
        c,
        load: bias !== undefined || accumulate ? 1 : 0,
        mc,
        r0: 0,
        r1: 0,
        ap,
        tile,
        M,
        chunkRows,
      };
    };
    const ctrl = this.#ctrl;
    writeJob(ctrl, job(t1));
    const seq = (this.#seq = this.#seq >= 0x3fffffff ? 1 : this.#seq + 1);
    Atomics.store(ctrl, CTRL.next, 0);
    Atomics.store(ctrl, CTRL.state, seq);
    Atomics.store(ctrl, CTRL.seq, seq);
    Atomics.notify(ctrl, CTRL.seq);
    runChunks(this.#ex, ctrl, job(t0));
    // Close the job; if the worker joined it, wait for its last chunk.
    this.#split++;
    if (Atomics.compareExchange(ctrl, CTRL.state, seq, 0) !== seq) {
      this.#joined++;
      while (Atomics.load(ctrl, CTRL.done) !== seq) {
        Atomics.wait(ctrl, CTRL.done, Atomics.load(ctrl, CTRL.done), 1000);
        if (this.#worker === undefined) throw new Error("gemm: the worker was stopped mid-product");
      }
    }
    if (Atomics.exchange(ctrl, CTRL.error, 0) !== 0) {
      throw new Error(`gemm: the worker failed on a [${M}, ${K}] x [${K}, ${N}] product`);
    }
    C.set(heap.subarray(c / 4, c / 4 + M * N));
  }
}
