/**
 * Table lookups, feature hashing and the sparse linear layer on the host.
 *
 * @module
 */
import type { Floats1d, Floats2d, Ints1d, Ints2d } from "@weft/types";
import { hostArray, hostData } from "@weft/types";
import { fmt, ints, lengthsFit, rank } from "./checks.ts";
import { hash64Keys, hashId, hashId32 } from "./murmur.ts";
import type { WasmGemm } from "./wasm/wasm_gemm.ts";

function checkIds(op: string, ids: Int32Array | Uint32Array, rows: number, shape: string): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= rows) {
      throw new RangeError(
        `${op}: index ${id} at position ${i} is outside table of shape ${shape}`,
      );
    }
  }
}

/** Rows of `table` picked by `ids`. */
export function gatherRowsH(table: Floats2d, ids: Ints1d): Floats2d {
  rank("gatherRows", table, 2, "table");
  rank("gatherRows", ids, 1, "ids");
  ints("gatherRows", ids, "ids");
  const [rows, nO] = table.shape;
  const idx = hostData(ids);
  checkIds("gatherRows", idx, rows, fmt(table.shape));
  const out = hostArray([idx.length, nO] as const, "float32");
  const dst = hostData(out);
  const src = hostData(table);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i]!;
    dst.set(src.subarray(r * nO, (r + 1) * nO), i * nO);
  }
  return out;
}

/** For each row of `indices [N, K]`, the sum of the K rows of `table` it names. */
export function gatherAddH(table: Floats2d, indices: Ints2d): Floats2d {
  rank("gatherAdd", table, 2, "table");
  rank("gatherAdd", indices, 2, "indices");
  ints("gatherAdd", indices, "indices");
  const [rows, nO] = table.shape;
  const [N, K] = indices.shape;
  const idx = hostData(indices);
  checkIds("gatherAdd", idx, rows, fmt(table.shape));
  const out = hostArray([N, nO] as const, "float32");
  const dst = hostData(out);
  const src = hostData(table);
  for (let i = 0; i < N; i++) {
    const o = i * nO;
    for (let k = 0; k < K; k++) {
      const s = idx[i * K + k]! * nO;
      for (let c = 0; c < nO; c++) dst[o + c] = dst[o + c]! + src[s + c]!;
    }
  }
  return out;
}

/** In place: add each row of `values` into `table` at the row(s) its index row names. */
export function scatterAddH(table: Floats2d, indices: Ints1d | Ints2d, values: Floats2d): void {
  rank("scatterAdd", table, 2, "table");
  rank("scatterAdd", values, 2, "values");
  ints("scatterAdd", indices, "indices");
  const [rows, nO] = table.shape;
  const N = indices.shape[0]!;
  const K = indices.shape.length === 2 ? indices.shape[1]! : 1;
  if (indices.shape.length > 2 || values.shape[0] !== N || values.shape[1] !== nO) {
    throw new RangeError(
      `scatterAdd: indices ${fmt(indices.shape)} and values ${fmt(values.shape)} do not fit table ${
        fmt(table.shape)
      }`,
    );
  }
  const idx = hostData(indices);
  checkIds("scatterAdd", idx, rows, fmt(table.shape));
  const dst = hostData(table);
  const src = hostData(values);
  for (let i = 0; i < N; i++) {
    const s = i * nO;
    for (let k = 0; k < K; k++) {
      const d = idx[i * K + k]! * nO;
      for (let c = 0; c < nO; c++) dst[d + c] = dst[d + c]! + src[s + c]!;
    }
  }
}

/** Thinc's `hash`: `[N, 4]` uint32 MurmurHash3 words of each id (in WebAssembly when given). */
export function hashH(ids: Ints1d, seed: number, kernel?: WasmGemm): Ints2d {
  rank("hash", ids, 1, "ids");
  ints("hash", ids, "ids");
  const src = hostData(ids);
  const out = hostArray([src.length, 4] as const, "uint32");
  const dst = hostData(out);
  const s = seed >>> 0;
  if (kernel !== undefined && src.length > 0) kernel.hash(src, s, dst);
  else for (let i = 0; i < src.length; i++) hashId(src[i]!, s, dst, i * 4);
  return out;
}

/** Thinc's `ngrams`: MurmurHash64A of each run of `n` keys (low 32 bits). */
export function ngramsH(n: number, keys: Ints1d): Ints1d {
  rank("ngrams", keys, 1, "keys");
  ints("ngrams", keys, "keys");
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`ngrams: n must be a positive integer, got ${n}`);
  }
  const src = hostData(keys);
  const count = Math.max(0, src.length - n + 1);
  const out = hostArray([count] as const, "uint32");
  const dst = hostData(out);
  for (let i = 0; i < count; i++) dst[i] = hash64Keys(src, i, n);
  return out;
}

function checkSparse(
  op: string,
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  W: Floats1d,
  nO: number,
  length: number,
): void {
  lengthsFit(op, lengths, keys.shape[0]);
  if (values.shape[0] !== keys.shape[0] || W.shape[0] !== nO * length || length < 1) {
    throw new RangeError(
      `${op}: keys ${fmt(keys.shape)}, values ${fmt(values.shape)} and W ${
        fmt(W.shape)
      } do not fit nO=${nO}, length=${length}`,
    );
  }
}

/** The two weight offsets of a key for output 0, and the stride between outputs. */
function slots(key: number, length: number, v1: boolean, out: Int32Array): number {
  const h0 = hashId32(key, 0);
  const h1 = hashId32(key, 1);
  if (v1) {
    // Thinc's v1 indexing: a mask, and outputs in adjacent slots.
    out[0] = (h0 & (length - 1)) >>> 0;
    out[1] = (h1 & (length - 1)) >>> 0;
    return 1;
  }
  out[0] = h0 % length;
  out[1] = h1 % length;
  return length;
}

/**
 * Thinc's SparseLinear forward: each key adds `W[slot] * value` for the slots of two
 * MurmurHash3_x86_32 hashes of the key (seeds 0 and 1), plus `b`.
 */
export function sparseLinearH(
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  W: Floats1d,
  b: Floats1d,
  nO: number,
  length: number,
  v1Indexing: boolean,
): Floats2d {
  checkSparse("sparseLinear", keys, values, lengths, W, nO, length);
  const out = hostArray([lengths.length, nO] as const, "float32");
  const Y = hostData(out);
  const k = hostData(keys);
  const v = hostData(values);
  const w = hostData(W);
  const bias = hostData(b);
  const at = new Int32Array(2);
  const limit = w.length;
  let f = 0;
  for (let s = 0; s < lengths.length; s++) {
    const y = s * nO;
    for (let c = 0; c < nO; c++) Y[y + c] = bias[c]!;
    for (const e = f + lengths[s]!; f < e; f++) {
      const stride = slots(k[f]!, length, v1Indexing, at);
      const value = v[f]!;
      for (let c = 0; c < nO; c++) {
        const i0 = at[0]! + c * stride;
        const i1 = at[1]! + c * stride;
        // v1 indexing can run past the table's end; Thinc reads out of bounds there,
        // Weft reads zero.
        const w0 = i0 < limit ? w[i0]! : 0;
        const w1 = i1 < limit ? w[i1]! : 0;
        Y[y + c] = Y[y + c]! + (w0 + w1) * value;
      }
    }
  }
  return out;
}

/** In place: accumulate the SparseLinear gradient of `W` into `dW`. */
export function backpropSparseLinearH(
  dY: Floats2d,
  keys: Ints1d,
  values: Floats1d,
  lengths: Int32Array,
  dW: Floats1d,
  nO: number,
  length: number,
  v1Indexing: boolean,
): void {
  checkSparse("backpropSparseLinear", keys, values, lengths, dW, nO, length);
  const g = hostData(dY);
  const k = hostData(keys);
  const v = hostData(values);
  const d = hostData(dW);
  const at = new Int32Array(2);
  const limit = d.length;
  let f = 0;
  for (let s = 0; s < lengths.length; s++) {
    const y = s * nO;
    for (const e = f + lengths[s]!; f < e; f++) {
      const stride = slots(k[f]!, length, v1Indexing, at);
      const value = v[f]!;
      for (let c = 0; c < nO; c++) {
        const grad = g[y + c]! * value;
        const i0 = at[0]! + c * stride;
        const i1 = at[1]! + c * stride;
        if (i0 < limit) d[i0] = d[i0]! + grad;
        if (i1 < limit) d[i1] = d[i1]! + grad;
      }
    }
  }
}

/**
 * Sinusoidal position encodings as Thinc computes them: sin/cos pairs of
 * `pos / period ** (2 j / D)`; an odd last column repeats the last pair's angle.
 */
export function positionEncodeH(N: number, D: number, period: number, shift: number): Floats2d {
  const out = hostArray([N, D] as const, "float32");
  const Y = hostData(out);
  for (let i = 0; i < N; i++) {
    const pos = i + shift;
    let j = 0;
    let d = 0;
    for (; j + 1 < D; j += 2) {
      d = j;
      const angle = pos / period ** ((2 * d) / D);
      Y[i * D + j] = Math.sin(angle);
      Y[i * D + j + 1] = Math.cos(angle);
    }
    if (j < D) Y[i * D + j] = Math.sin(pos / period ** ((2 * d) / D));
  }
  return out;
}
