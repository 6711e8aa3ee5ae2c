/**
 * Row and column kernels over 2-D arrays: sums, per-row and per-column scaling,
 * softmax along any axis, row normalization, argmax and maxout.
 *
 * @module
 */
import type { Floats1d, Floats2d, Floats3d, Ints1d, NdArray, Shape } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import { zeros } from "./elementwise.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

const SUM_ROWS: KernelSpec = {
  name: "sum_rows",
  // One thread per (block of rows, column): partial sums [ceil(N / block), C].
  params: ["N:u32", "C:u32", "ox:u32", "oy:u32", "block:u32"],
  buffers: ["X:array<f32>", "Y:array<f32>"],
  body: `let blocks = (P.N + P.block - 1u) / P.block;
  if (i >= blocks * P.C) { return; }
  let k = i / P.C; let c = i % P.C;
  var s = 0.0;
  for (var r = k * P.block; r < min(P.N, (k + 1u) * P.block); r = r + 1u) { s = s + X[P.ox + r * P.C + c]; }
  Y[P.oy + i] = s;`,
};

/** Rows summed per thread; long inputs are reduced in rounds, so every column is parallel. */
const ROW_BLOCK = 64;

/** Column sums of `[N, C]`: `[C]`. */
export function sumRows(rt: GpuRuntime, X: Floats2d): Floats1d {
  const [N, C] = X.shape;
  if (N === 0) return zeros(rt, [C] as const, "float32");
  if (N <= ROW_BLOCK) {
    const Y = empty(rt, [C] as const, "float32");
    const x = gpu(X, "sumRows"), y = gpu(Y, "sumRows");
    rt.dispatch1d(SUM_ROWS, C, [N, C, rt.at(x), rt.at(y), N], [x, y]);
    return Y;
  }
  const blocks = Math.ceil(N / ROW_BLOCK);
  const partial = empty(rt, [blocks, C] as const, "float32");
  const x = gpu(X, "sumRows"), p = gpu(partial, "sumRows");
  // Pieces of whole blocks of rows, each writing its rows of the partial sums.
  rt.split("sumRows", blocks, ROW_BLOCK * C, (k0, k1) => {
    const r0 = k0 * ROW_BLOCK, r1 = Math.min(N, k1 * ROW_BLOCK);
    const xv = x.view(r0 * C, r1 * C), pv = p.view(k0 * C, k1 * C);
    rt.dispatch1d(SUM_ROWS, (k1 - k0) * C, [r1 - r0, C, rt.at(xv), rt.at(pv), ROW_BLOCK], [xv, pv]);
  });
  const Y = sumRows(rt, partial);
  rt.pool.give(p);
  return Y;
}

const SCALE_ROWS_COLS: KernelSpec = {
  name: "scale_rows_cols",
  // mode 0: X * v[row]; mode 1: X * g[col] (+ b[col] when hasB).
  params: ["n:u32", "C:u32", "ox:u32", "ov:u32", "ob:u32", "oy:u32", "mode:u32", "hasB:u32"],
  buffers: ["X:array<f32>", "v:array<f32>", "b:array<f32>", "Y:array<f32>"],
  body: "if (i >= P.n) { return; } let r = i / P.C; let c = i % P.C; var y = X[P.ox + i];" +
    " if (P.mode == 0u) { y = y * v[P.ov + r]; } else { y = y * v[P.ov + c];" +
    " if (P.hasB == 1u) { y = y + b[P.ob + c]; } } Y[P.oy + i] = y;",
};

function scaleRowsCols(
  rt: GpuRuntime,
  op: string,
  X: Floats2d,
  v: Floats1d,
  b: Floats1d | undefined,
  mode: number,
): Floats2d {
  const [N, C] = X.shape;
  const want = mode === 0 ? N : C;
  if (v.shape[0] !== want || (b !== undefined && b.shape[0] !== C)) {
    throw new RangeError(`${op}(): factors of length ${v.shape[0]} do not fit X [${N}, ${C}]`);
  }
  const Y = empty(rt, X.shape, "float32");
  const x = gpu(X, op), s = gpu(v, op), y = gpu(Y, op);
  const bb = b === undefined ? undefined : gpu(b, op);
  rt.split(op, N, C, (r0, r1) => {
    const xv = x.view(r0 * C, r1 * C), yv = y.view(r0 * C, r1 * C);
    const sv = mode === 0 ? s.view(r0, r1) : s;
    const bv = bb ?? rt.unused();
    const n = (r1 - r0) * C;
    rt.dispatch1d(SCALE_ROWS_COLS, n, [
      n,
      C,
      rt.at(xv),
      rt.at(sv),
      rt.at(bv),
      rt.at(yv),
      mode,
      b ? 1 : 0,
    ], [xv, sv, bv, yv]);
  });
  return Y;
}

/** `X * v[:, None]`. */
export function mulRows(rt: GpuRuntime, X: Floats2d, v: Floats1d): Floats2d {
  return scaleRowsCols(rt, "mulRows", X, v, undefined, 0);
}

/** `X * g[None, :] + b[None, :]`. */
export function scaleColumns(rt: GpuRuntime, X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d {
  return scaleRowsCols(rt, "scaleColumns", X, g, b, 1);
}

const ROW_DOTS: KernelSpec = {
  name: "row_dots",
  params: ["N:u32", "C:u32", "oa:u32", "ob:u32", "oy:u32"],
  buffers: ["A:array<f32>", "B:array<f32>", "Y:array<f32>"],
  body: "if (i >= P.N) { return; } var s = 0.0; for (var c = 0u; c < P.C; c = c + 1u) {" +
    " s = s + A[P.oa + i * P.C + c] * B[P.ob + i * P.C + c]; } Y[P.oy + i] = s;",
};

/** Row-wise dot products: `[N]`. */
export function rowDots(rt: GpuRuntime, A: Floats2d, B: Floats2d): Floats1d {
  sameShape("rowDots", A, B);
  const [N, C] = A.shape;
  const Y = empty(rt, [N] as const, "float32");
  const a = gpu(A, "rowDots"), b = gpu(B, "rowDots"), y = gpu(Y, "rowDots");
  rt.split("rowDots", N, C, (r0, r1) => {
    const av = a.view(r0 * C, r1 * C), bv = b.view(r0 * C, r1 * C), yv = y.view(r0, r1);
    rt.dispatch1d(ROW_DOTS, r1 - r0, [r1 - r0, C, rt.at(av), rt.at(bv), rt.at(yv)], [av, bv, yv]);
  });
  return Y;
}

/** Split a shape around `axis` into `[outer, length, inner]`. */
export function axisSplit(op: string, shape: Shape, axis: number): [number, number, number] {
  const k = axis < 0 ? shape.length + axis : axis;
  if (!Number.isInteger(k) || k < 0 || k >= shape.length) {
    throw new RangeError(`${op}(): axis ${axis} is out of range for shape [${shape.join(", ")}]`);
  }
  const outer = shape.slice(0, k).reduce((a, b) => a * b, 1);
  const inner = shape.slice(k + 1).reduce((a, b) => a * b, 1);
  return [outer, shape[k]!, inner];
}

const SOFTMAX: KernelSpec = {
  name: "softmax_axis",
  // Forward (back = 0): Y = softmax(X / T). Backward (back = 1): X is Y, G is dY.
  params: ["n:u32", "L:u32", "inner:u32", "ox:u32", "og:u32", "oy:u32", "invT:f32", "back:u32"],
  buffers: ["X:array<f32>", "G:array<f32>", "Y:array<f32>"],
  body: `if (i >= P.n) { return; }
  let base = (i / P.inner) * P.L * P.inner + i % P.inner;
  if (P.back == 1u) {
    var s = 0.0;
    for (var k = 0u; k < P.L; k = k + 1u) { let j = base + k * P.inner; s = s + X[P.ox + j] * G[P.og + j] * P.invT; }
    for (var k = 0u; k < P.L; k = k + 1u) { let j = base + k * P.inner; Y[P.oy + j] = X[P.ox + j] * (G[P.og + j] * P.invT - s); }
    return;
  }
  var m = -3.4e38;
  for (var k = 0u; k < P.L; k = k + 1u) { m = max(m, X[P.ox + base + k * P.inner] * P.invT); }
  var s = 0.0;
  for (var k = 0u; k < P.L; k = k + 1u) { s = s + exp(X[P.ox + base + k * P.inner] * P.invT - m); }
  for (var k = 0u; k < P.L; k = k + 1u) { let j = base + k * P.inner; Y[P.oy + j] = exp(X[P.ox + j] * P.invT - m) / s; }`,
};

/** Softmax (or its backward pass when `dY` is given) along `axis`. */
export function softmaxAxis<S extends Shape>(
  rt: GpuRuntime,
  X: NdArray<S, "float32">,
  dY: NdArray<S, "float32"> | undefined,
  axis: number,
  temperature: number,
): NdArray<S, "float32"> {
  const op = dY === undefined ? "softmax" : "backpropSoftmax";
  if (dY !== undefined) sameShape(op, X, dY);
  const [outer, L, inner] = axisSplit(op, X.shape, axis);
  const Y = empty(rt, X.shape, "float32");
  const x = gpu(X, op), g = dY === undefined ? x : gpu(dY, op), y = gpu(Y, op);
  if (L === 0) return Y;
  // Pieces of the outer dimension: each holds whole softmax groups.
  const unit = L * inner;
  rt.split(op, outer, unit, (o0, o1) => {
    const xv = x.view(o0 * unit, o1 * unit), yv = y.view(o0 * unit, o1 * unit);
    const gv = dY === undefined ? rt.unused() : g.view(o0 * unit, o1 * unit);
    const n = (o1 - o0) * inner;
    rt.dispatch1d(SOFTMAX, n, [
      n,
      L,
      inner,
      rt.at(xv),
      rt.at(gv),
      rt.at(yv),
      1 / temperature,
      dY ? 1 : 0,
    ], [xv, gv, yv]);
  });
  return Y;
}

const ARGMAX: KernelSpec = {
  name: "argmax_rows",
  params: ["N:u32", "C:u32", "ox:u32", "oy:u32"],
  buffers: ["X:array<f32>", "Y:array<i32>"],
  body: "if (i >= P.N) { return; } var best = 0u; var m = -3.4e38;" +
    " for (var c = 0u; c < P.C; c = c + 1u) { let v = X[P.ox + i * P.C + c]; if (v > m) { m = v; best = c; } }" +
    " Y[P.oy + i] = i32(best);",
};

/** Index of the largest value in each row (the first one on ties). */
export function argmax(rt: GpuRuntime, X: Floats2d): Ints1d {
  const [N, C] = X.shape;
  const Y = empty(rt, [N] as const, "int32");
  const x = gpu(X, "argmax"), y = gpu(Y, "argmax");
  // With no columns every row's "argmax" is 0, which the kernel also writes.
  rt.split("argmax", N, C, (r0, r1) => {
    const xv = x.view(r0 * C, r1 * C), yv = y.view(r0, r1);
    rt.dispatch1d(ARGMAX, r1 - r0, [r1 - r0, C, rt.at(xv), rt.at(yv)], [xv, yv]);
  });
  return Y;
}

const MAXOUT: KernelSpec = {
  name: "maxout",
  params: ["n:u32", "nP:u32", "ox:u32", "ob:u32", "ow:u32"],
  buffers: ["X:array<f32>", "best:array<f32>", "which:array<i32>"],
  body: "if (i >= P.n) { return; } var w = 0u; var m = X[P.ox + i * P.nP];" +
    " for (var p = 1u; p < P.nP; p = p + 1u) { let v = X[P.ox + i * P.nP + p]; if (v > m) { m = v; w = p; } }" +
    " best[P.ob + i] = m; which[P.ow + i] = i32(w);",
};

/** Maxout: `best [N, nO]` and, on the device, `which [N, nO]` int32. */
export function maxout(
  rt: GpuRuntime,
  X: Floats3d,
): { best: Floats2d; which: NdArray<readonly [number, number], "int32"> } {
  const [N, nO, nP] = X.shape;
  if (nP < 1) {
    throw new RangeError(`maxout(): nP must be at least 1, got shape [${X.shape.join(", ")}]`);
  }
  const best = empty(rt, [N, nO] as const, "float32");
  const which = empty(rt, [N, nO] as const, "int32");
  const x = gpu(X, "maxout"), b = gpu(best, "maxout"), w = gpu(which, "maxout");
  rt.split("maxout", N * nO, nP, (j0, j1) => {
    const xv = x.view(j0 * nP, j1 * nP), bv = b.view(j0, j1), wv = w.view(j0, j1);
    rt.dispatch1d(MAXOUT, j1 - j0, [j1 - j0, nP, rt.at(xv), rt.at(bv), rt.at(wv)], [xv, bv, wv]);
  });
  return { best, which };
}

const BACKPROP_MAXOUT: KernelSpec = {
  name: "backprop_maxout",
  params: ["n:u32", "nP:u32", "od:u32", "ow:u32", "oy:u32"],
  buffers: ["dB:array<f32>", "which:array<i32>", "dX:array<f32>"],
  body: "if (i >= P.n) { return; } let j = i / P.nP; let p = i % P.nP;" +
    " dX[P.oy + i] = select(0.0, dB[P.od + j], which[P.ow + j] == i32(p));",
};

/** Route `dBest [N, nO]` to the winning pieces given a device `which`. */
export function backpropMaxout(
  rt: GpuRuntime,
  dBest: Floats2d,
  which: NdArray,
  nP: number,
): Floats3d {
  sameShape("backpropMaxout", dBest, which);
  const [N, nO] = dBest.shape;
  const dX = empty(rt, [N, nO, nP] as const, "float32");
  const d = gpu(dBest, "backpropMaxout"),
    w = gpu(which, "backpropMaxout"),
    y = gpu(dX, "backpropMaxout");
  rt.split("backpropMaxout", N * nO, nP, (j0, j1) => {
    const dv = d.view(j0, j1), wv = w.view(j0, j1), yv = y.view(j0 * nP, j1 * nP);
    const n = (j1 - j0) * nP;
    rt.dispatch1d(BACKPROP_MAXOUT, n, [n, nP, rt.at(dv), rt.at(wv), rt.at(yv)], [dv, wv, yv]);
  });
  return dX;
}
