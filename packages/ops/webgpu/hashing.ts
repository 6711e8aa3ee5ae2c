/**
 * The MurmurHash kernels: MurmurHash3 words of ids (`hash`) and MurmurHash64A of
 * runs of keys (`ngrams`), one kernel in two modes.
 *
 * @module
 */
import type { Ints1d, Ints2d } from "@weft/types";
import { empty, gpu } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { WGSL_HASH } from "./wgsl_hash.ts";

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
