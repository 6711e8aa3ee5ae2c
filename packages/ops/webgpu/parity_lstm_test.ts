// Parity of the LSTM kernels: stacked, bidirectional, ragged batches.
import { floats, type Outputs, parity, rng } from "./parity.ts";

function paramCount(depth: number, dirs: number, nO: number, nI: number): number {
  let n = 0;
  for (let i = 0; i < depth; i++) {
    const layerNI = i === 0 ? nI : dirs * nO;
    n += dirs * (4 * nO * layerNI + 4 * nO + 4 * nO * nO + 4 * nO);
  }
  return n;
}

parity("lstmForward() and backpropLstm() match cpu", { atol: 2e-4, rtol: 1e-3 }, (ops) => {
  const r = rng(41);
  const out: Outputs[number][] = [];
  const cases: [number, number, number, number, Int32Array][] = [
    [1, 1, 3, 2, Int32Array.of(1)],
    [1, 2, 4, 3, Int32Array.of(3, 3, 2, 1)],
    [2, 2, 5, 3, Int32Array.of(4, 2, 2, 1, 1)],
    [2, 1, 3, 4, new Int32Array(0)],
  ];
  for (const [depth, dirs, nO, nI, sizeAtT] of cases) {
    const N = sizeAtT.reduce((a, b) => a + b, 0);
    const params = ops.asarray1f(floats(r, paramCount(depth, dirs, nO, nI), -0.5, 0.5));
    const H0 = ops.asarray(
      floats(r, depth * dirs * nO, -0.5, 0.5),
      [depth, dirs, nO] as const,
      "float32",
    );
    const C0 = ops.asarray(
      floats(r, depth * dirs * nO, -0.5, 0.5),
      [depth, dirs, nO] as const,
      "float32",
    );
    const X = ops.asarray2f(floats(r, N * nI), N, nI);
    const { Y, state } = ops.lstmForward!(params, H0, C0, X, sizeAtT);
    const dY = ops.asarray2f(floats(r, N * dirs * nO), N, dirs * nO);
    const { dX, dParams } = ops.backpropLstm!(dY, sizeAtT, params, state);
    out.push(Y, state.Y, state.G, state.C, dX, dParams);
  }
  return out;
});
