/**
 * Softmax over the rows of each sequence, per column, and its backward pass (one
 * kernel in two modes), over pieces of whole sequences.
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { bySequences, startsEnds } from "./sequences.ts";

const SOFTMAX_SEQ: KernelSpec = {
  name: "softmax_sequences",
  // Forward (back = 0): Y = exp(X - max) / its sum over the sequence, per column.
  // Backward (back = 1): X is Y, G is dY; Y * dY - Y * sum(Y * dY).
  params: ["B:u32", "C:u32", "ox:u32", "og:u32", "oy:u32", "back:u32"],
  buffers: ["X:array<f32>", "G:array<f32>", "Y:array<f32>"],
  host: ["SE"],
  body: `if (i >= P.B * P.C) { return; }
  let b = i / P.C; let c = i % P.C;
  let s = u32(SE[b]); let e = u32(SE[b + 1u]);
  var t = 0.0;
  if (P.back == 1u) {
    for (var r = s; r < e; r = r + 1u) { let j = r * P.C + c; t = t + X[P.ox + j] * G[P.og + j]; }
    for (var r = s; r < e; r = r + 1u) { let j = r * P.C + c; Y[P.oy + j] = X[P.ox + j] * G[P.og + j] - X[P.ox + j] * t; }
    return;
  }
  var m = -3.4e38;
  for (var r = s; r < e; r = r + 1u) { m = max(m, X[P.ox + r * P.C + c]); }
  for (var r = s; r < e; r = r + 1u) { t = t + exp(X[P.ox + r * P.C + c] - m); }
  for (var r = s; r < e; r = r + 1u) { let j = r * P.C + c; Y[P.oy + j] = exp(X[P.ox + j] - m) / t; }`,
};

/** Per-sequence softmax over rows, or its backward pass when `dY` is given. */
export function softmaxSeq(
  rt: GpuRuntime,
  X: Floats2d,
  dY: Floats2d | undefined,
  lengths: Int32Array,
): Floats2d {
  const op = dY === undefined ? "softmaxSequences" : "backpropSoftmaxSequences";
  if (dY !== undefined) sameShape(op, X, dY);
  const [N, C] = X.shape;
  const se = startsEnds(op, lengths, N);
  const Y = empty(rt, X.shape, "float32");
  const x = gpu(X, op), g = dY === undefined ? x : gpu(dY, op), y = gpu(Y, op);
  bySequences(rt, op, se, C, 0, (b0, b1, local) => {
    const [r0, r1] = [se[b0]! * C, se[b1]! * C];
    const xv = x.view(r0, r1), yv = y.view(r0, r1);
    const gv = dY === undefined ? rt.unused() : g.view(r0, r1);
    const n = (b1 - b0) * C;
    rt.dispatch1d(SOFTMAX_SEQ, n, [b1 - b0, C, rt.at(xv), rt.at(gv), rt.at(yv), dY ? 1 : 0], [
      xv,
      gv,
      yv,
      local,
    ]);
  });
  return Y;
}
