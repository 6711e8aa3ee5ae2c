/**
 * The 64-bit string hash behind `StringStore` keys (for strings outside spaCy's
 * symbol table, see `stringKey`): MurmurHash64A (seed 1) of the
 * UTF-8 bytes, the function spaCy's `hash_string` uses, so the same string gets the
 * same key in both.
 *
 * @module
 */

const MASK = (1n << 64n) - 1n;
const M = 0xc6a4a7935bd1e995n;
const R = 47n;
const encoder = new TextEncoder();

/**
 * Hash a string to its 64-bit key (MurmurHash64A of its UTF-8 bytes, seed 1).
 *
 * @param text the string to hash
 * @returns the unsigned 64-bit key
 * @example spaCy's key for "coffee"
 * ```ts
 * import assert from "node:assert/strict";
 * import { hashString } from "@weft/pipeline";
 * assert.equal(hashString("coffee"), 3197928453018144401n);
 * ```
 */
export function hashString(text: string): bigint {
  const bytes = encoder.encode(text);
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  let h = (1n ^ ((BigInt(n) * M) & MASK)) & MASK;
  const blocks = n - (n % 8);
  for (let i = 0; i < blocks; i += 8) {
    let k = view.getBigUint64(i, true);
    k = (k * M) & MASK;
    k ^= k >> R;
    k = (k * M) & MASK;
    h ^= k;
    h = (h * M) & MASK;
  }
  const rest = n & 7;
  if (rest > 0) {
    // The tail bytes are folded in little-endian order before the last multiply.
    for (let j = rest - 1; j >= 0; j--) {
      h ^= BigInt(bytes[blocks + j]!) << BigInt(8 * j);
    }
    h = (h * M) & MASK;
  }
  h ^= h >> R;
  h = (h * M) & MASK;
  h ^= h >> R;
  return h;
}

/**
 * Split a 64-bit key into its two uint32 words.
 *
 * @param key an unsigned 64-bit key
 * @returns `[low, high]` 32-bit words
 * @example Low word first
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyWords } from "@weft/pipeline";
 * assert.deepEqual(keyWords(0x100000002n), [2, 1]);
 * ```
 */
export function keyWords(key: bigint): [number, number] {
  return [Number(key & 0xffffffffn), Number((key >> 32n) & 0xffffffffn)];
}

/**
 * Join two uint32 words into a 64-bit key.
 *
 * @param low the low 32 bits
 * @param high the high 32 bits
 * @returns the 64-bit key
 * @example Joining the words
 * ```ts
 * import assert from "node:assert/strict";
 * import { wordsKey } from "@weft/pipeline";
 * assert.equal(wordsKey(2, 1), 0x100000002n);
 * ```
 */
export function wordsKey(low: number, high: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}
