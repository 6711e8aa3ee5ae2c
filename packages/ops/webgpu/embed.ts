/**
 * Embedding tables: row gathers (summed over `K` ids per row) and scatter-add with
 * float atomics (see wgsl_atomic.ts). The hashing kernels are in hashing.ts, the
 * hashed sparse linear layer in sparse_linear.ts.
 *
 * @module
 */
import type { Floats2d, Ints1d, Ints2d } from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { ATOMIC_ADD } from "./wgsl_atomic.ts";

const GATHER: KernelSpec = {
  name: "gather_add",
  // Rows [lo, hi) of the table are bound (one window of a large table); later windows
  // add to Y (acc = 1). Out-of-range ids contribute zeros: the device cannot throw.
  params: ["N:u32", "K:u32", "C:u32", "lo:u32", "hi:u32", "ot:u32", "oi:u32", "oy:u32", "acc:u32"],
  buffers: ["T:array<f32>", "I:array<u32>", "Y:array<f32>"],
  body: `if (i >= P.N * P.C) { return; }
  let n = i / P.C; let c = i % P.C;
  var s = 0.0;
  if (P.acc == 1u) { s = Y[P.oy + i]; }
  for (var k = 0u; k < P.K; k = k + 1u) {
    let r = I[P.oi + n * P.K + k];
    if (r >= P.lo && r < P.hi) { s = s + T[P.ot + (r - P.lo) * P.C + c]; }
  }
  Y[P.oy + i] = s;`,
};

/** `Y[n] = sum_k table[indices[n, k]]` (`K = 1` for a plain gather). */
export function gatherAdd(
  rt: GpuRuntime,
  op: string,
  table: Floats2d,
  indices: Ints1d | Ints2d,
): Floats2d {
  const [rows, C] = table.shape;
  const N = indices.shape[0]!;
  const K = indices.shape.length === 2 ? indices.shape[1]! : 1;
  const Y = empty(rt, [N, C] as const, "float32");
  const t = gpu(table, op), ix = gpu(indices, op), y = gpu(Y, op);
  // Pieces of the batch, then windows of the table's rows.
  rt.split(op, N, Math.max(K, C), (n0, n1) => {
    const iv = ix.view(n0 * K, n1 * K), yv = y.view(n0 * C, n1 * C);
    let acc = 0;
    const windows = (lo: number, hi: number) => {
      const tv = t.view(lo * C, hi * C);
      rt.dispatch1d(GATHER, (n1 - n0) * C, [
        n1 - n0,
        K,
        C,
        lo,
        hi,
        rt.at(tv),
        rt.at(iv),
        rt.at(yv),
        acc,
      ], [tv, iv, yv]);
      acc = 1;
    };
    if (rows === 0) windows(0, 0);
    else rt.split(op, rows, C, (r0, r1) => windows(r0, r1));
  });
  return Y;
}

const SCATTER: KernelSpec = {
  name: "scatter_add",
  // Only rows [lo, hi) of the table are bound and updated (one window of a large table).
  params: ["N:u32", "K:u32", "C:u32", "lo:u32", "hi:u32", "ot:u32", "oi:u32", "ov:u32"],
  buffers: ["T:array<atomic<u32>>", "I:array<u32>", "V:array<f32>"],
  helpers: ATOMIC_ADD,
  body: `if (i >= P.N * P.K * P.C) { return; }
  let c = i % P.C; let nk = i / P.C; let n = nk / P.K;
  let r = I[P.oi + nk];
  if (r >= P.lo && r < P.hi) { atomicAddF(P.ot + (r - P.lo) * P.C + c, V[P.ov + n * P.C + c]); }`,
};

/**
 * In place: `table[indices[n, k]] += values[n]`.
 *
 * @throws {RangeError} when the shapes do not fit
 */
export function scatterAdd(
  rt: GpuRuntime,
  table: Floats2d,
  indices: Ints1d | Ints2d,
  values: Floats2d,
): void {
  const [rows, C] = table.shape;
  const N = indices.shape[0]!;
  const K = indices.shape.length === 2 ? indices.shape[1]! : 1;
  if (indices.shape.length > 2 || values.shape[0] !== N || values.shape[1] !== C) {
    throw new RangeError(
      `scatterAdd(): indices [${indices.shape.join(", ")}] and values [${
        values.shape.join(", ")
      }] ` +
        `do not fit table [${table.shape.join(", ")}]`,
    );
  }
  const t = gpu(table, "scatterAdd"),
    ix = gpu(indices, "scatterAdd"),
    v = gpu(values, "scatterAdd");
  rt.split("scatterAdd", N, Math.max(K, C), (n0, n1) => {
    const iv = ix.view(n0 * K, n1 * K), vv = v.view(n0 * C, n1 * C);
    rt.split("scatterAdd", rows, C, (lo, hi) => {
      const tv = t.view(lo * C, hi * C);
      rt.dispatch1d(SCATTER, (n1 - n0) * K * C, [
        n1 - n0,
        K,
        C,
        lo,
        hi,
        rt.at(tv),
        rt.at(iv),
        rt.at(vv),
      ], [tv, iv, vv]);
    });
  });
}
