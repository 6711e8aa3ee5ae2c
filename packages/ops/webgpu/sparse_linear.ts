/**
 * The hashed sparse linear layer (Thinc's `SparseLinear`): a bag of hashed
 * features per sequence times a weight table, and its weight gradient, accumulated
 * with float atomics (see wgsl_atomic.ts). Tables larger than one storage binding
 * are processed one window of weights at a time.
 *
 * @module
 */
import type { Floats1d, Floats2d, Ints1d } from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { startsEnds } from "./sequences.ts";
import { ATOMIC_ADD } from "./wgsl_atomic.ts";
import { WGSL_HASH } from "./wgsl_hash.ts";

const SPARSE: KernelSpec = {
  name: "sparse_linear",
  // Forward (back = 0): one thread per (sequence, output). Backward (back = 1): one
  // per (feature, output), adding into dW with float atomics. Only weight slots
  // [lo, hi) are bound (one window of a large table); forward passes after the first
  // (first = 0) add to Y.
  params: [
    "B:u32",
    "F:u32",
    "nO:u32",
    "L:u32",
    "ok:u32",
    "ov:u32",
    "ow:u32",
    "ob:u32",
    "oy:u32",
    "back:u32",
    "v1:u32",
    "lo:u32",
    "hi:u32",
    "first:u32",
  ],
  buffers: [
    "Kx:array<u32>",
    "V:array<f32>",
    "T:array<atomic<u32>>",
    "Bias:array<f32>",
    "Y:array<f32>",
  ],
  host: ["SE"],
  helpers: ATOMIC_ADD + `
// Weight slot of output o for a key's hash with this seed; v1 is Thinc's masked,
// adjacent-output layout. Slots past the table (possible with v1) read and add nothing.
fn slot(key: u32, seed: u32, o: u32) -> u32 {
  let h = murmur32(key, seed);
  if (P.v1 == 1u) { return (h & (P.L - 1u)) + o; }
  return o * P.L + h % P.L;
}
fn findSeq(r: i32, B: u32) -> u32 {
  var lo = 0u; var hi = B;
  while (hi - lo > 1u) { let mid = (lo + hi) / 2u; if (SE[mid] <= r) { lo = mid; } else { hi = mid; } }
  return lo;
}` + WGSL_HASH,
  body: `if (P.back == 0u) {
    if (i >= P.B * P.nO) { return; }
    let b = i / P.nO; let o = i % P.nO;
    var y = Bias[P.ob + o];
    if (P.first == 0u) { y = Y[P.oy + i]; }
    for (var f = u32(SE[b]); f < u32(SE[b + 1u]); f = f + 1u) {
      let key = Kx[P.ok + f];
      let s1 = slot(key, 0u, o); let s2 = slot(key, 1u, o);
      var w1 = 0.0; var w2 = 0.0;
      if (s1 >= P.lo && s1 < P.hi) { w1 = bitcast<f32>(atomicLoad(&T[P.ow + s1 - P.lo])); }
      if (s2 >= P.lo && s2 < P.hi) { w2 = bitcast<f32>(atomicLoad(&T[P.ow + s2 - P.lo])); }
      y = y + (w1 + w2) * V[P.ov + f];
    }
    Y[P.oy + i] = y;
    return;
  }
  if (i >= P.F * P.nO) { return; }
  let f = i / P.nO; let o = i % P.nO;
  let b = findSeq(i32(f), P.B);
  let key = Kx[P.ok + f];
  let g = Y[P.oy + b * P.nO + o] * V[P.ov + f];
  let s1 = slot(key, 0u, o); let s2 = slot(key, 1u, o);
  if (s1 >= P.lo && s1 < P.hi) { atomicAddF(P.ow + s1 - P.lo, g); }
  if (s2 >= P.lo && s2 < P.hi) { atomicAddF(P.ow + s2 - P.lo, g); }`,
};

function checkSparse(
  op: string,
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  W: Floats1d,
  nO: number,
  L: number,
): Int32Array {
  if (values.shape[0] !== keys.shape[0] || W.shape[0] !== nO * L || L < 1 || !Number.isInteger(L)) {
    throw new RangeError(
      `${op}(): keys [${keys.shape[0]}], values [${values.shape[0]}] and W [${W.shape[0]}] ` +
        `do not fit nO=${nO}, length=${L}`,
    );
  }
  return startsEnds(op, lengths, keys.shape[0]);
}

/** Hashed bag-of-features linear layer: `[B, nO]`. */
export function sparseLinear(
  rt: GpuRuntime,
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  W: Floats1d,
  b: Floats1d,
  nO: number,
  L: number,
  v1: boolean,
): Floats2d {
  const op = "sparseLinear";
  const se = checkSparse(op, keys, values, lengths, W, nO, L);
  if (b.shape[0] !== nO) {
    throw new RangeError(`${op}(): b has ${b.shape[0]} entries, expected ${nO}`);
  }
  const B = lengths.length;
  const Y = empty(rt, [B, nO] as const, "float32");
  const k = gpu(keys, op), v = gpu(values, op), w = gpu(W, op), bb = gpu(b, op), y = gpu(Y, op);
  // One pass per window of the weights; with no weights, one pass writes the bias.
  windows(rt, op, nO * L, (lo, hi, first) => {
    const wv = w.view(lo, hi);
    rt.dispatch1d(SPARSE, B * nO, [
      B,
      keys.shape[0],
      nO,
      L,
      rt.at(k),
      rt.at(v),
      rt.at(wv),
      rt.at(bb),
      rt.at(y),
      0,
      v1 ? 1 : 0,
      lo,
      hi,
      first ? 1 : 0,
    ], [k, v, wv, bb, y, se]);
  });
  return Y;
}

/** In place: accumulate the sparse linear gradient into `dW`. */
export function backpropSparseLinear(
  rt: GpuRuntime,
  dY: Floats2d,
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  dW: Floats1d,
  nO: number,
  L: number,
  v1: boolean,
): void {
  const op = "backpropSparseLinear";
  const se = checkSparse(op, keys, values, lengths, dW, nO, L);
  if (dY.shape[0] !== lengths.length || dY.shape[1] !== nO) {
    throw new RangeError(
      `${op}(): dY [${dY.shape.join(", ")}] does not fit ${lengths.length} sequences, nO=${nO}`,
    );
  }
  const F = keys.shape[0];
  const k = gpu(keys, op), v = gpu(values, op), w = gpu(dW, op), y = gpu(dY, op);
  windows(rt, op, nO * L, (lo, hi) => {
    const wv = w.view(lo, hi);
    rt.dispatch1d(SPARSE, F * nO, [
      lengths.length,
      F,
      nO,
      L,
      rt.at(k),
      rt.at(v),
      rt.at(wv),
      rt.at(y),
      rt.at(y),
      1,
      v1 ? 1 : 0,
      lo,
      hi,
      0,
    ], [k, v, wv, y, y, se]);
  });
}

/** Call `pass(lo, hi, first)` for each binding window of `[0, n)` (once when `n` is 0). */
function windows(
  rt: GpuRuntime,
  op: string,
  n: number,
  pass: (lo: number, hi: number, first: boolean) => void,
): void {
  if (n === 0) pass(0, 0, true);
  else rt.split(op, n, 1, (lo, hi) => pass(lo, hi, lo === 0));
}
