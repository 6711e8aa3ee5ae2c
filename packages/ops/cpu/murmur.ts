/**
 * MurmurHash3 and MurmurHash64A with 64-bit arithmetic done in pairs of 32-bit
 * words (BigInt is far too slow for feature hashing).
 *
 * Thinc's `ops.hash` runs the x64 128-bit variant of MurmurHash3 over each id as an
 * 8-byte little-endian key (Thinc calls its specialisation `MurmurHash3_x86_128_uint64`,
 * but the constants and mixing are those of `MurmurHash3_x64_128`) and writes
 * `[h1 low, h1 high, h2 low, h2 high]`. Weft's ids are uint32, i.e. the high word
 * of the 8-byte key is zero, so results match Thinc's bit for bit.
 *
 * @module
 */

// Result registers of the 64-bit helpers. A typed array, not two `let`s: module
// variables holding values past 2^30 would be boxed as heap numbers on every write.
const R = new Uint32Array(2);

/** `(ah, al) * (bh, bl) mod 2^64` into `R[0]!, R[1]!`. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  R[1] = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  R[0] = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(ah, bl) +
    Math.imul(al, bh)) >>> 0;
}

/** `(ah, al) + (bh, bl) mod 2^64` into `R[0]!, R[1]!`. */
function add64(ah: number, al: number, bh: number, bl: number): void {
  const lo = (al + bl) >>> 0;
  R[0] = (ah + bh + (lo < al ? 1 : 0)) >>> 0;
  R[1] = lo;
}

/** Rotate `(h, l)` left by `r` bits (0 < r < 64) into `R[0]!, R[1]!`. */
function rotl64(h: number, l: number, r: number): void {
  if (r >= 32) {
    const t = h;
    h = l;
    l = t;
    r -= 32;
  }
  if (r === 0) {
    R[0] = h >>> 0;
    R[1] = l >>> 0;
    return;
  }
  R[0] = ((h << r) | (l >>> (32 - r))) >>> 0;
  R[1] = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** MurmurHash3's 64-bit finalizer on `(h, l)` into `R[0]!, R[1]!`. */
function fmix64(h: number, l: number): void {
  l = (l ^ (h >>> 1)) >>> 0;
  mul64(h, l, 0xff51afd7, 0xed558ccd);
  h = R[0]!;
  l = (R[1]! ^ (h >>> 1)) >>> 0;
  mul64(h, l, 0xc4ceb9fe, 0x1a85ec53);
  h = R[0]!;
  R[1] = (R[1]! ^ (h >>> 1)) >>> 0;
}

const C1H = 0x87c37b91, C1L = 0x114253d5, C2H = 0x4cf5ad43, C2L = 0x2745937f;

/**
 * MurmurHash3_x64_128 of arbitrary bytes, as `[h1 low, h1 high, h2 low, h2 high]`
 * written into `out` at `offset`.
 */
export function murmur3x64_128(
  bytes: Uint8Array,
  seed: number,
  out: Uint32Array,
  offset = 0,
): void {
  const len = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h1h = 0, h1l = seed >>> 0, h2h = 0, h2l = seed >>> 0;
  const nblocks = len >>> 4;
  for (let i = 0; i < nblocks; i++) {
    const o = i * 16;
    let k1l = view.getUint32(o, true), k1h = view.getUint32(o + 4, true);
    let k2l = view.getUint32(o + 8, true), k2h = view.getUint32(o + 12, true);
    mul64(k1h, k1l, C1H, C1L);
    rotl64(R[0]!, R[1]!, 31);
    mul64(R[0]!, R[1]!, C2H, C2L);
    k1h = R[0]!, k1l = R[1]!;
    h1h = (h1h ^ k1h) >>> 0, h1l = (h1l ^ k1l) >>> 0;
    rotl64(h1h, h1l, 27);
    add64(R[0]!, R[1]!, h2h, h2l);
    mul64(R[0]!, R[1]!, 0, 5);
    add64(R[0]!, R[1]!, 0, 0x52dce729);
    h1h = R[0]!, h1l = R[1]!;
    mul64(k2h, k2l, C2H, C2L);
    rotl64(R[0]!, R[1]!, 33);
    mul64(R[0]!, R[1]!, C1H, C1L);
    k2h = R[0]!, k2l = R[1]!;
    h2h = (h2h ^ k2h) >>> 0, h2l = (h2l ^ k2l) >>> 0;
    rotl64(h2h, h2l, 31);
    add64(R[0]!, R[1]!, h1h, h1l);
    mul64(R[0]!, R[1]!, 0, 5);
    add64(R[0]!, R[1]!, 0, 0x38495ab5);
    h2h = R[0]!, h2l = R[1]!;
  }
  const tail = nblocks * 16;
  const rest = len & 15;
  if (rest > 8) {
    let k2h = 0, k2l = 0;
    for (let i = rest - 1; i >= 8; i--) {
      const byte = bytes[tail + i]!;
      if (i >= 12) k2h = (k2h | (byte << ((i - 12) * 8))) >>> 0;
      else k2l = (k2l | (byte << ((i - 8) * 8))) >>> 0;
    }
    mul64(k2h, k2l, C2H, C2L);
    rotl64(R[0]!, R[1]!, 33);
    mul64(R[0]!, R[1]!, C1H, C1L);
    h2h = (h2h ^ R[0]!) >>> 0, h2l = (h2l ^ R[1]!) >>> 0;
  }
  if (rest > 0) {
    let k1h = 0, k1l = 0;
    for (let i = Math.min(rest, 8) - 1; i >= 0; i--) {
      const byte = bytes[tail + i]!;
      if (i >= 4) k1h = (k1h | (byte << ((i - 4) * 8))) >>> 0;
      else k1l = (k1l | (byte << (i * 8))) >>> 0;
    }
    mul64(k1h, k1l, C1H, C1L);
    rotl64(R[0]!, R[1]!, 31);
    mul64(R[0]!, R[1]!, C2H, C2L);
    h1h = (h1h ^ R[0]!) >>> 0, h1l = (h1l ^ R[1]!) >>> 0;
  }
  finish128(h1h, (h1l ^ len) >>> 0, h2h, (h2l ^ len) >>> 0, out, offset);
}

function finish128(
  h1h: number,
  h1l: number,
  h2h: number,
  h2l: number,
  out: Uint32Array,
  offset: number,
): void {
  add64(h1h, h1l, h2h, h2l);
  h1h = R[0]!, h1l = R[1]!;
  add64(h2h, h2l, h1h, h1l);
  h2h = R[0]!, h2l = R[1]!;
  fmix64(h1h, h1l);
  h1h = R[0]!, h1l = R[1]!;
  fmix64(h2h, h2l);
  h2h = R[0]!, h2l = R[1]!;
  add64(h1h, h1l, h2h, h2l);
  h1h = R[0]!, h1l = R[1]!;
  add64(h2h, h2l, h1h, h1l);
  out[offset] = h1l;
  out[offset + 1] = h1h;
  out[offset + 2] = R[1]!;
  out[offset + 3] = R[0]!;
}

/**
 * Thinc's `hash` of one id: MurmurHash3_x64_128 of the id as an 8-byte
 * little-endian key whose high word is zero, into `out[offset..offset+4]`.
 */
export function hashId(id: number, seed: number, out: Uint32Array, offset: number): void {
  // The tail step of a single 8-byte key; the body loop never runs.
  mul64(0, id >>> 0, C1H, C1L);
  rotl64(R[0]!, R[1]!, 31);
  mul64(R[0]!, R[1]!, C2H, C2L);
  finish128(R[0]!, (R[1]! ^ seed ^ 8) >>> 0, 0, ((seed >>> 0) ^ 8) >>> 0, out, offset);
}

/** MurmurHash3_x86_32 of arbitrary bytes (the smhasher reference). */
export function murmur3x86_32(bytes: Uint8Array, seed: number): number {
  const len = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h = seed >>> 0;
  const nblocks = len >>> 2;
  for (let i = 0; i < nblocks; i++) h = mixBlock32(h, view.getUint32(i * 4, true));
  let k = 0;
  const rest = len & 3;
  for (let i = rest - 1; i >= 0; i--) k = (k << 8) | bytes[nblocks * 4 + i]!;
  if (rest > 0) {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  return fmix32(h ^ len);
}

function mixBlock32(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of a uint32 id as an 8-byte key (Thinc's SparseLinear). */
export function hashId32(id: number, seed: number): number {
  return fmix32(mixBlock32(mixBlock32(seed >>> 0, id >>> 0), 0) ^ 8);
}

/**
 * MurmurHash64A (the `hash64` of the `murmurhash` package that Thinc's `ngrams`
 * uses) of `n` uint32 keys, each widened to 8 bytes; returns the low 32 bits.
 */
export function hash64Keys(keys: Uint32Array | Int32Array, start: number, n: number): number {
  const MH = 0xc6a4a793, ML = 0x5bd1e995;
  // h = seed ^ (len * m) with seed 0.
  mul64(0, n * 8, MH, ML);
  let hh = R[0]!, hl = R[1]!;
  for (let i = 0; i < n; i++) {
    mul64(0, keys[start + i]! >>> 0, MH, ML);
    // k ^= k >> 47: the high 17 bits of the high word land in the low word.
    mul64(R[0]!, (R[1]! ^ (R[0]! >>> 15)) >>> 0, MH, ML);
    hh = (hh ^ R[0]!) >>> 0, hl = (hl ^ R[1]!) >>> 0;
    mul64(hh, hl, MH, ML);
    hh = R[0]!, hl = R[1]!;
  }
  hl = (hl ^ (hh >>> 15)) >>> 0;
  mul64(hh, hl, MH, ML);
  return (R[1]! ^ (R[0]! >>> 15)) >>> 0;
}
