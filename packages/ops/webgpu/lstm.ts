/**
 * The LSTM of `Ops.lstmForward` / `backpropLstm` on the GPU, with Thinc's parameter
 * layout. Input projections of all rows are one gemm per layer and direction; each
 * time step is then one kernel in which thread (b, j) computes the four recurrent dot
 * products of its hidden unit and the gates. The hidden state is double-buffered
 * (steps read one half and write the other), since every thread of a step reads the
 * whole previous hidden row.
 *
 * @module
 */
import { type Floats1d, type Floats2d, type Floats3d, NdArray } from "@weft/types";
import type { LstmResult } from "../ops.ts";
import { empty, gpu } from "./arrays.ts";
import { copyRows, zeros } from "./elementwise.ts";
import { gemm } from "./gemm.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { WGSL_MATH } from "./wgsl_math.ts";

/** Where one layer and direction's weights start in the flat parameters. */
export interface Slots {
  wx: number;
  bx: number;
  wh: number;
  bh: number;
  nI: number;
}

/** Offsets of each layer and direction's weights in the flat parameters. */
export function layout(
  depth: number,
  dirs: number,
  nO: number,
  nI: number,
): { at: Slots[][]; size: number } {
  const at: Slots[][] = [];
  let k = 0;
  for (let i = 0; i < depth; i++) {
    const layerNI = i === 0 ? nI : dirs * nO;
    const row: Slots[] = [];
    for (let d = 0; d < dirs; d++) {
      const wx = k, bx = wx + 4 * nO * layerNI, wh = bx + 4 * nO, bh = wh + 4 * nO * nO;
      k = bh + 4 * nO;
      row.push({ wx, bx, wh, bh, nI: layerNI });
    }
    at.push(row);
  }
  return { at, size: k };
}

/** Check `sizeAtT` against the rows; returns the first row of each step. */
export function checkSizes(op: string, sizeAtT: Int32Array, N: number): Int32Array {
  const starts = new Int32Array(sizeAtT.length + 1);
  for (let t = 0; t < sizeAtT.length; t++) {
    const n = sizeAtT[t]!;
    if (n < 0 || (t > 0 && n > sizeAtT[t - 1]!)) {
      throw new RangeError(
        `${op}(): sizeAtT must be non-increasing and non-negative (step ${t} is ${n})`,
      );
    }
    starts[t + 1] = starts[t]! + n;
  }
  if (starts[sizeAtT.length] !== N) {
    throw new RangeError(`${op}(): sizeAtT sums to ${starts[sizeAtT.length]} but X has ${N} rows`);
  }
  return starts;
}

/** A `[rows, cols]` view of an array's storage from element `at`. */
export function view2d(x: NdArray, at: number, rows: number, cols: number): Floats2d {
  return new NdArray([rows, cols] as const, "float32", gpu(x, "lstm").view(at, at + rows * cols));
}

const INIT: KernelSpec = {
  name: "lstm_init",
  // Both hidden halves and the cell rows start from the initial state of (layer, dir).
  params: ["n:u32", "nO:u32", "oh0:u32", "oc0:u32", "B0:u32"],
  buffers: ["H0:array<f32>", "C0:array<f32>", "hh:array<f32>", "cs:array<f32>"],
  body: `if (i >= P.n) { return; } let j = i % P.nO;
  hh[i] = H0[P.oh0 + j]; hh[P.B0 * P.nO + i] = H0[P.oh0 + j]; cs[i] = C0[P.oc0 + j];`,
};

const BIAS: KernelSpec = {
  name: "lstm_bias",
  params: ["n:u32", "W:u32", "og:u32", "obx:u32", "obh:u32"],
  buffers: ["G:array<f32>", "Pm:array<f32>"],
  body:
    "if (i >= P.n) { return; } let g = i % P.W; G[P.og + i] = G[P.og + i] + Pm[P.obx + g] + Pm[P.obh + g];",
};

const STEP: KernelSpec = {
  name: "lstm_step",
  params: [
    "B:u32",
    "nO:u32",
    "row0:u32",
    "og:u32",
    "owh:u32",
    "ohr:u32",
    "ohw:u32",
    "oy:u32",
    "oc:u32",
  ],
  buffers: [
    "Pm:array<f32>",
    "G:array<f32>",
    "hh:array<f32>",
    "cs:array<f32>",
    "Y:array<f32>",
    "C:array<f32>",
  ],
  helpers: WGSL_MATH,
  body: `if (i >= P.B * P.nO) { return; }
  let b = i / P.nO; let j = i % P.nO; let r = P.row0 + b;
  var a: array<f32, 4>;
  for (var q = 0u; q < 4u; q = q + 1u) {
    var s = G[P.og + r * 4u * P.nO + q * P.nO + j];
    let w = P.owh + (q * P.nO + j) * P.nO;
    for (var k = 0u; k < P.nO; k = k + 1u) { s = s + hh[P.ohr + b * P.nO + k] * Pm[w + k]; }
    a[q] = s;
  }
  let f = sigm(a[0]); let ig = sigm(a[1]); let o = sigm(a[2]); let cc = tanh_s(a[3]);
  let g = P.og + r * 4u * P.nO + j;
  G[g] = f; G[g + P.nO] = ig; G[g + 2u * P.nO] = o; G[g + 3u * P.nO] = cc;
  let c = f * cs[i] + ig * cc;
  let h = o * tanh_s(c);
  cs[i] = c;
  hh[P.ohw + i] = h;
  C[P.oc + r * P.nO + j] = c;
  Y[P.oy + r * P.nO + j] = h;`,
};

/** Forward pass; see `Ops.lstmForward`. */
export function lstmForward(
  rt: GpuRuntime,
  params: Floats1d,
  H0: Floats3d,
  C0: Floats3d,
  X: Floats2d,
  sizeAtT: Int32Array,
): LstmResult {
  const op = "lstmForward";
  const [depth, dirs, nO] = H0.shape;
  const [N, nI] = X.shape;
  if (C0.shape.join() !== H0.shape.join() || (dirs !== 1 && dirs !== 2)) {
    throw new RangeError(
      `${op}(): H0 [${H0.shape.join(", ")}] and C0 [${
        C0.shape.join(", ")
      }] must match as [depth, 1 or 2, nO]`,
    );
  }
  const starts = checkSizes(op, sizeAtT, N);
  const { at, size } = layout(depth, dirs, nO, nI);
  if (params.shape[0] !== size) {
    throw new RangeError(
      `${op}(): params [${
        params.shape[0]
      }] do not fit depth ${depth}, dirs ${dirs}, nO ${nO}, nI ${nI} (${size} parameters)`,
    );
  }
  const T = sizeAtT.length, B0 = T > 0 ? sizeAtT[0]! : 0;
  const Yall = empty(rt, [depth, dirs, N, nO] as const, "float32");
  const Gall = empty(rt, [depth, dirs, N, 4 * nO] as const, "float32");
  const Call = empty(rt, [depth, dirs, N, nO] as const, "float32");
  const hh = empty(rt, [2 * B0 * nO] as const, "float32");
  const cs = empty(rt, [B0 * nO] as const, "float32");
  const P = gpu(params, op), g = gpu(Gall, op), y = gpu(Yall, op), c = gpu(Call, op);
  let input: Floats2d = X;
  let H = depth === 0 ? zeros(rt, [N, dirs * nO] as const, "float32") : X;
  for (let i = 0; i < depth; i++) {
    H = empty(rt, [N, dirs * nO] as const, "float32");
    for (let d = 0; d < dirs; d++) {
      const s = at[i]![d]!;
      const base = (i * dirs + d) * N;
      const Wx = view2d(params, s.wx, 4 * nO, s.nI);
      gemm(rt, input, Wx, { transB: true, out: view2d(Gall, base * 4 * nO, N, 4 * nO) });
      rt.split(op, N, 4 * nO, (r0, r1) => {
        const gv = g.view((base + r0) * 4 * nO, (base + r1) * 4 * nO);
        const n = (r1 - r0) * 4 * nO;
        rt.dispatch1d(BIAS, n, [n, 4 * nO, rt.at(gv), rt.at(P) + s.bx, rt.at(P) + s.bh], [gv, P]);
      });
      const init = (i * dirs + d) * nO;
      rt.dispatch1d(INIT, B0 * nO, [
        B0 * nO,
        nO,
        rt.at(gpu(H0, op)) + init,
        rt.at(gpu(C0, op)) + init,
        B0,
      ], [
        gpu(H0, op),
        gpu(C0, op),
        gpu(hh, op),
        gpu(cs, op),
      ]);
      for (let k = 0; k < T; k++) {
        const t = d === 0 ? k : T - 1 - k;
        const B = sizeAtT[t]!;
        const [ohr, ohw] = k % 2 === 0 ? [0, B0 * nO] : [B0 * nO, 0];
        // Views of this step's rows, so that large batches bind in windows.
        const r0 = base + starts[t]!, r1 = r0 + B;
        const gv = g.view(r0 * 4 * nO, r1 * 4 * nO);
        const yv = y.view(r0 * nO, r1 * nO), cv = c.view(r0 * nO, r1 * nO);
        rt.dispatch1d(STEP, B * nO, [
          B,
          nO,
          0,
          rt.at(gv),
          rt.at(P) + s.wh,
          ohr,
          ohw,
          rt.at(yv),
          rt.at(cv),
        ], [P, gv, gpu(hh, op), gpu(cs, op), yv, cv]);
      }
      copyRows(rt, Yall, base * nO, nO, H, d * nO, dirs * nO, N, nO);
    }
    input = H;
  }
  rt.pool.give(gpu(hh, op));
  rt.pool.give(gpu(cs, op));
  return { Y: H, state: { Y: Yall, G: Gall, C: Call, X, H0, C0 } };
}
