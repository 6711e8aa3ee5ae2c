/**
 * MurmurHash in WGSL, bit-identical to the CPU backend's: 64-bit words are
 * `vec2<u32>` (x = low, y = high) and products are built from 16-bit halves,
 * since WGSL has neither 64-bit integers nor a high-word multiply.
 *
 * @module
 */

/** 64-bit helpers, MurmurHash3_x64_128 of one id, MurmurHash3_x86_32 and MurmurHash64A. */
export const WGSL_HASH: string = `
fn mulWide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>((mid << 16u) | (p00 & 0xffffu), a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}
fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let p = mulWide(a.x, b.x);
  return vec2<u32>(p.x, p.y + a.y * b.x + a.x * b.y);
}
fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}
fn rotl64(v: vec2<u32>, r: u32) -> vec2<u32> {
  var w = v; var s = r;
  if (s >= 32u) { w = vec2<u32>(v.y, v.x); s = s - 32u; }
  if (s == 0u) { return w; }
  return vec2<u32>((w.x << s) | (w.y >> (32u - s)), (w.y << s) | (w.x >> (32u - s)));
}
fn fmix64(v: vec2<u32>) -> vec2<u32> {
  var k = vec2<u32>(v.x ^ (v.y >> 1u), v.y);
  k = mul64(k, vec2<u32>(0xed558ccdu, 0xff51afd7u));
  k = vec2<u32>(k.x ^ (k.y >> 1u), k.y);
  k = mul64(k, vec2<u32>(0x1a85ec53u, 0xc4ceb9feu));
  return vec2<u32>(k.x ^ (k.y >> 1u), k.y);
}
// MurmurHash3_x64_128 of the 8-byte little-endian key (id, 0): [h1 lo, h1 hi, h2 lo, h2 hi].
fn murmur128(id: u32, seed: u32) -> vec4<u32> {
  var k1 = mul64(vec2<u32>(id, 0u), vec2<u32>(0x114253d5u, 0x87c37b91u));
  k1 = rotl64(k1, 31u);
  k1 = mul64(k1, vec2<u32>(0x2745937fu, 0x4cf5ad43u));
  var h1 = vec2<u32>(seed ^ k1.x ^ 8u, k1.y);
  var h2 = vec2<u32>(seed ^ 8u, 0u);
  h1 = add64(h1, h2);
  h2 = add64(h2, h1);
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = add64(h1, h2);
  h2 = add64(h2, h1);
  return vec4<u32>(h1.x, h1.y, h2.x, h2.y);
}
fn rotl32(x: u32, r: u32) -> u32 { return (x << r) | (x >> (32u - r)); }
fn mix32(h: u32, k0: u32) -> u32 {
  var k = k0 * 0xcc9e2d51u;
  k = rotl32(k, 15u);
  let h2 = rotl32(h ^ (k * 0x1b873593u), 13u);
  return h2 * 5u + 0xe6546b64u;
}
fn fmix32(h0: u32) -> u32 {
  var h = h0;
  h = h ^ (h >> 16u); h = h * 0x85ebca6bu; h = h ^ (h >> 13u); h = h * 0xc2b2ae35u;
  return h ^ (h >> 16u);
}
// MurmurHash3_x86_32 of a uint32 id as an 8-byte key (SparseLinear's feature hash).
fn murmur32(id: u32, seed: u32) -> u32 { return fmix32(mix32(mix32(seed, id), 0u) ^ 8u); }
const MH64 = vec2<u32>(0x5bd1e995u, 0xc6a4a793u);
fn hash64Step(h: vec2<u32>, key: u32) -> vec2<u32> {
  var k = mul64(vec2<u32>(key, 0u), MH64);
  k = mul64(vec2<u32>(k.x ^ (k.y >> 15u), k.y), MH64);
  return mul64(vec2<u32>(h.x ^ k.x, h.y ^ k.y), MH64);
}
fn hash64End(h0: vec2<u32>) -> u32 {
  let h = mul64(vec2<u32>(h0.x ^ (h0.y >> 15u), h0.y), MH64);
  return h.x ^ (h.y >> 15u);
}
`;
