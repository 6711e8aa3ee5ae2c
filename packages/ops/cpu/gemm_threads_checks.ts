import assert from "node:assert/strict";
import { CpuOps } from "./cpu_ops.ts";

function values(n: number, seed: number): Float32Array {
  let s = seed | 1;
  return Float32Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  });
}

Deno.test("CpuOps({ threads: 2 }) gives the same tagger-sized products as one thread", async () => {
  const one = new CpuOps();
  const two = new CpuOps({ threads: 2 });
  try {
    await two.ready();
    assert.equal(two.threads, 2);
    for (const [n, seed] of [[150, 1], [600, 2], [1000, 3]] as const) {
      const X = one.asarray2f(values(n * 288, seed), n, 288);
      const W = one.asarray2f(values(288 * 288, seed + 1), 288, 288);
      const b = one.asarray1f(values(288, seed + 2));
      // Forward (affine), input gradient and weight gradient (accumulated).
      assert.deepEqual(two.readSync(two.affine(X, W, b)), one.readSync(one.affine(X, W, b)));
      assert.deepEqual(two.readSync(two.gemm(X, W)), one.readSync(one.gemm(X, W)));
      const g1 = one.asarray2f(values(288 * 288, seed + 3), 288, 288);
      const g2 = one.asarray2f(one.readSync(g1), 288, 288);
      one.gemm(X, X, { transA: true, out: g1, accumulate: true });
      two.gemm(X, X, { transA: true, out: g2, accumulate: true });
      assert.deepEqual(two.readSync(g2), one.readSync(g1));
    }
  } finally {
    two.dispose();
  }
});
