/**
 * Kernels over sequences given by host `lengths`: the shared machinery (prefix
 * sums, pieces of whole sequences, the WGSL sequence search) and the reductions
 * with their backward passes; per-sequence softmax is in softmax_seq.ts, seq2col
 * windows in seq2col.ts. The lengths travel as a
 * `startsEnds` prefix array in the per-batch arena; threads that work per row find
 * their sequence by binary search over it, so no per-row index array is uploaded.
 *
 * @module
 */
import { checkLengths, type Floats2d, type NdArray } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

/** WGSL: the sequence containing row `r`, by binary search over `SE` (B + 1 entries). */
export const FIND_SEQ: string = `
fn findSeq(r: i32, B: u32) -> u32 {
  var lo = 0u; var hi = B;
  while (hi - lo > 1u) { let mid = (lo + hi) / 2u; if (SE[mid] <= r) { lo = mid; } else { hi = mid; } }
  // Skip empty sequences that start at the same row.
  while (lo + 1u < B && SE[lo + 1u] <= r) { lo = lo + 1u; }
  return lo;
}`;

/** Prefix sums of `lengths` (B + 1 entries), checked against the rows of `X`. */
export function startsEnds(op: string, lengths: Int32Array, rows: number): Int32Array {
  checkLengths(lengths, rows, `${op}()`);
  const se = new Int32Array(lengths.length + 1);
  for (let b = 0; b < lengths.length; b++) se[b + 1] = se[b]! + lengths[b]!;
  return se;
}

/**
 * Call `launch(b0, b1, local)` over pieces `[b0, b1)` of whole sequences whose rows
 * (of `rowUnit` elements) fit one storage binding, as do their `seqUnit` elements
 * per sequence; `local` are the piece's prefix sums, starting from 0. One piece
 * covers everything unless the arrays exceed a binding.
 *
 * @throws {RangeError} when one sequence alone exceeds a binding
 */
export function bySequences(
  rt: GpuRuntime,
  op: string,
  se: Int32Array,
  rowUnit: number,
  seqUnit: number,
  launch: (b0: number, b1: number, local: Int32Array) => void,
): void {
  const B = se.length - 1;
  const maxRows = Math.floor(rt.chunk / Math.max(rowUnit, 1));
  const maxSeqs = Math.max(1, Math.floor(rt.chunk / Math.max(seqUnit, 1)));
  for (let b0 = 0; b0 < B;) {
    const start = se[b0]!;
    if (se[b0 + 1]! - start > maxRows) {
      throw new RangeError(
        `${op}(): a sequence of ${se[b0 + 1]! - start} rows of ${rowUnit} elements exceeds ` +
          `a storage binding of ${rt.maxBinding} bytes`,
      );
    }
    let b1 = b0 + 1;
    while (b1 < B && se[b1 + 1]! - start <= maxRows && b1 + 1 - b0 <= maxSeqs) b1++;
    launch(b0, b1, se.slice(b0, b1 + 1).map((v) => v - start));
    b0 = b1;
  }
}

/** Reduction modes shared by the forward and backward kernels. */
export const REDUCE = { sum: 0, mean: 1, max: 2, first: 3, last: 4 } as const;

const REDUCE_FWD: KernelSpec = {
  name: "reduce_seq",
  params: ["B:u32", "C:u32", "ox:u32", "oy:u32", "ow:u32", "mode:u32"],
  buffers: ["X:array<f32>", "Y:array<f32>", "W:array<i32>"],
  host: ["SE"],
  body: `if (i >= P.B * P.C) { return; }
  let b = i / P.C; let c = i % P.C;
  let s = u32(SE[b]); let e = u32(SE[b + 1u]);
  var y = 0.0; var w = -1;
  if (e > s) {
    w = 0;
    if (P.mode == 3u) { y = X[P.ox + s * P.C + c]; }
    else if (P.mode == 4u) { y = X[P.ox + (e - 1u) * P.C + c]; }
    else if (P.mode == 2u) {
      y = X[P.ox + s * P.C + c];
      for (var r = s + 1u; r < e; r = r + 1u) { let v = X[P.ox + r * P.C + c]; if (v > y) { y = v; w = i32(r - s); } }
    } else {
      for (var r = s; r < e; r = r + 1u) { y = y + X[P.ox + r * P.C + c]; }
      if (P.mode == 1u) { y = y / f32(e - s); }
    }
  }
  Y[P.oy + i] = y;
  if (P.mode == 2u) { W[P.ow + i] = w; }`,
};

/** Reduce the rows of each sequence; `which` (device int32) is filled for `max`. */
export function reduceSeq(
  rt: GpuRuntime,
  op: string,
  X: Floats2d,
  lengths: Int32Array,
  mode: number,
): { Y: Floats2d; which: NdArray<readonly [number, number], "int32"> | undefined } {
  const [N, C] = X.shape;
  const se = startsEnds(op, lengths, N);
  const B = lengths.length;
  const Y = empty(rt, [B, C] as const, "float32");
  const which = mode === REDUCE.max ? empty(rt, [B, C] as const, "int32") : undefined;
  const x = gpu(X, op), y = gpu(Y, op), w = which === undefined ? y : gpu(which, op);
  bySequences(rt, op, se, C, C, (b0, b1, local) => {
    const xv = x.view(se[b0]! * C, se[b1]! * C), yv = y.view(b0 * C, b1 * C);
    const wv = which === undefined ? rt.unused() : w.view(b0 * C, b1 * C);
    const n = (b1 - b0) * C;
    rt.dispatch1d(REDUCE_FWD, n, [b1 - b0, C, rt.at(xv), rt.at(yv), rt.at(wv), mode], [
      xv,
      yv,
      wv,
      local,
    ]);
  });
  return { Y, which };
}

const REDUCE_BWD: KernelSpec = {
  name: "reduce_seq_backprop",
  params: ["N:u32", "B:u32", "C:u32", "od:u32", "ow:u32", "oy:u32", "mode:u32"],
  buffers: ["dY:array<f32>", "W:array<i32>", "dX:array<f32>"],
  host: ["SE"],
  helpers: FIND_SEQ,
  body: `if (i >= P.N * P.C) { return; }
  let r = i / P.C; let c = i % P.C;
  let b = findSeq(i32(r), P.B);
  let s = u32(SE[b]); let e = u32(SE[b + 1u]);
  let g = dY[P.od + b * P.C + c];
  var d = 0.0;
  if (P.mode == 0u) { d = g; }
  else if (P.mode == 1u) { d = g / f32(e - s); }
  else if (P.mode == 2u) { d = select(0.0, g, W[P.ow + b * P.C + c] == i32(r - s)); }
  else if (P.mode == 3u) { d = select(0.0, g, r == s); }
  else { d = select(0.0, g, r + 1u == e); }
  dX[P.oy + i] = d;`,
};

/** Backward pass of a sequence reduction: `[sum lengths, C]`. */
export function backpropReduceSeq(
  rt: GpuRuntime,
  op: string,
  dY: Floats2d,
  lengths: Int32Array,
  mode: number,
  which?: NdArray,
): Floats2d {
  const [B, C] = dY.shape;
  if (lengths.length !== B) {
    throw new RangeError(`${op}(): dY has ${B} rows but there are ${lengths.length} sequences`);
  }
  if (which !== undefined) sameShape(op, dY, which);
  let N = 0;
  for (const n of lengths) N += n;
  const se = startsEnds(op, lengths, N);
  const dX = empty(rt, [N, C] as const, "float32");
  const d = gpu(dY, op), y = gpu(dX, op), w = which === undefined ? d : gpu(which, op);
  bySequences(rt, op, se, C, C, (b0, b1, local) => {
    const dv = d.view(b0 * C, b1 * C), yv = y.view(se[b0]! * C, se[b1]! * C);
    const wv = which === undefined ? rt.unused() : w.view(b0 * C, b1 * C);
    const rows = se[b1]! - se[b0]!;
    rt.dispatch1d(REDUCE_BWD, rows * C, [rows, b1 - b0, C, rt.at(dv), rt.at(wv), rt.at(yv), mode], [
      dv,
      wv,
      yv,
      local,
    ]);
  });
  return dX;
}
