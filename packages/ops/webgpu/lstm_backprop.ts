/**
 * The backward pass of the GPU LSTM (see `lstm.ts`). Steps run in reverse; each is
 * one kernel for the gate gradients (thread (b, j) also hands `dc * f` to the cell
 * of the previous step) and one for the recurrent gradient `dA @ Wh` into the
 * previous step's hidden state. Weight gradients are then gemms over all rows.
 *
 * @module
 */
import type { Floats1d, Floats2d } from "@weft/types";
import type { LstmGradients, LstmState } from "../ops.ts";
import { empty, gpu } from "./arrays.ts";
import { addInPlace, copyRows, fill, zeros } from "./elementwise.ts";
import { gemm } from "./gemm.ts";
import type { KernelSpec } from "./kernel.ts";
import { checkSizes, layout, view2d } from "./lstm.ts";
import { sumRows } from "./rows.ts";
import type { GpuRuntime } from "./runtime.ts";
import type { GpuStorage } from "./storage.ts";
import { WGSL_MATH } from "./wgsl_math.ts";

const BSTEP: KernelSpec = {
  name: "lstm_backprop_step",
  // Every array is a view of the rows it needs, so large batches bind in windows:
  // G, dH, dA and hP hold this step's rows; C, Y and dC a range of rows holding this
  // step's (from rt) and the previous step's (from rp); I the initial h and c rows.
  params: [
    "B:u32",
    "Bprev:u32",
    "nO:u32",
    "rt:u32",
    "rp:u32",
    "og:u32",
    "oc:u32",
    "oy:u32",
    "oi:u32",
    "odh:u32",
    "odc:u32",
    "oda:u32",
    "ohp:u32",
  ],
  buffers: [
    "G:array<f32>",
    "C:array<f32>",
    "Y:array<f32>",
    "I:array<f32>",
    "DH:array<f32>",
    "DC:array<f32>",
    "DA:array<f32>",
    "HP:array<f32>",
  ],
  helpers: WGSL_MATH,
  body: `if (i >= P.B * P.nO) { return; }
  let b = i / P.nO; let j = i % P.nO; let r = P.rt + b;
  let hasPrev = b < P.Bprev; let pr = P.rp + b;
  let g = P.og + b * 4u * P.nO + j;
  let f = G[g]; let ig = G[g + P.nO]; let o = G[g + 2u * P.nO]; let cc = G[g + 3u * P.nO];
  let c = C[P.oc + r * P.nO + j];
  var hp = I[P.oi + j]; var cp = I[P.oi + P.nO + j];
  if (hasPrev) { cp = C[P.oc + pr * P.nO + j]; hp = Y[P.oy + pr * P.nO + j]; }
  HP[P.ohp + b * P.nO + j] = hp;
  let dh = DH[P.odh + b * P.nO + j];
  let tc = tanh_s(c);
  let dc = DC[P.odc + r * P.nO + j] + dh * o * (1.0 - tc * tc);
  let a = P.oda + b * 4u * P.nO + j;
  DA[a] = dc * cp * f * (1.0 - f);
  DA[a + P.nO] = dc * cc * ig * (1.0 - ig);
  DA[a + 2u * P.nO] = dh * tc * o * (1.0 - o);
  DA[a + 3u * P.nO] = dc * ig * (1.0 - cc * cc);
  if (hasPrev) { DC[P.odc + pr * P.nO + j] = DC[P.odc + pr * P.nO + j] + dc * f; }`,
};

const BREC: KernelSpec = {
  name: "lstm_backprop_recurrent",
  // dH[b, j] += sum_g dA[b, g] * Wh[g, j], dA and dH views of this and the previous step.
  params: ["n:u32", "nO:u32", "oda:u32", "odh:u32", "owh:u32"],
  buffers: ["DA:array<f32>", "DH:array<f32>", "Pm:array<f32>"],
  body: `if (i >= P.n * P.nO) { return; }
  let b = i / P.nO; let j = i % P.nO;
  var s = 0.0;
  for (var g = 0u; g < 4u * P.nO; g = g + 1u) { s = s + DA[P.oda + b * 4u * P.nO + g] * Pm[P.owh + g * P.nO + j]; }
  DH[P.odh + b * P.nO + j] = DH[P.odh + b * P.nO + j] + s;`,
};

/** Backward pass; see `Ops.backpropLstm`. */
export function backpropLstm(
  rt: GpuRuntime,
  dY: Floats2d,
  sizeAtT: Int32Array,
  params: Floats1d,
  state: LstmState,
): LstmGradients {
  const op = "backpropLstm";
  const [depth, dirs, N, nO] = state.C.shape;
  const nI = state.X.shape[1];
  if (dY.shape[0] !== N || dY.shape[1] !== dirs * nO) {
    throw new RangeError(
      `${op}(): dY [${dY.shape.join(", ")}] does not fit the forward output [${N}, ${dirs * nO}]`,
    );
  }
  const starts = checkSizes(op, sizeAtT, N);
  const { at, size } = layout(depth, dirs, nO, nI);
  if (params.shape[0] !== size) {
    throw new RangeError(
      `${op}(): params [${params.shape[0]}] do not fit the forward state (${size} parameters)`,
    );
  }
  const T = sizeAtT.length;
  const dParams = zeros(rt, [size] as const, "float32");
  const P = gpu(params, op), g = gpu(state.G, op), c = gpu(state.C, op), y = gpu(state.Y, op);
  const Init = empty(rt, [2 * nO] as const, "float32");
  const init = gpu(Init, op);
  const odc = N * nO, oda = 2 * N * nO, ohp = 6 * N * nO;
  const S = empty(rt, [7 * N * nO] as const, "float32");
  const s = gpu(S, op);
  const dA = view2d(S, oda, N, 4 * nO), hPrev = view2d(S, ohp, N, nO);
  let dOut: Floats2d = dY;
  let dX: Floats2d = zeros(rt, [N, nI] as const, "float32");
  for (let i = depth - 1; i >= 0; i--) {
    const layerNI = i === 0 ? nI : dirs * nO;
    let input: Floats2d = state.X;
    if (i > 0) {
      input = empty(rt, [N, dirs * nO] as const, "float32");
      for (let d = 0; d < dirs; d++) {
        copyRows(rt, state.Y, ((i - 1) * dirs + d) * N * nO, nO, input, d * nO, dirs * nO, N, nO);
      }
    }
    dX = empty(rt, [N, layerNI] as const, "float32");
    for (let d = 0; d < dirs; d++) {
      const sl = at[i]![d]!;
      const base = (i * dirs + d) * N;
      // The initial h and c rows of this layer and direction, side by side.
      const at0 = (i * dirs + d) * nO;
      copyRows(rt, state.H0, at0, 0, Init, 0, 0, 1, nO);
      copyRows(rt, state.C0, at0, 0, Init, nO, 0, 1, nO);
      copyRows(rt, dOut, d * nO, dirs * nO, S, 0, nO, N, nO);
      fill(rt, view2d(S, odc, N, nO), 0);
      for (let k = T - 1; k >= 0; k--) {
        const t = d === 0 ? k : T - 1 - k;
        const prevT = d === 0 ? t - 1 : t + 1;
        const B = sizeAtT[t]!;
        const Bprev = prevT >= 0 && prevT < T ? sizeAtT[prevT]! : 0;
        const st = starts[t]!, sp = Bprev > 0 ? starts[prevT]! : st;
        const lo = Math.min(st, sp), hi = Math.max(st + B, sp + Bprev);
        const rows = (x: GpuStorage, at: number, r0: number, r1: number, w: number) =>
          x.view(at + r0 * w, at + r1 * w);
        const gv = rows(g, base * 4 * nO, st, st + B, 4 * nO);
        const cv = rows(c, base * nO, lo, hi, nO), yv = rows(y, base * nO, lo, hi, nO);
        const dh = rows(s, 0, st, st + B, nO), dc = rows(s, odc, lo, hi, nO);
        const da = rows(s, oda, st, st + B, 4 * nO), hp = rows(s, ohp, st, st + B, nO);
        const views = [gv, cv, yv, init, dh, dc, da, hp];
        rt.dispatch1d(BSTEP, B * nO, [
          B,
          Bprev,
          nO,
          st - lo,
          sp - lo,
          ...views.map((v) => rt.at(v)),
        ], views);
        const n = Math.min(B, Bprev);
        const dav = rows(s, oda, st, st + n, 4 * nO), dhp = rows(s, 0, sp, sp + n, nO);
        rt.dispatch1d(BREC, n * nO, [n, nO, rt.at(dav), rt.at(dhp), rt.at(P) + sl.wh], [
          dav,
          dhp,
          P,
        ]);
      }
      gemm(rt, dA, input, { transA: true, out: view2d(dParams, sl.wx, 4 * nO, layerNI) });
      gemm(rt, dA, hPrev, { transA: true, out: view2d(dParams, sl.wh, 4 * nO, nO) });
      // The gates see bx + bh, so both get the bias gradient.
      const db = sumRows(rt, dA);
      copyRows(rt, db, 0, 0, dParams, sl.bx, 0, 1, 4 * nO);
      copyRows(rt, db, 0, 0, dParams, sl.bh, 0, 1, 4 * nO);
      rt.pool.give(gpu(db, op));
      const Wx = view2d(params, sl.wx, 4 * nO, layerNI);
      if (d === 0) gemm(rt, dA, Wx, { out: dX });
      else {
        const dIn = gemm(rt, dA, Wx);
        addInPlace(rt, dX, dIn, 1);
        rt.pool.give(gpu(dIn, op));
      }
    }
    if (i > 0) rt.pool.give(gpu(input, op));
    dOut = dX;
  }
  rt.pool.give(s);
  rt.pool.give(init);
  return { dX, dParams };
}
