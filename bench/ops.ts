// Throughput of the CPU backend's hot ops, one JSON object per line.
//
//   deno task bench:ops            (all)
//   deno task bench:ops gemm       (only ops whose name contains "gemm")
//   deno task bench:ops adam       (only the optimizer step)
//   deno task bench:ops --backend webgpu [filter]   (the same cases on WebGPU,
//                                   "impl":"weft-webgpu"; see packages/ops/webgpu)
//
// gemm is measured for Weft (WebAssembly SIMD), @tensorflow/tfjs-backend-wasm
// (XNNPACK, SIMD; single-threaded under Deno) and a plain JavaScript triple loop,
// in the same process. Each case is warmed up (so V8 has optimized the
// WebAssembly), then timed repeatedly; "gflops" uses the fastest run and
// "gflops_median" the median, because a shared machine adds noise that is never in
// Weft's favour alone. A "clock" line first gives the core's measured clock and the
// SIMD128 FMA ceiling it implies (16 flops per cycle), which gemm's GFLOPS approach.
// The comparison libraries are the bench's own, not the workspace's dependencies.
// deno-lint-ignore no-import-prefix
import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
// Registers the "wasm" backend; under Deno it reads its .wasm files from the npm package.
// deno-lint-ignore no-import-prefix
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";
import {
  adamStepComposed,
  type AdamStepOptions,
  CpuOps,
  type Floats1d,
} from "../packages/ops/mod.ts";

const backendAt = Deno.args.indexOf("--backend");
const backend = backendAt >= 0 ? Deno.args[backendAt + 1] ?? "" : "cpu";
const args = backendAt >= 0 ? Deno.args.toSpliced(backendAt, 2) : Deno.args;
const filter = args[0] ?? "";
if (backend === "webgpu") {
  const { benchWebGpuOps } = await import("../packages/ops/webgpu/mod.ts");
  for (const record of await benchWebGpuOps({ filter })) console.log(JSON.stringify(record));
  Deno.exit(0);
} else if (backend !== "cpu") {
  throw new TypeError(`bench/ops.ts: unknown --backend "${backend}" (cpu or webgpu)`);
}
const ops = new CpuOps();

function timeIt(fn: () => void, warmupMs: number, budgetMs: number, maxRuns = 200): number[] {
  const w0 = performance.now();
  do fn(); while (performance.now() - w0 < warmupMs);
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < 3 || (performance.now() - t0 < budgetMs && times.length < maxRuns)) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

function randn(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
}

function naiveGemm(
  A: Float32Array,
  B: Float32Array,
  C: Float32Array,
  m: number,
  k: number,
  n: number,
) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i * k + p]! * B[p * n + j]!;
      C[i * n + j] = s;
    }
  }
}

function report(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}

// Time several implementations of one case, alternating between them so that a
// change in the machine's load affects them alike. Returns sorted times per impl.
function timeAlternating(fns: (() => void)[], warmupMs: number, budgetMs: number): number[][] {
  for (const fn of fns) timeIt(fn, warmupMs, 0, 1);
  const times = fns.map((): number[] => []);
  const t0 = performance.now();
  while (times[0]!.length < 5 || (performance.now() - t0 < budgetMs && times[0]!.length < 2000)) {
    fns.forEach((fn, i) => {
      const s = performance.now();
      fn();
      times[i]!.push(performance.now() - s);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b));
}

/** Unsigned LEB128, as WebAssembly encodes sizes and counts. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
}

// The core's clock, from a WebAssembly loop of 32 dependent i32 adds per iteration
// (one cycle each), best of many short runs (a loaded machine only lowers it). With
// two 128-bit FMA pipes (x86-64 since Haswell/Zen) the SIMD128 gemm ceiling is
// 16 flops per cycle: the figure the gemm GFLOPS compare against.
function clockGhz(): number {
  const add = [0x20, 0x02, 0x20, 0x01, 0x6a, 0x21, 0x02]; // x = x + y
  const body = [
    ...[0x01, 0x01, 0x7f], // one i32 local (x)
    ...[0x03, 0x40], // loop
    ...Array.from({ length: 32 }, () => add).flat(),
    ...[0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00], // br_if (n = n - 1)
    ...[0x0b, 0x20, 0x02, 0x0b], // end loop; x; end
  ];
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = [..."chain"].map((c) => c.charCodeAt(0));
  const bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // (i32, i32) -> i32
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, name.length, ...name, 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
  const chain = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.chain as (
    n: number,
    y: number,
  ) => number;
  const n = 100000;
  if (chain(n, 3) !== (32 * n * 3) >>> 0) throw new Error("clock: wrong chain result");
  let best = 0;
  for (let r = 0; r < 300; r++) {
    const t = performance.now();
    chain(n, 3);
    best = Math.max(best, (32 * n) / ((performance.now() - t) * 1e6));
  }
  return best;
}

async function benchGemm(): Promise<void> {
  const ghz = clockGhz();
  report({
    op: "clock",
    ghz: round(ghz),
    simd128_fma_peak_gflops: round(16 * ghz),
  });

  await tf.setBackend("wasm");
  await tf.ready();
  // The same kernel with a gemm worker: large products split across two cores.
  const ops2 = new CpuOps({ threads: 2 });
  await ops2.ready();
  const shapes: [number, number, number][] = [
    [2000, 288, 288],
    [2000, 96, 288],
    [512, 512, 512],
    [64, 96, 96],
  ];
  const cases = shapes.map(([m, k, n]) => {
    const a = randn(m * k);
    const b = randn(k * n);
    const A = ops.asarray2f(a, m, k);
    const B = ops.asarray2f(b, k, n);
    const out = ops.alloc2f(m, n);
    const ta = tf.tensor2d(a, [m, k]);
    const tb = tf.tensor2d(b, [k, n]);
    return {
      m,
      k,
      n,
      a,
      b,
      weft: () => void ops.gemm(A, B, { out }),
      weft2: () => void ops2.gemm(A, B, { out }),
      // Inputs already uploaded; the product is read back, as Weft's is written to
      // a host array.
      tfjs: () => {
        const c = tf.matMul(ta, tb);
        c.dataSync();
        c.dispose();
      },
    };
  });
  // V8 optimizes WebAssembly in the background after a function has run a while:
  // run every case first so that no measurement sees the baseline compiler.
  const w0 = performance.now();
  while (performance.now() - w0 < 1500) for (const c of cases) c.weft(), c.tfjs(), c.weft2();
  for (const { m, k, n, a, b, weft, tfjs, weft2 } of cases) {
    const flops = 2 * m * k * n;
    const [tw, tt, t2] = timeAlternating([weft, tfjs, weft2], 200, 3000);
    const gf = (ms: number) => round(flops / ms / 1e6);
    const common = { op: "gemm", m, k, n };
    report({
      ...common,
      impl: "weft-cpu",
      kernel: ops.gemmKernel,
      threads: 1,
      gflops: gf(tw![0]!),
      gflops_median: gf(median(tw!)),
    });
    report({
      ...common,
      impl: "weft-cpu",
      kernel: ops.gemmKernel,
      threads: ops2.threads,
      gflops: gf(t2![0]!),
      gflops_median: gf(median(t2!)),
      speedup_vs_1_thread: round(tw![0]! / t2![0]!),
      speedup_vs_1_thread_median: round(median(tw!) / median(t2!)),
    });
    report({
      ...common,
      impl: "tfjs-wasm",
      threads: 1,
      gflops: gf(tt![0]!),
      gflops_median: gf(median(tt!)),
      weft_speedup: round(tt![0]! / tw![0]!),
      weft_speedup_median: round(median(tt!) / median(tw!)),
    });
    const c = new Float32Array(m * n);
    const naive = timeIt(() => naiveGemm(a, b, c, m, k, n), 0, 300, 3);
    report({
      ...common,
      impl: "js-naive",
      threads: 1,
      gflops: gf(naive[0]!),
      gflops_median: gf(median(naive)),
    });
  }
  ops2.dispose();
}

function benchThroughput(): void {
  const N = 2000, nI = 96;
  const lengths = new Int32Array(20).fill(100);
  const X = ops.asarray2f(randn(N * nI), N, nI);
  const s2c = timeIt(() => ops.seq2col(X, 1, lengths), 200, 800);
  // Bytes read plus bytes written.
  const s2cBytes = 4 * (N * nI + N * 3 * nI);
  report({
    op: "seq2col",
    n: N,
    nI,
    nW: 1,
    impl: "weft-cpu",
    threads: 1,
    gbps: round(s2cBytes / s2c[0]! / 1e6),
  });
  const nO = 288, nP = 3;
  const Xm = ops.reshape(ops.asarray2f(randn(N * nO * nP), N, nO * nP), [N, nO, nP] as const);
  const mx = timeIt(() => ops.maxout(Xm), 200, 800);
  report({
    op: "maxout",
    n: N,
    nO,
    nP,
    impl: "weft-cpu",
    threads: 1,
    gbps: round((4 * N * nO * (nP + 2)) / mx[0]! / 1e6),
  });
  const ids = ops.asarray1i(
    Uint32Array.from({ length: 100000 }, (_, i) => i * 2654435761),
    "uint32",
  );
  const hs = timeIt(() => ops.hash(ids, 42), 200, 800);
  report({
    op: "hash",
    n: 100000,
    impl: "weft-cpu",
    threads: 1,
    melem_s: round(100000 / hs[0]! / 1e3),
  });
  const rows = 5000, K = 4;
  const table = ops.asarray2f(randn(rows * nI), rows, nI);
  const idx = ops.asarray2i(
    Int32Array.from({ length: N * K }, () => Math.floor(Math.random() * rows)),
    N,
    K,
  );
  const ga = timeIt(() => ops.gatherAdd(table, idx), 200, 800);
  report({
    op: "gatherAdd",
    n: N,
    k: K,
    nO: nI,
    rows,
    impl: "weft-cpu",
    threads: 1,
    gbps: round((4 * N * K * nI + 4 * N * nI) / ga[0]! / 1e6),
  });
}

// One Adam step as spaCy's default optimizer takes it (clip 1, L2 0.01 as weight
// decay, averages), per element per second: the fused `adamStep` (WebAssembly SIMD,
// and its JavaScript fallback) against the composed single-purpose ops (the
// optimizer's former path: clipGradient, adam, scaleInPlace, updateAverages, fill).
// Each run first restores the gradient (a copy, counted in every impl alike).
function benchAdam(): void {
  const jsOps = new CpuOps({ wasm: false });
  for (const n of [480000, 27648]) {
    const grad = randn(n);
    const impls: [string, CpuOps, boolean][] = [
      ["weft-cpu", ops, false],
      ["weft-cpu-js", jsOps, false],
      ["weft-cpu-unfused", ops, true],
    ];
    const fns = impls.map(([, o, composed]) => {
      const [w, g, m1, m2, avg] = [randn(n), grad, randn(n), randn(n), randn(n)].map((a) =>
        o.asarray1f(Float32Array.from(a, (x) => Math.abs(x)))
      ) as [Floats1d, Floats1d, Floats1d, Floats1d, Floats1d];
      const gData = o.readSync(g);
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
      return () => {
        gData.set(grad);
        if (composed) adamStepComposed(o, w, g, m1, m2, options);
        else o.adamStep(w, g, m1, m2, options);
      };
    });
    const times = timeAlternating(fns, 300, 2000);
    impls.forEach(([impl], i) => {
      const t = times[i]!;
      report({
        op: "adam",
        n,
        impl,
        threads: 1,
        melem_s: round(n / t[0]! / 1e3),
        melem_s_median: round(n / median(t) / 1e3),
      });
    });
  }
}

if ("gemm".includes(filter)) await benchGemm();
if ("adam".includes(filter)) benchAdam();
if (filter === "" || (!"gemm".includes(filter) && !"adam".includes(filter))) benchThroughput();
