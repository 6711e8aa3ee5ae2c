/**
 * Op benchmarks as JSON-ready records, for `deno task bench:ops --backend webgpu`.
 * The measurement is backend-generic (`benchOps`), so the CPU bench can print the
 * same lines with another `impl`.
 *
 * Each case enqueues `reps` calls and then awaits one `read()` of the last result:
 * on a device backend that measures throughput with the queue kept full, the way a
 * training step uses it, instead of the ~11 ms latency of each readback.
 *
 * @module
 */
import type { Ops } from "../ops.ts";
import { createWebGpuOps, type WebGpuOptions } from "./webgpu_ops.ts";

/** One benchmark result (one JSON line). */
export interface OpsBenchRecord {
  /** Always `"ops"`. */
  bench: "ops";
  /** The op measured. */
  op: string;
  /** The shape parameters, e.g. `[M, N, K]` for gemm. */
  shape: number[];
  /** The implementation: `"weft-webgpu"`, `"weft-cpu"`, ... */
  impl: string;
  /** Calls timed. */
  reps: number;
  /** Mean milliseconds per call. */
  ms: number;
  /** Floating-point throughput where the op has a natural flop count (gemm, affine). */
  gflops?: number;
}

/** Options for `benchOps`. */
export interface BenchOptions {
  /** Calls per case (default 20). */
  reps?: number;
  /** Square gemm sizes (default 128, 512). */
  sizes?: readonly number[];
}

interface Case {
  op: string;
  shape: number[];
  flops?: number;
  run: () => unknown;
}

function cases(ops: Ops, sizes: readonly number[]): Case[] {
  const out: Case[] = [];
  const values = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i));
  for (const n of sizes) {
    const A = ops.asarray2f(values(n * n), n, n);
    const B = ops.asarray2f(values(n * n), n, n);
    const b = ops.asarray1f(values(n));
    out.push({ op: "gemm", shape: [n, n, n], flops: 2 * n * n * n, run: () => ops.gemm(A, B) });
    out.push({
      op: "affine",
      shape: [n, n, n],
      flops: 2 * n * n * n,
      run: () => ops.affine(A, B, b),
    });
  }
  const N = 4096, C = 128;
  const X = ops.asarray2f(values(N * C), N, C);
  const lengths = Int32Array.from({ length: N / 32 }, () => 32);
  const ids = ops.asarray1i(Int32Array.from({ length: N }, (_, i) => (i * 7919) % 1000), "int32");
  const table = ops.asarray2f(values(1000 * C), 1000, C);
  const w = ops.asarray1f(values(N * C)), g = ops.asarray1f(values(N * C));
  const m1 = ops.alloc1f(N * C), m2 = ops.alloc1f(N * C);
  const adam = { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 1e-3 };
  out.push(
    { op: "relu", shape: [N, C], run: () => ops.relu(X) },
    { op: "softmax", shape: [N, C], run: () => ops.softmax(X) },
    { op: "seq2col", shape: [N, C, 1], run: () => ops.seq2col(X, 1, lengths) },
    { op: "reduceMean", shape: [N, C], run: () => ops.reduceMean(X, lengths) },
    { op: "gatherRows", shape: [N, C], run: () => ops.gatherRows(table, ids) },
    { op: "scatterAdd", shape: [N, C], run: () => ops.scatterAdd(table, ids, X) },
    { op: "adam", shape: [N * C], run: () => ops.adam(w, g, m1, m2, adam) },
  );
  return out;
}

/**
 * Time a fixed set of ops on any backend.
 *
 * @param ops the backend
 * @param impl the name to record, e.g. `"weft-cpu"`
 * @param options repetitions and gemm sizes
 * @returns one record per case
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CpuOps } from "../cpu/cpu_ops.ts";
 * import { benchOps } from "./bench_webgpu.ts";
 * const records = await benchOps(new CpuOps(), "weft-cpu", { reps: 1, sizes: [8] });
 * assert.ok(records.some((r) => r.op === "gemm" && r.impl === "weft-cpu" && r.ms >= 0));
 * ```
 */
export async function benchOps(
  ops: Ops,
  impl: string,
  options: BenchOptions = {},
): Promise<OpsBenchRecord[]> {
  const reps = options.reps ?? 20;
  const records: OpsBenchRecord[] = [];
  for (const c of cases(ops, options.sizes ?? [128, 512])) {
    const sync = async (y: unknown) => {
      const x = (y ?? ops.alloc1f(1)) as Parameters<Ops["read"]>[0];
      await ops.read(x);
      if (y !== undefined) ops.release(x);
    };
    await sync(c.run()); // compile pipelines, fill the pool
    const t0 = performance.now();
    let last: unknown;
    for (let k = 0; k < reps; k++) {
      if (last !== undefined) ops.release(last as Parameters<Ops["release"]>[0]);
      last = c.run();
    }
    await sync(last);
    const ms = (performance.now() - t0) / reps;
    const record: OpsBenchRecord = { bench: "ops", op: c.op, shape: c.shape, impl, reps, ms };
    if (c.flops !== undefined && ms > 0) record.gflops = c.flops / (ms * 1e6);
    records.push(record);
  }
  return records;
}

/**
 * The op benchmarks on WebGPU, recorded as `"impl": "weft-webgpu"`.
 *
 * @param options repetitions, gemm sizes, and the device options
 * @returns one record per case
 * @throws {Error} when no WebGPU adapter exists
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { benchWebGpuOps } from "./bench_webgpu.ts";
 * const records = await benchWebGpuOps({ reps: 1, sizes: [8] }).catch(() => []);
 * assert.ok(records.every((r) => r.impl === "weft-webgpu"));
 * ```
 */
export async function benchWebGpuOps(
  options: BenchOptions & WebGpuOptions = {},
): Promise<OpsBenchRecord[]> {
  const ops = await createWebGpuOps(options);
  try {
    return await benchOps(ops, "weft-webgpu", options);
  } finally {
    ops.destroy();
  }
}
