// Parity of the optional fused ops (layerNorm, backpropLayerNorm, dropoutMul): the
// CPU's fused kernels against WebGPU's compositions, on shapes off the tile sizes.
import { floats, type Outputs, parity, rng, TIGHT } from "./parity.ts";

parity("layerNorm() and backpropLayerNorm() match cpu", TIGHT, (ops) => {
  const r = rng(57);
  const out: Outputs[number][] = [];
  for (const [N, nI] of [[1, 1], [5, 7], [33, 96], [0, 4]]) {
    const X = ops.asarray2f(floats(r, N! * nI!), N!, nI!);
    const G = ops.asarray1f(floats(r, nI!));
    const b = ops.asarray1f(floats(r, nI!));
    const { Y, Xhat, invStd } = ops.layerNorm!(X, G, b);
    const dY = ops.asarray2f(floats(r, N! * nI!), N!, nI!);
    const { dX, dG, db } = ops.backpropLayerNorm!(dY, Xhat, invStd, G);
    out.push(Y, Xhat, invStd, dX, dG, db);
  }
  return out;
});

parity("dropoutMul() matches cpu (same seed, same mask)", TIGHT, (ops) => {
  const r = rng(58);
  const out: Outputs[number][] = [];
  for (const [n, rate, seed] of [[1, 0.5, 1], [1000, 0.1, 7], [257, 0.9, 3], [0, 0.5, 2]]) {
    const X = ops.asarray1f(floats(r, n!));
    out.push(ops.dropoutMul!(X, rate!, seed!));
  }
  return out;
});
