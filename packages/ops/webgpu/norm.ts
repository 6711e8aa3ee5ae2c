/**
 * Row standardization (LayerNorm without its scale and shift) and its backward pass:
 * one thread per row, two passes for a numerically stable variance.
 *
 * @module
 */
import type { Floats1d, Floats2d } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

const NORMALIZE: KernelSpec = {
  name: "normalize_rows",
  params: ["N:u32", "C:u32", "ox:u32", "oy:u32", "os:u32", "eps:f32"],
  buffers: ["X:array<f32>", "Y:array<f32>", "S:array<f32>"],
  body: `if (i >= P.N) { return; }
  let o = i * P.C;
  var mu = 0.0;
  for (var c = 0u; c < P.C; c = c + 1u) { mu = mu + X[P.ox + o + c]; }
  mu = mu / f32(P.C);
  var v = 0.0;
  for (var c = 0u; c < P.C; c = c + 1u) { let d = X[P.ox + o + c] - mu; v = v + d * d; }
  let s = 1.0 / sqrt(v / f32(P.C) + P.eps);
  S[P.os + i] = s;
  for (var c = 0u; c < P.C; c = c + 1u) { Y[P.oy + o + c] = (X[P.ox + o + c] - mu) * s; }`,
};

/** `(x - mean) / sqrt(var + eps)` per row, with the inverse standard deviations. */
export function normalizeRows(
  rt: GpuRuntime,
  X: Floats2d,
  eps: number,
): { Y: Floats2d; invStd: Floats1d } {
  const [N, C] = X.shape;
  const Y = empty(rt, X.shape, "float32");
  const invStd = empty(rt, [N] as const, "float32");
  const x = gpu(X, "normalizeRows"), y = gpu(Y, "normalizeRows"), s = gpu(invStd, "normalizeRows");
  rt.split("normalizeRows", N, C, (r0, r1) => {
    const xv = x.view(r0 * C, r1 * C), yv = y.view(r0 * C, r1 * C), sv = s.view(r0, r1);
    rt.dispatch1d(NORMALIZE, r1 - r0, [r1 - r0, C, rt.at(xv), rt.at(yv), rt.at(sv), eps], [
      xv,
      yv,
      sv,
    ]);
  });
  return { Y, invStd };
}

const NORMALIZE_BACK: KernelSpec = {
  name: "normalize_rows_backprop",
  params: ["N:u32", "C:u32", "od:u32", "oy:u32", "os:u32", "ox:u32"],
  buffers: ["dY:array<f32>", "Y:array<f32>", "S:array<f32>", "dX:array<f32>"],
  body: `if (i >= P.N) { return; }
  let o = i * P.C;
  var md = 0.0; var mdy = 0.0;
  for (var c = 0u; c < P.C; c = c + 1u) { let d = dY[P.od + o + c]; md = md + d; mdy = mdy + d * Y[P.oy + o + c]; }
  md = md / f32(P.C); mdy = mdy / f32(P.C);
  let s = S[P.os + i];
  for (var c = 0u; c < P.C; c = c + 1u) { dX[P.ox + o + c] = s * (dY[P.od + o + c] - md - Y[P.oy + o + c] * mdy); }`,
};

/** `invStd * (dY - mean(dY) - Y * mean(dY * Y))` per row. */
export function backpropNormalizeRows(
  rt: GpuRuntime,
  dY: Floats2d,
  Y: Floats2d,
  invStd: Floats1d,
): Floats2d {
  sameShape("backpropNormalizeRows", dY, Y);
  const [N, C] = dY.shape;
  if (invStd.shape[0] !== N) {
    throw new RangeError(
      `backpropNormalizeRows(): invStd has ${invStd.shape[0]} entries for ${N} rows`,
    );
  }
  const dX = empty(rt, dY.shape, "float32");
  const op = "backpropNormalizeRows";
  const d = gpu(dY, op), y = gpu(Y, op), s = gpu(invStd, op), x = gpu(dX, op);
  rt.split(op, N, C, (r0, r1) => {
    const dv = d.view(r0 * C, r1 * C), yv = y.view(r0 * C, r1 * C);
    const sv = s.view(r0, r1), xv = x.view(r0 * C, r1 * C);
    rt.dispatch1d(NORMALIZE_BACK, r1 - r0, [
      r1 - r0,
      C,
      rt.at(dv),
      rt.at(yv),
      rt.at(sv),
      rt.at(xv),
    ], [dv, yv, sv, xv]);
  });
  return dX;
}
