/**
 * Fused host kernels for LayerNorm: the forward pass and the backward pass in two
 * sweeps over each row each, with the same float32 roundings, in the same order,
 * as the composition `normalizeRows` + `scaleColumns` (forward) and `sumRows`,
 * `mul`, `scaleColumns`, `backpropNormalizeRows` (backward), so results are
 * bit-identical to it. Where the runtime has WebAssembly SIMD the same arithmetic
 * runs in `wasm/layer_norm_wat.ts` (same bits again); these loops are the
 * reference and the fallback.
 *
 * @module
 */
import { type Floats1d, type Floats2d, hostArray, hostData } from "@weft/types";
import type { LayerNormGradients, LayerNormResult } from "../ops.ts";
import { fmt, rank, sameShape } from "./checks.ts";
import { rowInvStd, rowMean } from "./nn.ts";
import type { WasmLayerNorm } from "./wasm/wasm_layer_norm.ts";

function checkColumns(op: string, X: Floats2d, G: Floats1d, b?: Floats1d): void {
  rank(op, X, 2);
  const nI = X.shape[1];
  if (
    G.ndim !== 1 || G.shape[0] !== nI || (b !== undefined && (b.ndim !== 1 || b.shape[0] !== nI))
  ) {
    throw new RangeError(
      `${op}: G ${fmt(G.shape)}${b ? ` and b ${fmt(b.shape)}` : ""} do not fit columns of ${
        fmt(X.shape)
      }`,
    );
  }
}

/**
 * `Xhat = (x - mean) / sqrt(var + eps)` per row and `Y = Xhat * G + b` per column,
 * on `kernel` where given (and the rows fit its chunks), else in JavaScript.
 */
export function layerNormH(
  X: Floats2d,
  G: Floats1d,
  b: Floats1d,
  eps: number,
  kernel?: WasmLayerNorm,
): LayerNormResult {
  checkColumns("layerNorm", X, G, b);
  const [N, nI] = X.shape;
  const xhatArr = hostArray(X.shape, "float32");
  const yArr = hostArray(X.shape, "float32");
  const invArr = hostArray([N] as const, "float32");
  const x = hostData(X);
  const xhat = hostData(xhatArr);
  const y = hostData(yArr);
  const inv = hostData(invArr);
  const g = hostData(G);
  const bb = hostData(b);
  if (kernel !== undefined && N > 0 && kernel.fits(nI)) {
    kernel.forward(x, g, bb, eps, N, nI, xhat, y, inv);
  } else {
    layerNormK(x, g, bb, eps, N, nI, xhat, y, inv);
  }
  return { Y: yArr, Xhat: xhatArr, invStd: invArr };
}

function layerNormK(
  x: Float32Array,
  g: Float32Array,
  bb: Float32Array,
  eps: number,
  N: number,
  nI: number,
  xhat: Float32Array,
  y: Float32Array,
  inv: Float32Array,
): void {
  const f = Math.fround;
  for (let i = 0; i < N; i++) {
    const o = i * nI;
    const mu = rowMean(x, o, nI);
    const s = rowInvStd(x, o, nI, mu, eps);
    inv[i] = s;
    for (let j = 0; j < nI; j++) {
      const h = f((x[o + j]! - mu) * s);
      xhat[o + j] = h;
      y[o + j] = h * g[j]! + bb[j]!;
    }
  }
}

/**
 * The gradients of {@linkcode layerNormH}: `db = sum(dY)`, `dG = sum(dY * Xhat)`
 * over rows, and `dX = invStd * (d - mean(d) - Xhat * mean(d * Xhat))` per row
 * with `d = dY * G`, on `kernel` where given (and the rows fit its chunks).
 */
export function backpropLayerNormH(
  dY: Floats2d,
  Xhat: Floats2d,
  invStd: Floats1d,
  G: Floats1d,
  kernel?: WasmLayerNorm,
): LayerNormGradients {
  checkColumns("backpropLayerNorm", dY, G);
  sameShape("backpropLayerNorm", dY, Xhat, "dY and Xhat");
  const [N, nI] = dY.shape;
  if (invStd.ndim !== 1 || invStd.shape[0] !== N) {
    throw new RangeError(
      `backpropLayerNorm: invStd ${fmt(invStd.shape)} does not fit dY ${fmt(dY.shape)}`,
    );
  }
  const dXArr = hostArray(dY.shape, "float32");
  const dGArr = hostArray([nI] as const, "float32");
  const dbArr = hostArray([nI] as const, "float32");
  const d = hostData(dY);
  const h = hostData(Xhat);
  const s = hostData(invStd);
  const g = hostData(G);
  const dX = hostData(dXArr);
  const dG = hostData(dGArr);
  const db = hostData(dbArr);
  if (kernel !== undefined && N > 0 && kernel.fits(nI)) {
    kernel.backward(d, h, s, g, N, nI, dX, dG, db);
  } else {
    backpropLayerNormK(d, h, s, g, N, nI, dX, dG, db);
  }
  return { dX: dXArr, dG: dGArr, db: dbArr };
}

function backpropLayerNormK(
  d: Float32Array,
  h: Float32Array,
  s: Float32Array,
  g: Float32Array,
  N: number,
  nI: number,
  dX: Float32Array,
  dG: Float32Array,
  db: Float32Array,
): void {
  const f = Math.fround;
  for (let i = 0; i < N; i++) {
    const o = i * nI;
    let md = 0;
    let mdh = 0;
    for (let j = 0; j < nI; j++) {
      const dy = d[o + j]!;
      const xh = h[o + j]!;
      db[j] = db[j]! + dy;
      dG[j] = dG[j]! + f(dy * xh);
      // `+ 0` as scaleColumns adds its zero bias (it turns -0 into +0).
      const dxh = f(dy * g[j]! + 0);
      md += dxh;
      mdh += dxh * xh;
    }
    md /= nI;
    mdh /= nI;
    const si = s[i]!;
    for (let j = 0; j < nI; j++) {
      const dxh = f(d[o + j]! * g[j]! + 0);
      dX[o + j] = si * (dxh - md - h[o + j]! * mdh);
    }
  }
}
