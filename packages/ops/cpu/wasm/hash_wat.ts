/**
 * The WebAssembly text of Thinc's id hash (MurmurHash3_x64_128 of each uint32 id),
 * which needs the 64-bit integers JavaScript lacks; it lives in the gemm module
 * (`gemm_wat.ts`) to share its memory.
 *
 * @module
 */

/** `hash(ids, n, seed, out)`: 16 bytes (h1, h2) per id at `out`. */
export const HASH_WAT: string = `
  ;; Thinc's hash: MurmurHash3_x64_128 of each uint32 id as an 8-byte little-endian
  ;; key, seeded; writes h1 then h2 (16 bytes) per id.
  (func $fmix64 (param $k i64) (result i64)
    (local.set $k (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33))))
    (local.set $k (i64.mul (local.get $k) (i64.const 0xff51afd7ed558ccd)))
    (local.set $k (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33))))
    (local.set $k (i64.mul (local.get $k) (i64.const 0xc4ceb9fe1a85ec53)))
    (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33))))
  (func (export "hash") (param $ids i32) (param $n i32) (param $seed i32) (param $out i32)
    (local $h1 i64) (local $h2 i64) (local $s i64)
    (local.set $s (i64.extend_i32_u (local.get $seed)))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $each
      (local.set $h1 (i64.mul (i64.rotl (i64.mul (i64.extend_i32_u (i32.load (local.get $ids)))
        (i64.const 0x87c37b91114253d5)) (i64.const 31)) (i64.const 0x4cf5ad432745937f)))
      (local.set $h1 (i64.xor (i64.xor (local.get $h1) (local.get $s)) (i64.const 8)))
      (local.set $h2 (i64.xor (local.get $s) (i64.const 8)))
      (local.set $h1 (i64.add (local.get $h1) (local.get $h2)))
      (local.set $h2 (i64.add (local.get $h2) (local.get $h1)))
      (local.set $h1 (call $fmix64 (local.get $h1)))
      (local.set $h2 (call $fmix64 (local.get $h2)))
      (local.set $h1 (i64.add (local.get $h1) (local.get $h2)))
      (i64.store (local.get $out) (local.get $h1))
      (i64.store offset=8 (local.get $out) (i64.add (local.get $h2) (local.get $h1)))
      (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br_if $each (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
`;
