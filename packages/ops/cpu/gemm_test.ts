import assert from "node:assert/strict";
import fc from "fast-check";
import { CpuOps } from "@weft/ops";
import { gemmNaive } from "./gemm_js.ts";

const backends = [new CpuOps(), new CpuOps({ wasm: false })];

function values(n: number, seed: number): Float32Array {
  let s = seed | 1;
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  });
}

for (const ops of backends) {
  Deno.test(`gemm() matches the naive loop for random shapes and transposes (property) [${ops.gemmKernel}]`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 37 }),
        fc.integer({ min: 0, max: 37 }),
        fc.integer({ min: 0, max: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (M, N, K, transA, transB, seed) => {
          const a = values(M * K, seed);
          const b = values(K * N, seed + 1);
          const A = transA ? ops.asarray2f(a, K, M) : ops.asarray2f(a, M, K);
          const B = transB ? ops.asarray2f(b, N, K) : ops.asarray2f(b, K, N);
          const C = ops.readSync(ops.gemm(A, B, { transA, transB }));
          const expected = gemmNaive(a, b, M, N, K, transA, transB);
          assert.equal(C.length, M * N);
          for (let i = 0; i < C.length; i++) {
            assert.ok(Math.abs(C[i]! - expected[i]!) <= 1e-4 * (1 + Math.sqrt(K)), `element ${i}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  Deno.test(`gemm() overwrites out rather than accumulating into it [${ops.gemmKernel}]`, () => {
    const out = ops.asarray2f([9, 9, 9, 9], 2, 2);
    ops.gemm(ops.asarray2f([1, 0, 0, 1], 2, 2), ops.asarray2f([1, 2, 3, 4], 2, 2), { out });
    assert.deepEqual([...ops.readSync(out)], [1, 2, 3, 4]);
  });

  Deno.test(`gemm() with accumulate adds the product to out [${ops.gemmKernel}]`, () => {
    // Shapes for both loop orders of the WebAssembly kernel (packed B small or
    // large), several blocks of rows, an empty shared dimension, and transposes.
    const shapes = [[2, 2, 2], [50, 288, 96], [70, 600, 300], [3, 0, 4], [13, 7, 9], [200, 40, 8]];
    shapes.forEach(([M, K, N], i) => {
      for (const [transA, transB] of [[false, false], [true, false], [false, true]]) {
        const a = values(M! * K!, 3 * i + 1);
        const b = values(K! * N!, 3 * i + 2);
        const c = values(M! * N!, 3 * i + 3);
        const A = transA ? ops.asarray2f(a, K!, M!) : ops.asarray2f(a, M!, K!);
        const B = transB ? ops.asarray2f(b, N!, K!) : ops.asarray2f(b, K!, N!);
        const out = ops.asarray2f(c, M!, N!);
        const got = ops.gemm(A, B, { transA, transB, out, accumulate: true });
        assert.equal(got, out);
        const product = gemmNaive(a, b, M!, N!, K!, transA!, transB!);
        const C = ops.readSync(out);
        for (let j = 0; j < C.length; j++) {
          const want = c[j]! + product[j]!;
          assert.ok(Math.abs(C[j]! - want) <= 1e-4 * (1 + Math.sqrt(K!)), `[${M},${K},${N}] ${j}`);
        }
      }
    });
    assert.throws(
      () => ops.gemm(ops.alloc2f(2, 2), ops.alloc2f(2, 2), { accumulate: true }),
      /gemm: accumulate needs out/,
    );
  });
}
