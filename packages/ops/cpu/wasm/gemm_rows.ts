/**
 * One thread's share of a two-thread gemm: a range of C's rows, run with the
 * same packing and micro-kernel calls, block for block, as the single-thread
 * loops in `wasm_gemm.ts`, so each element of C sees the same sequence of
 * multiply-adds. Used by the main thread and by the worker (`gemm_worker.ts`).
 *
 * The job's parameters live in an `Int32Array` over the start of the shared
 * memory (indices below); pointers are byte offsets into that memory.
 *
 * @module
 */
import type { GemmExports } from "./wasm_gemm.ts";

/** Bytes at the start of the shared memory reserved for control words and parameters. */
export const CONTROL_BYTES = 256;

/** Indices of the control words in the shared `Int32Array`. */
export const CTRL = {
  /** 1 once the worker has instantiated the kernel. */
  ready: 0,
  /** Job counter: the main thread bumps it to start the worker's share. */
  seq: 1,
  /** The last job counter the worker finished. */
  done: 2,
  /** 1 asks the worker to leave its loop. */
  quit: 3,
  /** 1 if the worker's share threw. */
  error: 4,
  /**
   * The open job's counter while the worker may still join it; its negation once
   * the worker has joined; 0 once the main thread has closed it without the worker.
   */
  state: 5,
  /** The next chunk of rows to claim (`Atomics.add`). */
  next: 6,
  /** First parameter of the job: see `JOB`. */
  params: 8,
} as const;

/** The job's parameters, in order from `CTRL.params`. */
export const JOB = [
  "kOuter",
  "a",
  "lda",
  "transA",
  "b",
  "ldb",
  "transB",
  "N",
  "K",
  "kStep",
  "nPad",
  "bp",
  "c",
  "load",
  "mc",
  "r0",
  "r1",
  "ap",
  "tile",
  "M",
  "chunkRows",
] as const;

/** A thread's share of a gemm (see `JOB`). */
export type RowJob = Record<(typeof JOB)[number], number>;

/** Write a job's parameters into the control words. */
export function writeJob(ctrl: Int32Array, job: RowJob): void {
  JOB.forEach((key, i) => (ctrl[CTRL.params + i] = job[key]));
}

/** Read a job's parameters from the control words. */
export function readJob(ctrl: Int32Array): RowJob {
  const job = {} as RowJob;
  JOB.forEach((key, i) => (job[key] = ctrl[CTRL.params + i]!));
  return job;
}

/**
 * Run rows `[r0, r1)` of C. With `kOuter`, B is packed here, a K block at a time,
 * into `bp` (each thread has its own); otherwise `bp` holds all of packed B
 * (packed once by the main thread, shared). `load` is 1 when C starts from its
 * current contents (bias or accumulate).
 */
export function runRows(ex: GemmExports, j: RowJob): void {
  const { K, kStep, N, nPad, mc, r0, r1, ap, tile } = j;
  if (j.kOuter) {
    for (let p0 = 0; p0 < K; p0 += kStep) {
      const kc = Math.min(kStep, K - p0);
      ex.packB(j.b, j.ldb, j.transB, N, p0, kc, j.bp);
      const load = p0 > 0 || j.load ? 1 : 0;
      for (let i0 = r0; i0 < r1; i0 += mc) {
        const rows = Math.min(mc, r1 - i0);
        ex.packA(j.a, j.lda, j.transA, i0, rows, p0, kc, ap);
        ex.block(kc, rows, N, ap, j.bp, j.c + i0 * N * 4, N * 4, load, tile);
      }
    }
    return;
  }
  for (let i0 = r0; i0 < r1; i0 += mc) {
    const rows = Math.min(mc, r1 - i0);
    for (let p0 = 0; p0 < K; p0 += kStep) {
      const kc = Math.min(kStep, K - p0);
      ex.packA(j.a, j.lda, j.transA, i0, rows, p0, kc, ap);
      const load = p0 > 0 || j.load ? 1 : 0;
      ex.block(kc, rows, N, ap, j.bp + p0 * nPad * 4, j.c + i0 * N * 4, N * 4, load, tile);
    }
  }
}

/**
 * Claim chunks of `chunkRows` rows (a multiple of `mc`) from the shared counter
 * until none are left, running each with `runRows`: whichever thread is running
 * takes the work, so a thread that the OS leaves waiting delays at most one chunk.
 */
export function runChunks(ex: GemmExports, ctrl: Int32Array, j: RowJob): void {
  for (;;) {
    const r0 = Atomics.add(ctrl, CTRL.next, 1) * j.chunkRows;
    if (r0 >= j.M) return;
    runRows(ex, { ...j, r0, r1: Math.min(j.M, r0 + j.chunkRows) });
  }
}
