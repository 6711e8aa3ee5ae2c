/**
 * `seq2col`: each row concatenated with its `nW` neighbours on either side, windows
 * clipped at sequence boundaries, and its backward pass, which gathers from the
 * windows that saw each row (no atomics needed).
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import { zeros } from "./elementwise.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { bySequences, FIND_SEQ, startsEnds } from "./sequences.ts";

const SEQ2COL: KernelSpec = {
  name: "seq2col",
  // Forward: one thread per output element. Backward: one per input element,
  // gathering from the windows that saw it (no atomics needed).
  params: ["N:u32", "B:u32", "C:u32", "nW:u32", "ox:u32", "oy:u32", "back:u32"],
  buffers: ["X:array<f32>", "Y:array<f32>"],
  host: ["SE"],
  helpers: FIND_SEQ,
  body: `let K = 2u * P.nW + 1u;
  if (P.back == 0u) {
    if (i >= P.N * K * P.C) { return; }
    let r = i / (K * P.C); let w = (i / P.C) % K; let c = i % P.C;
    let b = findSeq(i32(r), P.B);
    let src = i32(r) + i32(w) - i32(P.nW);
    var v = 0.0;
    if (src >= SE[b] && src < SE[b + 1u]) { v = X[P.ox + u32(src) * P.C + c]; }
    Y[P.oy + i] = v;
    return;
  }
  if (i >= P.N * P.C) { return; }
  let r = i / P.C; let c = i % P.C;
  let b = findSeq(i32(r), P.B);
  var v = 0.0;
  for (var w = 0u; w < K; w = w + 1u) {
    let dst = i32(r) - i32(w) + i32(P.nW);
    if (dst >= SE[b] && dst < SE[b + 1u]) { v = v + X[P.ox + (u32(dst) * K + w) * P.C + c]; }
  }
  Y[P.oy + i] = v;`,
};

/** `seq2col` (forward) or its backward pass (`back`), windows clipped per sequence. */
export function seq2colKernel(
  rt: GpuRuntime,
  X: Floats2d,
  nW: number,
  lengths: Int32Array | undefined,
  back: boolean,
): Floats2d {
  const op = back ? "backpropSeq2col" : "seq2col";
  if (!Number.isInteger(nW) || nW < 0) {
    throw new RangeError(`${op}(): nW must be a non-negative integer, got ${nW}`);
  }
  const K = 2 * nW + 1;
  const [N, width] = X.shape;
  if (back && width % K !== 0) {
    throw new RangeError(`${op}(): dY has ${width} columns, not a multiple of ${K}`);
  }
  const C = back ? width / K : width;
  const lens = lengths ?? Int32Array.of(N);
  const se = startsEnds(op, lens, N);
  const Y = back
    ? empty(rt, [N, C] as const, "float32")
    : empty(rt, [N, K * C] as const, "float32");
  if (lens.length === 0) return zerosLike(rt, Y);
  const x = gpu(X, op), y = gpu(Y, op);
  const xUnit = back ? K * C : C, yUnit = back ? C : K * C;
  bySequences(rt, op, se, K * C, 0, (b0, b1, local) => {
    const [r0, r1] = [se[b0]!, se[b1]!];
    const xv = x.view(r0 * xUnit, r1 * xUnit), yv = y.view(r0 * yUnit, r1 * yUnit);
    const rows = r1 - r0;
    rt.dispatch1d(SEQ2COL, rows * yUnit, [
      rows,
      b1 - b0,
      C,
      nW,
      rt.at(xv),
      rt.at(yv),
      back ? 1 : 0,
    ], [xv, yv, local]);
  });
  return Y;
}

function zerosLike(rt: GpuRuntime, Y: Floats2d): Floats2d {
  rt.pool.give(gpu(Y, "zeros"));
  return zeros(rt, Y.shape, "float32");
}
