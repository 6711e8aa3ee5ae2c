/**
 * The op benchmarks of `bench/ops.ts` on WebGPU: the same cases and the same JSON
 * fields as the CPU lines, with `"impl": "weft-webgpu"`, for
 * `deno task bench:ops --backend webgpu`.
 *
 * A sample enqueues `batch` calls and awaits one `read()` of the last result, so the
 * queue stays full as in training and the ~11 ms readback latency is spread over the
 * batch; `gflops`/`gbps` use the fastest sample, `gflops_median` the median.
 *
 * @module
 */
import type { Floats1d, Floats2d } from "@weft/types";
import type { AdamStepOptions } from "../ops.ts";
import { createWebGpuOps, type WebGpuOps, type WebGpuOptions } from "./webgpu_ops.ts";

/** One benchmark line: `op`, `impl` and the case's sizes and rates. */
export type OpsBenchRecord = Record<string, string | number>;

/** Options for `benchWebGpuOps`. */
export interface BenchOptions extends WebGpuOptions {
  /** Only cases whose op name contains this (as `bench/ops.ts`'s filter argument). */
  filter?: string | undefined;
  /** gemm shapes `[m, k, n]`; the CPU bench's by default. */
  gemmShapes?: readonly (readonly [number, number, number])[] | undefined;
  /** Rows of the throughput cases (2000 by default, as on the CPU). */
  rows?: number | undefined;
  /** Calls per sample (default 10). */
  batch?: number | undefined;
  /** Timed samples per case (default 5). */
  samples?: number | undefined;
}

const round = (x: number) => Math.round(x * 100) / 100;

function values(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37));
}

/** Milliseconds per call of each sample, sorted. */
async function time(
  ops: WebGpuOps,
  run: () => unknown,
  batch: number,
  samples: number,
): Promise<number[]> {
  const settle = async (y: unknown) => {
    const x = (y && typeof y === "object" && "storage" in y ? y : ops.alloc1f(1)) as Floats2d;
    await ops.read(x);
    ops.release(x);
  };
  await settle(run()); // compile pipelines, fill the pool
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    let last: unknown;
    for (let k = 0; k < batch; k++) {
      if (last && typeof last === "object" && "storage" in last) ops.release(last as Floats2d);
      last = run();
    }
    await settle(last);
    times.push((performance.now() - t0) / batch);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Run the op benchmarks on WebGPU.
 *
 * @param options filter, sizes, sampling, and the device options
 * @returns one record per case, ready for `JSON.stringify`
 * @throws {Error} when no WebGPU adapter exists
 * @example Tiny sizes (llvmpipe is slow)
 * ```ts
 * import assert from "node:assert/strict";
 * import { benchWebGpuOps } from "./bench_webgpu.ts";
 * const records = await benchWebGpuOps({ gemmShapes: [[8, 8, 8]], rows: 16, batch: 1, samples: 1 })
 *   .catch(() => []);
 * assert.ok(records.every((r) => r.impl === "weft-webgpu"));
 * ```
 */
export async function benchWebGpuOps(options: BenchOptions = {}): Promise<OpsBenchRecord[]> {
  const ops = await createWebGpuOps(options);
  const filter = options.filter ?? "";
  const batch = options.batch ?? 10, samples = options.samples ?? 5;
  const records: OpsBenchRecord[] = [];
  const want = (op: string) => filter === "" || op.includes(filter);
  const impl = "weft-webgpu";
  try {
    const shapes = options.gemmShapes ??
      [[2000, 288, 288], [2000, 96, 288], [512, 512, 512], [64, 96, 96]];
    if (want("gemm")) {
      for (const [m, k, n] of shapes) {
        const A = ops.asarray2f(values(m * k), m, k), B = ops.asarray2f(values(k * n), k, n);
        const out = ops.alloc2f(m, n);
        const t = await time(ops, () => void ops.gemm(A, B, { out }), batch, samples);
        const gf = (ms: number) => round((2 * m * k * n) / ms / 1e6);
        records.push({
          op: "gemm",
          m,
          k,
          n,
          impl,
          gflops: gf(t[0]!),
          gflops_median: gf(t[t.length >> 1]!),
        });
      }
    }
    const N = options.rows ?? 2000, nI = 96;
    const X = ops.asarray2f(values(N * nI), N, nI);
    if (want("seq2col")) {
      const lengths = Int32Array.from(
        { length: Math.ceil(N / 100) },
        (_, i) => Math.min(100, N - i * 100),
      );
      const t = await time(ops, () => ops.seq2col(X, 1, lengths), batch, samples);
      records.push({
        op: "seq2col",
        n: N,
        nI,
        nW: 1,
        impl,
        gbps: round((4 * (N * nI + N * 3 * nI)) / t[0]! / 1e6),
      });
    }
    if (want("maxout")) {
      const nO = 288, nP = 3;
      const Xm = ops.reshape(ops.asarray2f(values(N * nO * nP), N, nO * nP), [N, nO, nP] as const);
      // The device-side variant: the interface's host `which` would need a readback.
      const t = await time(ops, () => ops.maxout(Xm).best, batch, samples);
      records.push({
        op: "maxout",
        n: N,
        nO,
        nP,
        impl,
        gbps: round((4 * N * nO * (nP + 2)) / t[0]! / 1e6),
      });
    }
    if (want("hash")) {
      const n = N * 50;
      const ids = ops.asarray1i(
        Uint32Array.from({ length: n }, (_, i) => i * 2654435761),
        "uint32",
      );
      const t = await time(ops, () => ops.hash(ids, 42), batch, samples);
      records.push({ op: "hash", n, impl, melem_s: round(n / t[0]! / 1e3) });
    }
    if (want("gatherAdd")) {
      const rows = 5000, K = 4;
      const table = ops.asarray2f(values(rows * nI), rows, nI);
      const idx = ops.asarray2i(
        Int32Array.from({ length: N * K }, (_, i) => (i * 7919) % rows),
        N,
        K,
      );
      const t = await time(ops, () => ops.gatherAdd(table, idx), batch, samples);
      records.push({
        op: "gatherAdd",
        n: N,
        k: K,
        nO: nI,
        rows,
        impl,
        gbps: round((4 * N * K * nI + 4 * N * nI) / t[0]! / 1e6),
      });
    }
    if (want("adam")) {
      // The optimizer step as spaCy's default optimizer takes it (bench/ops.ts's case);
      // the gradient is not restored between runs (it is zero after a step), which
      // leaves the arithmetic and the memory traffic unchanged.
      for (const n of [480000, 27648]) {
        const [w, g, m1, m2, avg] = [0, 1, 2, 3, 4].map((k) =>
          ops.asarray1f(values(n).map((x) => Math.abs(x) + k))
        ) as [Floats1d, Floats1d, Floats1d, Floats1d, Floats1d];
        const options: AdamStepOptions = {
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          learnRate: 0.001,
          gradClip: 1,
          weightDecay: 1 - 0.001 * 0.01,
          averages: avg,
          averagesStep: 1000,
        };
        const t = await time(ops, () => ops.adamStep(w, g, m1, m2, options), batch, samples);
        records.push({
          op: "adam",
          n,
          impl,
          melem_s: round(n / t[0]! / 1e3),
          melem_s_median: round(n / t[t.length >> 1]! / 1e3),
        });
      }
    }
    return records;
  } finally {
    ops.destroy();
  }
}
