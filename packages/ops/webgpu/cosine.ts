/**
 * The cosine-distance loss kernel on the GPU (`Ops.cosineDistance`): one thread per row.
 *
 * @module
 */
import type { Floats1d, Floats2d } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

const COSINE: KernelSpec = {
  name: "cosine_distance",
  params: ["rows:u32", "cols:u32", "og:u32", "ot:u32", "od:u32", "ol:u32", "ignore:u32"],
  buffers: ["g:array<f32>", "t:array<f32>", "d:array<f32>", "l:array<f32>"],
  body: "if (i >= P.rows) { return; } let b = i * P.cols;" +
    " var dot = 0.0; var sqYh = 0.0; var sqY = 0.0; var absT = 0.0;" +
    " for (var j = 0u; j < P.cols; j = j + 1u) {" +
    "   let yh = g[P.og + b + j] + 1e-8; let y = t[P.ot + b + j] + 1e-8;" +
    "   absT = absT + abs(t[P.ot + b + j]); dot = dot + yh * y; sqYh = sqYh + yh * yh; sqY = sqY + y * y; }" +
    " if (P.ignore != 0u && absT == 0.0) {" +
    "   for (var j = 0u; j < P.cols; j = j + 1u) { d[P.od + b + j] = 0.0; } l[P.ol + i] = 0.0; return; }" +
    " let normYh = sqrt(sqYh); let mulNorms = normYh * sqrt(sqY); let cosine = dot / mulNorms;" +
    " for (var j = 0u; j < P.cols; j = j + 1u) {" +
    "   let yh = g[P.og + b + j] + 1e-8; let y = t[P.ot + b + j] + 1e-8;" +
    "   d[P.od + b + j] = -(y / mulNorms - cosine * (yh / (normYh * normYh))); }" +
    " l[P.ol + i] = abs(cosine - 1.0);",
};

/** Per row: the gradient of `1 - cos(guess + 1e-8, truth + 1e-8)` and `|cos - 1|`. */
export function cosineDistance(
  rt: GpuRuntime,
  guesses: Floats2d,
  truths: Floats2d,
  ignoreZeros: boolean,
): { dGuesses: Floats2d; losses: Floats1d } {
  sameShape("cosineDistance", guesses, truths);
  const [rows, cols] = guesses.shape;
  const dGuesses = empty(rt, [rows, cols] as const, "float32");
  const losses = empty(rt, [rows] as const, "float32");
  if (rows === 0) return { dGuesses, losses };
  const g = gpu(guesses, "cosineDistance"), t = gpu(truths, "cosineDistance");
  const d = gpu(dGuesses, "cosineDistance"), l = gpu(losses, "cosineDistance");
  rt.split("cosineDistance", rows, cols, (r0, r1) => {
    const [a, b] = [r0 * cols, r1 * cols];
    const gv = g.view(a, b), tv = t.view(a, b), dv = d.view(a, b), lv = l.view(r0, r1);
    rt.dispatch1d(
      COSINE,
      r1 - r0,
      [r1 - r0, cols, rt.at(gv), rt.at(tv), rt.at(dv), rt.at(lv), ignoreZeros ? 1 : 0],
      [gv, tv, dv, lv],
    );
  });
  return { dGuesses, losses };
}
