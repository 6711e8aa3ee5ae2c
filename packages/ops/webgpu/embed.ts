/**
 * Embedding tables and hashing: row gathers, scatter-add with float atomics, the
 * MurmurHash kernels, and the hashed sparse linear layer.
 *
 * Scatters use a compare-and-swap loop on the bits of each float (WGSL only has
 * integer atomics), so repeated ids accumulate without sorting; the order of the
 * additions, and so the last bits of the sums, may vary between runs.
 *
 * @module
 */
import type { Floats1d, Floats2d, Ints1d, Ints2d } from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { startsEnds } from "./sequences.ts";
import { WGSL_HASH } from "./wgsl_hash.ts";

/** WGSL: `T[idx] += v` on an `array<atomic<u32>>` holding floats. */
const ATOMIC_ADD = `
fn atomicAddF(idx: u32, v: f32) {
  var old = atomicLoad(&T[idx]);
  loop {
    let r = atomicCompareExchangeWeak(&T[idx], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`;

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

const HASH: KernelSpec = {
  name: "murmur_hash",
  // mode 0: [N, 4] MurmurHash3_x64_128 words; mode 1: MurmurHash64A of n-grams.
  params: ["N:u32", "ox:u32", "oy:u32", "seed:u32", "mode:u32", "n:u32"],
  buffers: ["X:array<u32>", "Y:array<u32>"],
  helpers: WGSL_HASH,
  body: `if (i >= P.N) { return; }
  if (P.mode == 0u) {
    let h = murmur128(X[P.ox + i], P.seed);
    Y[P.oy + 4u * i] = h.x; Y[P.oy + 4u * i + 1u] = h.y; Y[P.oy + 4u * i + 2u] = h.z; Y[P.oy + 4u * i + 3u] = h.w;
    return;
  }
  var h = mul64(vec2<u32>(P.n * 8u, 0u), MH64);
  for (var k = 0u; k < P.n; k = k + 1u) { h = hash64Step(h, X[P.ox + i + k]); }
  Y[P.oy + i] = hash64End(h);`,
};

/** MurmurHash3 words of each id: `[N, 4]` uint32. */
export function hash(rt: GpuRuntime, ids: Ints1d, seed: number): Ints2d {
  const N = ids.shape[0];
  const Y = empty(rt, [N, 4] as const, "uint32");
  const x = gpu(ids, "hash"), y = gpu(Y, "hash");
  rt.split("hash", N, 4, (a, b) => {
    const xv = x.view(a, b), yv = y.view(4 * a, 4 * b);
    rt.dispatch1d(HASH, b - a, [b - a, rt.at(xv), rt.at(yv), seed >>> 0, 0, 0], [xv, yv]);
  });
  return Y;
}

/**
 * Hashes of every run of `n` consecutive keys.
 *
 * @throws {RangeError} when `n` is not a positive integer
 */
export function ngrams(rt: GpuRuntime, n: number, keys: Ints1d): Ints1d {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`ngrams(): n must be a positive integer, got ${n}`);
  }
  const N = Math.max(0, keys.shape[0] - n + 1);
  const Y = empty(rt, [N] as const, "uint32");
  const x = gpu(keys, "ngrams"), y = gpu(Y, "ngrams");
  // Pieces of the n-grams; each piece's keys run n - 1 past its last start.
  const step = rt.chunk - (n - 1);
  if (N > 0 && step < 1) {
    throw new RangeError(
      `ngrams(): n = ${n} keys exceed a storage binding of ${rt.maxBinding} bytes`,
    );
  }
  for (let a = 0; a < N; a += step) {
    const b = Math.min(N, a + step);
    const xv = x.view(a, b + n - 1), yv = y.view(a, b);
    rt.dispatch1d(HASH, b - a, [b - a, rt.at(xv), rt.at(yv), 0, 1, n], [xv, yv]);
  }
  return Y;
}

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
