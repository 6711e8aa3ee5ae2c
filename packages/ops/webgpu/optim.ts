/**
 * Optimizer updates, in place on the device, and dropout masks.
 *
 * Dropout masks use the CPU backend's mulberry32 stream, which is counter-based
 * underneath (state `seed + (i + 1) * 0x6d2b79f5`), so element `i` is computed
 * independently and the masks match the CPU bit for bit. The comparison with `rate`
 * is done on the 32-bit integer, as a float32 would lose the low bits.
 *
 * @module
 */
import type { AdamOptions } from "../ops.ts";
import type { Floats1d, NdArray, Shape } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import { fill } from "./elementwise.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

const ADAM: KernelSpec = {
  name: "adam",
  params: [
    "n:u32",
    "ow:u32",
    "og:u32",
    "o1:u32",
    "o2:u32",
    "b1:f32",
    "b2:f32",
    "eps:f32",
    "lr:f32",
  ],
  buffers: ["W:array<f32>", "G:array<f32>", "M1:array<f32>", "M2:array<f32>"],
  body: `if (i >= P.n) { return; }
  let g = G[P.og + i];
  let m = M1[P.o1 + i] * P.b1 + g * (1.0 - P.b1);
  let v = M2[P.o2 + i] * P.b2 + g * g * (1.0 - P.b2);
  M1[P.o1 + i] = m;
  M2[P.o2 + i] = v;
  W[P.ow + i] = W[P.ow + i] - P.lr * (m / (sqrt(v) + P.eps));`,
};

/** One Adam step, in place. */
export function adam(
  rt: GpuRuntime,
  w: Floats1d,
  g: Floats1d,
  m1: Floats1d,
  m2: Floats1d,
  o: AdamOptions,
): void {
  sameShape("adam", w, g);
  sameShape("adam", w, m1);
  sameShape("adam", w, m2);
  const W = gpu(w, "adam"), G = gpu(g, "adam"), M1 = gpu(m1, "adam"), M2 = gpu(m2, "adam");
  rt.split("adam", w.size, 1, (start, end) => {
    const v = [W, G, M1, M2].map((x) => x.view(start, end));
    rt.dispatch1d(ADAM, end - start, [
      end - start,
      ...v.map((x) => rt.at(x)),
      o.beta1,
      o.beta2,
      o.eps,
      o.learnRate,
    ], v);
  });
}

const NORM: KernelSpec = {
  name: "l2_norm_partial",
  // Round 1 (last = 0): each workgroup writes the sum of squares of its strided share
  // to S[os + wid.x]. Round 2 (last = 1, one workgroup): S[0] = sqrt(sum of partials).
  params: ["n:u32", "og:u32", "last:u32", "os:u32"],
  buffers: ["G:array<f32>", "S:array<f32>"],
  helpers: "var<workgroup> part: array<f32, 256>;",
  body: `var s = 0.0;
  if (P.last == 0u) {
    for (var k = wid.x * 256u + lid.x; k < P.n; k = k + nwg.x * 256u) { let v = G[P.og + k]; s = s + v * v; }
  } else {
    for (var k = lid.x; k < P.n; k = k + 256u) { s = s + S[k]; }
  }
  part[lid.x] = s;
  workgroupBarrier();
  for (var step = 128u; step > 0u; step = step / 2u) {
    if (lid.x < step) { part[lid.x] = part[lid.x] + part[lid.x + step]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    if (P.last == 0u) { S[P.os + wid.x] = part[0]; } else { S[0] = sqrt(part[0]); }
  }`,
};

const CLIP: KernelSpec = {
  name: "clip_by_norm",
  params: ["n:u32", "og:u32", "thr:f32"],
  buffers: ["G:array<f32>", "S:array<f32>"],
  body: `if (i >= P.n) { return; }
  let norm = S[0];
  if (norm > P.thr && norm > 0.0) { G[P.og + i] = G[P.og + i] * (P.thr / norm); }`,
};

/** Rescale `gradient` to an L2 norm of at most `threshold`, without a readback. */
export function clipGradient(rt: GpuRuntime, gradient: Floats1d, threshold: number): void {
  const n = gradient.size;
  if (n === 0) return;
  const g = gpu(gradient, "clipGradient");
  // Enough workgroups to fill a GPU, few enough for one workgroup to add them up;
  // an array larger than one binding gets that many per piece.
  const groups = Math.min(256, rt.maxGroups, Math.ceil(Math.min(n, rt.chunk) / 4096));
  const pieces = Math.ceil(n / rt.chunk);
  const norm = rt.pool.take(groups * pieces);
  let piece = 0;
  rt.split("clipGradient", n, 1, (start, end) => {
    const v = g.view(start, end);
    rt.dispatch(NORM, [end - start, rt.at(v), 0, groups * piece++], [v, norm], [groups, 1]);
  });
  rt.dispatch(NORM, [groups * pieces, 0, 1, 0], [g.view(0, 0), norm], [1, 1]);
  rt.split("clipGradient", n, 1, (start, end) => {
    const v = g.view(start, end);
    rt.dispatch1d(CLIP, end - start, [end - start, rt.at(v), threshold], [v, norm]);
  });
  rt.pool.give(norm);
}

const AVERAGES: KernelSpec = {
  name: "update_averages",
  params: ["n:u32", "oe:u32", "ow:u32", "f:f32"],
  buffers: ["E:array<f32>", "W:array<f32>"],
  body: "if (i >= P.n) { return; } let e = E[P.oe + i]; E[P.oe + i] = e - P.f * (e - W[P.ow + i]);",
};

/** `ema -= (1 - decay) * (ema - weights)`, decay `min((1 + t) / (10 + t), maxDecay)`. */
export function updateAverages(
  rt: GpuRuntime,
  ema: Floats1d,
  weights: Floats1d,
  t: number,
  maxDecay: number,
): void {
  sameShape("updateAverages", ema, weights);
  const decay = Math.min((1 + t) / (10 + t), maxDecay);
  const e = gpu(ema, "updateAverages"), w = gpu(weights, "updateAverages");
  rt.split("updateAverages", ema.size, 1, (start, end) => {
    const ev = e.view(start, end), wv = w.view(start, end);
    rt.dispatch1d(AVERAGES, end - start, [end - start, rt.at(ev), rt.at(wv), 1 - decay], [ev, wv]);
  });
}

const DROPOUT: KernelSpec = {
  name: "dropout_mask",
  params: ["n:u32", "oy:u32", "seed:u32", "cut:u32", "keep:f32", "i0:u32"],
  buffers: ["Y:array<f32>"],
  body: `if (i >= P.n) { return; }
  let s = P.seed + (P.i0 + i + 1u) * 0x6d2b79f5u;
  var t = (s ^ (s >> 15u)) * (1u | s);
  t = (t + ((t ^ (t >> 7u)) * (61u | t))) ^ t;
  let u = t ^ (t >> 14u);
  Y[P.oy + i] = select(0.0, P.keep, u >= P.cut);`,
};

/** A dropout mask: 0 with probability `rate`, else `1 / (1 - rate)`. */
export function dropoutMask<S extends Shape>(
  rt: GpuRuntime,
  shape: S,
  rate: number,
  seed: number,
): NdArray<S, "float32"> {
  const Y = empty(rt, shape, "float32");
  if (rate <= 0 || rate >= 1) {
    fill(rt, Y, rate <= 0 ? 1 : 0);
    return Y;
  }
  const y = gpu(Y, "getDropoutMask");
  // rand() >= rate  <=>  u / 2^32 >= rate  <=>  u >= ceil(rate * 2^32).
  const cut = Math.min(Math.ceil(rate * 4294967296), 0xffffffff);
  rt.split("getDropoutMask", Y.size, 1, (start, end) => {
    const v = y.view(start, end);
    rt.dispatch1d(DROPOUT, end - start, [
      end - start,
      rt.at(v),
      seed >>> 0,
      cut,
      1 / (1 - rate),
      start,
    ], [v]);
  });
  return Y;
}
