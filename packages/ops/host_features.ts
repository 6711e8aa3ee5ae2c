/**
 * Feature hashing of host data (documents' attribute ids) before it is uploaded:
 * what `Ops.ngrams` computes, for callers that already hold the keys on the host
 * and need the hashes there (deduplicating and counting features).
 *
 * @module
 */
import { hash64Keys } from "./cpu/murmur.ts";

/**
 * Thinc's `ngrams` on host keys: the low 32 bits of MurmurHash64A of each run of `n`
 * consecutive keys (as 8-byte words, seed 0), bit-exact with `Ops.ngrams`.
 *
 * @param n the run length, at least 1
 * @param keys the ids, in order
 * @returns `max(0, keys.length - n + 1)` hashes
 * @throws {RangeError} when `n` is not a positive integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CpuOps, ngramHashes } from "@weft/ops";
 * const ops = new CpuOps();
 * const keys = Uint32Array.of(9, 4, 9, 4000000000);
 * const onDevice = ops.readSync(ops.ngrams(2, ops.asarray1i(keys, "uint32")));
 * assert.deepEqual([...ngramHashes(2, keys)], [...onDevice]);
 * ```
 */
export function ngramHashes(n: number, keys: Uint32Array | Int32Array): Uint32Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`ngramHashes: n must be a positive integer, got ${n}`);
  }
  const count = Math.max(0, keys.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = hash64Keys(keys, i, n);
  return out;
}
