/**
 * Maxout's host kernels: the maximum over pieces (WebAssembly SIMD for three
 * pieces, branch-free JavaScript otherwise) and its gradient.
 *
 * @module
 */
import { type Floats2d, type Floats3d, hostArray, hostData } from "@weft/types";
import type { MaxoutResult } from "../ops.ts";
import { fmt, rank } from "./checks.ts";
import { NN_WASM_MIN, type WasmNn } from "./wasm/wasm_nn.ts";

/** The maximum over the last axis, and which piece won. */
export function maxoutH(X: Floats3d, nnKernel?: WasmNn): MaxoutResult {
  rank("maxout", X, 3);
  const [N, nO, nP] = X.shape;
  if (nP < 1) throw new RangeError(`maxout: need at least one piece, got shape ${fmt(X.shape)}`);
  const best = hostArray([N, nO] as const, "float32");
  const whichArr = hostArray([N, nO] as const, "int32");
  const n = N * nO;
  const kernel = nP === 3 && n >= NN_WASM_MIN ? nnKernel : undefined;
  if (kernel !== undefined) kernel.maxout3(hostData(X), n, hostData(best), hostData(whichArr));
  else maxoutK(hostData(X), n, nP, hostData(best), hostData(whichArr));
  return { best, which: whichArr };
}

/**
 * `y[i] = max_p x[i * nP + p]`, `which[i]` = the first winning `p`. Branch
 * free: which piece wins is random in a trained network, and a mispredicted
 * branch per comparison made this four to five times slower. The winner's
 * index comes from the comparisons (`+(a > b)`) and the value is loaded by it,
 * so NaNs and signed zeros behave as with `if (v > m)`.
 */
export function maxoutK(
  x: Float32Array,
  n: number,
  nP: number,
  y: Float32Array,
  which: Int32Array,
): void {
  if (nP === 3) {
    for (let i = 0, b = 0; i < n; i++, b += 3) {
      const c1 = +(x[b + 1]! > x[b]!);
      const c2 = +(x[b + 2]! > x[b + c1]!);
      const w = c1 + c2 * (2 - c1);
      y[i] = x[b + w]!;
      which[i] = w;
    }
    return;
  }
  for (let i = 0, b = 0; i < n; i++, b += nP) {
    let w = 0;
    for (let p = 1; p < nP; p++) w += +(x[b + p]! > x[b + w]!) * (p - w);
    y[i] = x[b + w]!;
    which[i] = w;
  }
}

/** Route gradients to the winning pieces. */
export function backpropMaxoutH(
  dBest: Floats2d,
  which: Int32Array | Uint32Array,
  nP: number,
): Floats3d {
  rank("backpropMaxout", dBest, 2, "dBest");
  const [N, nO] = dBest.shape;
  if (which.length !== N * nO) {
    throw new RangeError(
      `backpropMaxout: which has ${which.length} entries but dBest has shape ${fmt(dBest.shape)}`,
    );
  }
  const out = hostArray([N, nO, nP] as const, "float32");
  const dX = hostData(out);
  const d = hostData(dBest);
  for (let i = 0; i < N * nO; i++) {
    const w = which[i]!;
    if (w < 0 || w >= nP) {
      throw new RangeError(`backpropMaxout: piece ${w} at ${i} is outside [0, ${nP})`);
    }
    dX[i * nP + w] = d[i]!;
  }
  return out;
}
