// Parity of gemm/affine (tile edges, transposes, views at unaligned offsets).
import { NdArray } from "@weft/types";
import type { Floats2d } from "@weft/types";
import { floats, int, LOOSE, type Outputs, parity, rng } from "./parity.ts";
import type { Ops } from "../ops.ts";

// Sizes around the 64-wide output tile and the 16-deep k tile.
const DIMS: [number, number, number][] = [
  [0, 5, 3],
  [4, 0, 3],
  [3, 5, 0],
  [1, 1, 1],
  [64, 64, 16],
  [65, 63, 17],
  [
    130,
    7,
    33,
  ],
];

function matrix(ops: Ops, r: () => number, rows: number, cols: number, trans: boolean): Floats2d {
  return trans
    ? ops.asarray2f(floats(r, rows * cols), cols, rows)
    : ops.asarray2f(floats(r, rows * cols), rows, cols);
}

parity("gemm() matches cpu for every transpose and tile-unaligned shapes", LOOSE, (ops) => {
  const r = rng(11);
  const out: Outputs[number][] = [];
  const extra: [number, number, number][] = [[int(r, 1, 90), int(r, 1, 90), int(r, 1, 90)]];
  for (const [M, N, K] of [...DIMS, ...extra]) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const A = matrix(ops, r, M, K, transA);
        const B = matrix(ops, r, K, N, transB);
        out.push(ops.gemm(A, B, { transA, transB }));
      }
    }
  }
  return out;
});

parity("gemm() writes into out and affine() adds the bias", LOOSE, (ops) => {
  const r = rng(12);
  const out: Outputs[number][] = [];
  for (const [N, nO, nI] of DIMS) {
    const X = ops.asarray2f(floats(r, N * nI), N, nI);
    const W = ops.asarray2f(floats(r, nO * nI), nO, nI);
    const b = ops.asarray1f(floats(r, nO));
    out.push(ops.affine(X, W, b));
    const Y = ops.alloc2f(N, nO);
    ops.gemm(X, W, { transB: true, out: Y });
    out.push(Y);
  }
  return out;
});

parity("gemm() and affine() read views at unaligned offsets", LOOSE, (ops) => {
  // Parameters packed into one buffer: W at offset 3 (12 bytes), b right after it.
  const r = rng(13);
  const nO = 5, nI = 7, N = 9;
  const flat = ops.asarray1f(floats(r, 3 + nO * nI + nO + 2));
  const W = new NdArray([nO, nI] as const, "float32", flat.storage.view(3, 3 + nO * nI));
  const b = new NdArray([nO] as const, "float32", flat.storage.view(3 + nO * nI, 3 + nO * nI + nO));
  const X = ops.asarray2f(floats(r, N * nI), N, nI);
  const dY = ops.asarray2f(floats(r, N * nO), N, nO);
  const Y = ops.affine(X, W, b);
  return [Y, ops.gemm(dY, X, { transA: true }), ops.gemm(dY, W), ops.sumRows(dY)];
});

parity("cosineDistance() matches cpu, all-zero truths ignored or not", LOOSE, (ops) => {
  const r = rng(71);
  const out: Outputs[number][] = [];
  for (const [N, nO] of [[0, 3], [5, 4], [9, 17]]) {
    const g = ops.asarray2f(floats(r, N! * nO!), N!, nO!);
    const t = floats(r, N! * nO!);
    if (N! > 1) t.fill(0, nO!, 2 * nO!);
    const T = ops.asarray2f(t, N!, nO!);
    for (const ignore of [false, true]) {
      const { dGuesses, losses } = ops.cosineDistance(g, T, ignore);
      out.push(dGuesses, losses);
    }
  }
  return out;
});
