import assert from "node:assert/strict";
import fc from "fast-check";
import { loadGemmKernel, threadedGemmKernel } from "./kernels.ts";
import { threadsAvailable } from "./threaded_gemm.ts";

function values(n: number, seed: number): Float32Array {
  let s = seed | 1;
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  });
}

Deno.test("Deno can share WebAssembly memory with a worker", () => {
  assert.equal(threadsAvailable(), true);
});

for (const name of ["wasm-relaxed-simd", "wasm-simd128"] as const) {
  Deno.test({
    name: `${name}: the two-thread gemm is bit-identical to one thread (property)`,
    ignore: loadGemmKernel(name) === undefined,
    fn: async () => {
      const single = loadGemmKernel(name)!;
      // minWork 0: every product with enough rows is split, however small.
      const threaded = threadedGemmKernel(name, 0)!;
      try {
        await threaded.ready;
        assert.equal(threaded.threaded, true);
        fc.assert(
          fc.property(
            // Rows straddle the split point and the 6-row tile; K both loop orders
            // (M-outer, and K-outer past 131072 packed floats of B).
            fc.integer({ min: 24, max: 140 }),
            fc.integer({ min: 1, max: 40 }),
            fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 250, max: 3600 })),
            fc.boolean(),
            fc.boolean(),
            fc.constantFrom("none", "bias", "accumulate"),
            fc.integer(),
            (M, N, K, transA, transB, mode, seed) => {
              const a = values(M * K, seed);
              const b = values(K * N, seed + 1);
              const bias = mode === "bias" ? values(N, seed + 2) : undefined;
              const c0 = values(M * N, seed + 3);
              const one = c0.slice();
              const two = c0.slice();
              const acc = mode === "accumulate";
              single.gemm(a, b, one, M, N, K, transA, transB, bias, acc);
              threaded.gemm(a, b, two, M, N, K, transA, transB, bias, acc);
              assert.deepEqual(two, one);
            },
          ),
          { numRuns: 60 },
        );
      } finally {
        threaded.dispose();
      }
      assert.equal(threaded.threaded, false);
      // After dispose, products still run (on one thread).
      const c = new Float32Array(4);
      threaded.gemm(
        Float32Array.of(1, 2, 3, 4),
        Float32Array.of(1, 0, 0, 1),
        c,
        2,
        2,
        2,
        false,
        false,
      );
      assert.deepEqual([...c], [1, 2, 3, 4]);
    },
  });
}

Deno.test("a hand-computed product on two threads", async () => {
  const threaded = threadedGemmKernel(undefined, 0)!;
  try {
    await threaded.ready;
    // A [48, 2] with rows (i, 1), B = [[1, 2], [3, 4]]: row i of C is (i + 3, 2i + 4).
    const M = 48;
    const a = new Float32Array(M * 2);
    for (let i = 0; i < M; i++) a.set([i, 1], i * 2);
    const c = new Float32Array(M * 2);
    threaded.gemm(a, Float32Array.of(1, 2, 3, 4), c, M, 2, 2, false, false);
    for (let i = 0; i < M; i++) assert.deepEqual([c[2 * i], c[2 * i + 1]], [i + 3, 2 * i + 4]);
  } finally {
    threaded.dispose();
  }
});
