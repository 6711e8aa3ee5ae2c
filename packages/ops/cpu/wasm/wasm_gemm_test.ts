import assert from "node:assert/strict";
import fc from "fast-check";
import { gemmNaive } from "../gemm_js.ts";
import { gemmKernel, loadGemmKernel } from "./kernels.ts";

function values(n: number, seed: number): Float32Array {
  let s = seed | 1;
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  });
}

Deno.test("the runtime gets a WebAssembly SIMD gemm kernel", () => {
  // Deno's V8 has SIMD128 and relaxed SIMD; other runtimes may fall back.
  assert.equal(gemmKernel().name, "wasm-relaxed-simd");
  assert.ok(gemmKernel().kernel !== undefined);
});

for (const name of ["wasm-relaxed-simd", "wasm-simd128"] as const) {
  const kernel = loadGemmKernel(name);
  Deno.test({
    name: `${name} gemm matches the naive loop on random shapes, transposes and bias (property)`,
    ignore: kernel === undefined,
    fn: () => {
      fc.assert(
        fc.property(
          // Sizes straddle the 6 x 8 register tile, the 96-row block and the 256-step block.
          fc.integer({ min: 0, max: 110 }),
          fc.integer({ min: 0, max: 30 }),
          fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 250, max: 530 })),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          fc.integer(),
          (M, N, K, transA, transB, withBias, seed) => {
            const a = values(M * K, seed);
            const b = values(K * N, seed + 1);
            const bias = withBias ? values(N, seed + 2) : undefined;
            const C = new Float32Array(M * N).fill(NaN);
            kernel!.gemm(a, b, C, M, N, K, transA, transB, bias);
            const expected = gemmNaive(a, b, M, N, K, transA, transB);
            for (let i = 0; i < M * N; i++) {
              const e = expected[i]! + (bias ? bias[i % N]! : 0);
              assert.ok(Math.abs(C[i]! - e) <= 1e-4 * (1 + Math.sqrt(K)), `element ${i}`);
            }
          },
        ),
        { numRuns: 80 },
      );
    },
  });
}

Deno.test("wasm gemm handles large operands across memory growth", () => {
  const kernel = loadGemmKernel("wasm-simd128")!;
  const [M, N, K] = [700, 33, 300];
  const a = values(M * K, 3);
  const b = values(K * N, 4);
  const C = new Float32Array(M * N);
  kernel.gemm(a, b, C, M, N, K, false, true);
  const expected = gemmNaive(a, b, M, N, K, false, true);
  for (let i = 0; i < M * N; i += 97) assert.ok(Math.abs(C[i]! - expected[i]!) < 1e-3);
});

Deno.test("wasm gemm's K-outer order (long shared dimension) matches the naive loop", () => {
  // K * N is past the packed-B threshold, so each K block is packed and swept in turn.
  const [M, N, K] = [29, 301, 520];
  for (const kernel of [loadGemmKernel("wasm-relaxed-simd"), loadGemmKernel("wasm-simd128")]) {
    if (kernel === undefined) continue;
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = values(M * K, 5);
      const b = values(K * N, 6);
      const bias = values(N, 7);
      const C = new Float32Array(M * N);
      kernel.gemm(a, b, C, M, N, K, transA!, transB!, bias);
      const expected = gemmNaive(a, b, M, N, K, transA, transB);
      for (let i = 0; i < M * N; i++) {
        assert.ok(Math.abs(C[i]! - expected[i]! - bias[i % N]!) < 1e-3, `element ${i}`);
      }
    }
  }
});
