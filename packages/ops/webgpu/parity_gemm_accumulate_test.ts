// Parity of gemm() with accumulate (gradient accumulation into an existing array):
// both backends add inside their gemm kernels.
import { floats, LOOSE, type Outputs, parity, rng } from "./parity.ts";

parity("gemm() with accumulate adds the product to out as cpu does", LOOSE, (ops) => {
  const r = rng(91);
  const out: Outputs[number][] = [];
  for (const [M, K, N] of [[2, 3, 4], [50, 288, 96], [7, 0, 5], [33, 17, 65]]) {
    for (const [transA, transB] of [[false, false], [true, false], [false, true]]) {
      const A = transA
        ? ops.asarray2f(floats(r, M! * K!), K!, M!)
        : ops.asarray2f(floats(r, M! * K!), M!, K!);
      const B = transB
        ? ops.asarray2f(floats(r, K! * N!), N!, K!)
        : ops.asarray2f(floats(r, K! * N!), K!, N!);
      const C = ops.asarray2f(floats(r, M! * N!), M!, N!);
      ops.gemm(A, B, { transA: transA!, transB: transB!, out: C, accumulate: true });
      out.push(C);
    }
  }
  return out;
});
