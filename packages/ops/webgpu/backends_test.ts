// Hand-computed values, finite-difference gradient checks and a property test, run
// on both backends through testBackends().
import assert from "node:assert/strict";
import fc from "fast-check";
import { finiteDifferenceCheck } from "../testing.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { assertClose, LOOSE } from "./parity.ts";
import { testBackends, testWebGpu } from "./test_backends.ts";

testBackends("gemm() of a hand-computed [2, 3] @ [3, 2]", async (ops) => {
  const A = ops.asarray2f([1, 2, 3, 4, 5, 6], 2, 3);
  const B = ops.asarray2f([7, 8, 9, 10, 11, 12], 3, 2);
  assert.deepEqual([...await ops.read(ops.gemm(A, B))], [58, 64, 139, 154]);
  assert.deepEqual([...await ops.read(ops.gemm(B, A, { transA: true, transB: true }))], [
    58,
    139,
    64,
    154,
  ]);
});

testBackends("softmax() rows sum to one and keep the order of their logits", async (ops) => {
  const Y = await ops.read(ops.softmax(ops.asarray2f([1, 2, 3, -1, -1, -1], 2, 3)));
  assert.ok(Math.abs(Y[0]! + Y[1]! + Y[2]! - 1) < 1e-6);
  assert.ok(Y[0]! < Y[1]! && Y[1]! < Y[2]!);
  assertClose(Y.subarray(3), [1 / 3, 1 / 3, 1 / 3], { atol: 1e-6, rtol: 0 }, "uniform row");
});

testBackends(
  "reduceMean() and reduceLast() of hand values, zeros for an empty sequence",
  async (ops) => {
    const X = ops.asarray2f([1, 2, 3, 4, 5, 6], 3, 2);
    const lengths = Int32Array.of(2, 0, 1);
    assert.deepEqual([...await ops.read(ops.reduceMean(X, lengths))], [2, 3, 0, 0, 5, 6]);
    assert.deepEqual([...await ops.read(ops.reduceLast(X, lengths))], [3, 4, 0, 0, 5, 6]);
  },
);

testBackends(
  "getDropoutMask() drops about `rate` of the elements and scales the rest",
  async (ops) => {
    const mask = await ops.read(ops.getDropoutMask([4000] as const, 0.25, 7));
    const kept = mask.filter((v) => v !== 0);
    assert.ok(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6));
    assert.ok(Math.abs(kept.length / 4000 - 0.75) < 0.03, `kept ${kept.length} of 4000`);
  },
);

testBackends("backpropGelu() passes a finite-difference check", async (ops) => {
  await finiteDifferenceCheck(
    async ([x]) => await ops.read(ops.gelu(ops.asarray1f(x!))),
    async ([x], dY) => [await ops.read(ops.backpropGelu(ops.asarray1f(dY), ops.asarray1f(x!)))],
    [Float32Array.of(-2, -0.5, 0.1, 0.7, 1.9)],
  );
});

testBackends("backpropSeq2col() passes a finite-difference check across sequences", async (ops) => {
  const lengths = Int32Array.of(2, 0, 3);
  await finiteDifferenceCheck(
    async ([x]) => await ops.read(ops.seq2col(ops.asarray2f(x!, 5, 2), 1, lengths)),
    async (_, dY) => [await ops.read(ops.backpropSeq2col(ops.asarray2f(dY, 5, 6), 1, lengths))],
    [Float32Array.from({ length: 10 }, (_, i) => Math.sin(i))],
  );
});

testWebGpu("gemm() matches cpu on arbitrary shapes and transposes (property)", async (gpu) => {
  const cpu = new CpuOps();
  const dim = fc.integer({ min: 0, max: 80 });
  await fc.assert(
    fc.asyncProperty(
      dim,
      dim,
      dim,
      fc.boolean(),
      fc.boolean(),
      fc.integer(),
      async (M, N, K, tA, tB, seed) => {
        const values = (n: number) =>
          Float32Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7));
        const a = values(M * K), b = values(K * N);
        const [ra, ca] = tA ? [K, M] : [M, K];
        const [rb, cb] = tB ? [N, K] : [K, N];
        const want = cpu.gemm(cpu.asarray2f(a, ra, ca), cpu.asarray2f(b, rb, cb), {
          transA: tA,
          transB: tB,
        });
        const got = gpu.gemm(gpu.asarray2f(a, ra, ca), gpu.asarray2f(b, rb, cb), {
          transA: tA,
          transB: tB,
        });
        assert.deepEqual(got.shape, want.shape);
        assertClose(await gpu.read(got), await cpu.read(want), LOOSE, `gemm ${M}x${N}x${K}`);
      },
    ),
    { numRuns: 25, seed: 42 },
  );
});
