/**
 * The WebAssembly text of the SIMD gemm kernel (and Thinc's id hash, which needs
 * 64-bit integers that JavaScript lacks), generated so that the register
 * tile (MR rows by NR columns) and the multiply-add instruction can vary.
 *
 * The design is GotoBLAS's: for each block of up to KC steps of the shared
 * dimension, pack that block of B into NR-wide column panels, then for each block
 * of up to MC rows pack A into MR-tall row panels, and run an MR x NR micro-kernel
 * over every pair of panels. Panels are zero-padded, so the micro-kernel never
 * branches on edges; partial tiles of C go through a scratch tile. The caller (see
 * `wasm_gemm.ts`) loops over the blocks.
 *
 * All pointers and strides are byte offsets into the module's memory; matrices are
 * row-major float32. The packing functions are in `gemm_pack_wat.ts`, the hash in
 * `hash_wat.ts`; this file has the micro-kernel, the loop over panels and the
 * assembly of the module.
 *
 * @module
 */
import { packWat } from "./gemm_pack_wat.ts";
import { HASH_WAT } from "./hash_wat.ts";

/** Shape of the register tile and the multiply-add to use. */
export interface GemmKernelOptions {
  /** Rows of the register tile. */
  mr: number;
  /** Columns of the register tile, a multiple of 4. */
  nr: number;
  /** Use `f32x4.relaxed_madd` (fused where the CPU has FMA) instead of mul + add. */
  relaxed: boolean;
  /** Steps of the shared dimension per loop iteration (default 4). */
  unroll?: number;
  /**
   * Import the memory as `env.memory`, shared (threads proposal), instead of
   * defining it, so that instances in several workers run on one memory.
   */
  shared?: boolean;
}

/** Steps of the shared dimension per packed block. */
export const KC = 256;
/** Row panels per packed block of A. */
export const MC_PANELS = 16;
/** The maximum size, in 64 KiB pages, of the shared memory the threaded kernels import (4 GiB). */
export const SHARED_MAX_PAGES = 65536;

/** Generate the module's text. */
export function gemmWat(
  { mr, nr, relaxed, unroll = 4, shared = false }: GemmKernelOptions,
): string {
  if (nr % 4 !== 0) throw new RangeError(`gemmWat: nr must be a multiple of 4, got ${nr}`);
  const nv = nr / 4;
  const lines: string[] = [];
  const emit = (s: string) => lines.push(s);
  const madd = (a: string, b: string, c: string) =>
    relaxed ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add (f32x4.mul ${a} ${b}) ${c})`;
  const acc = (i: number, j: number) => `$c${i}_${j}`;

  emit(`(module`);
  if (shared) {
    emit(`  (import "env" "memory" (memory 1 ${SHARED_MAX_PAGES} shared))`);
    emit(`  (export "memory" (memory 0))`);
  } else emit(`  (memory (export "memory") 1)`);
  emit(`  (global (export "mr") i32 (i32.const ${mr}))`);
  emit(`  (global (export "nr") i32 (i32.const ${nr}))`);

  // The micro-kernel: C[mr, nr] (+)= Ap[kc, mr]^T Bp[kc, nr]; c has row stride ldc bytes.
  emit(`  (func $micro (param $kc i32) (param $ap i32) (param $bp i32) (param $c i32)`);
  emit(`      (param $ldc i32) (param $load i32)`);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nv; j++) emit(`    (local ${acc(i, j)} v128)`);
  }
  for (let j = 0; j < nv; j++) emit(`    (local $b${j} v128)`);
  emit(`    (local $a v128) (local $k4 i32) (local $row i32)`);
  emit(`    (if (local.get $load) (then`);
  emit(`      (local.set $row (local.get $c))`);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nv; j++) {
      emit(`      (local.set ${acc(i, j)} (v128.load offset=${j * 16} (local.get $row)))`);
    }
    if (i + 1 < mr) emit(`      (local.set $row (i32.add (local.get $row) (local.get $ldc)))`);
  }
  emit(`    ))`);
  const step = (u: number) => {
    for (let j = 0; j < nv; j++) {
      emit(
        `        (local.set $b${j} (v128.load offset=${(u * nr + j * 4) * 4} (local.get $bp)))`,
      );
    }
    for (let i = 0; i < mr; i++) {
      emit(`        (local.set $a (v128.load32_splat offset=${(u * mr + i) * 4} (local.get $ap)))`);
      for (let j = 0; j < nv; j++) {
        emit(
          `        (local.set ${acc(i, j)} ${
            madd("(local.get $a)", `(local.get $b${j})`, `(local.get ${acc(i, j)})`)
          })`,
        );
      }
    }
  };
  // `unroll` steps per iteration, then the remainder one at a time.
  emit(`    (local.set $k4 (i32.div_u (local.get $kc) (i32.const ${unroll})))`);
  emit(`    (if (local.get $k4) (then`);
  emit(`      (loop $unrolled`);
  for (let u = 0; u < unroll; u++) step(u);
  emit(`        (local.set $ap (i32.add (local.get $ap) (i32.const ${unroll * mr * 4})))`);
  emit(`        (local.set $bp (i32.add (local.get $bp) (i32.const ${unroll * nr * 4})))`);
  emit(`        (br_if $unrolled (local.tee $k4 (i32.sub (local.get $k4) (i32.const 1)))))))`);
  emit(`    (local.set $kc (i32.rem_u (local.get $kc) (i32.const ${unroll})))`);
  emit(`    (if (local.get $kc) (then`);
  emit(`      (loop $rest`);
  step(0);
  emit(`        (local.set $ap (i32.add (local.get $ap) (i32.const ${mr * 4})))`);
  emit(`        (local.set $bp (i32.add (local.get $bp) (i32.const ${nr * 4})))`);
  emit(`        (br_if $rest (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))))`);
  emit(`    (local.set $row (local.get $c))`);
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nv; j++) {
      emit(`    (v128.store offset=${j * 16} (local.get $row) (local.get ${acc(i, j)}))`);
    }
    if (i + 1 < mr) emit(`    (local.set $row (i32.add (local.get $row) (local.get $ldc)))`);
  }
  emit(`  )`);

  const values: Record<string, number> = {
    MR: mr,
    NR: nr,
    MR_MINUS_1: mr - 1,
    NR_MINUS_1: nr - 1,
    MR_BYTES: mr * 4,
    NR_BYTES: nr * 4,
  };
  const substitute = (text: string) =>
    text.replace(/\b(MR|NR|MR_MINUS_1|NR_MINUS_1|MR_BYTES|NR_BYTES)\b/g, (m) => String(values[m]));
  emit(packWat(mr, nr, substitute));
  emit(substitute(COPY_TILE));
  emit(HASH_WAT);
  emit(substitute(BLOCK));
  emit(`)`);
  return lines.join("\n") + "\n";
}

// Edge tiles and the loop over panels (MR, NR, NR_BYTES are substituted). The loops
// over blocks are driven from JavaScript: V8 optimizes a WebAssembly function only
// after it has run for a while, so work is split into functions that are called
// many times rather than one long call.
const COPY_TILE = `
  ;; Copy a rows x cols corner between C (row stride ldc bytes) and the scratch tile.
  (func $copyTile (param $c i32) (param $ldc i32) (param $tile i32) (param $rows i32)
      (param $cols i32) (param $toTile i32)
    (local $i i32) (local $j i32) (local $src i32) (local $dst i32)
    (block $done (loop $rowsLoop
      (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $jdone (loop $colsLoop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $src (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc)))
                                 (i32.shl (local.get $j) (i32.const 2))))
        (local.set $dst (i32.add (local.get $tile)
          (i32.shl (i32.add (i32.mul (local.get $i) (i32.const NR)) (local.get $j)) (i32.const 2))))
        (if (local.get $toTile)
          (then (f32.store (local.get $dst) (f32.load (local.get $src))))
          (else (f32.store (local.get $src) (f32.load (local.get $dst)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowsLoop)))
  )
`;

const BLOCK = `
  ;; One packed block: C[mc, N] (+)= Ap[mc, kc] Bp[kc, N], C with row stride ldc bytes.
  ;; With load = 0, C is overwritten. tile is scratch for MR x NR edge tiles.
  (func (export "block") (param $kc i32) (param $mc i32) (param $N i32) (param $ap i32)
      (param $bp i32) (param $c i32) (param $ldc i32) (param $load i32) (param $tile i32)
    (local $i i32) (local $j i32) (local $rows i32) (local $cols i32) (local $cptr i32)
    (local $apanel i32) (local $bpanel i32)
    (block $jdone (loop $jpanels
      (br_if $jdone (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $cols (i32.sub (local.get $N) (local.get $j)))
      (if (i32.gt_u (local.get $cols) (i32.const NR)) (then (local.set $cols (i32.const NR))))
      (local.set $bpanel (i32.add (local.get $bp)
        (i32.shl (i32.mul (local.get $j) (local.get $kc)) (i32.const 2))))
      (local.set $i (i32.const 0))
      (block $idone (loop $ipanels
        (br_if $idone (i32.ge_u (local.get $i) (local.get $mc)))
        (local.set $rows (i32.sub (local.get $mc) (local.get $i)))
        (if (i32.gt_u (local.get $rows) (i32.const MR)) (then (local.set $rows (i32.const MR))))
        (local.set $apanel (i32.add (local.get $ap)
          (i32.shl (i32.mul (local.get $i) (local.get $kc)) (i32.const 2))))
        (local.set $cptr (i32.add (local.get $c) (i32.add
          (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
        (if (i32.and (i32.eq (local.get $rows) (i32.const MR)) (i32.eq (local.get $cols) (i32.const NR)))
          (then
            (call $micro (local.get $kc) (local.get $apanel) (local.get $bpanel)
              (local.get $cptr) (local.get $ldc) (local.get $load)))
          (else
            (if (local.get $load) (then
              (call $copyTile (local.get $cptr) (local.get $ldc) (local.get $tile)
                (local.get $rows) (local.get $cols) (i32.const 1))))
            (call $micro (local.get $kc) (local.get $apanel) (local.get $bpanel)
              (local.get $tile) (i32.const NR_BYTES) (local.get $load))
            (call $copyTile (local.get $cptr) (local.get $ldc) (local.get $tile)
              (local.get $rows) (local.get $cols) (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const MR)))
        (br $ipanels)))
      (local.set $j (i32.add (local.get $j) (i32.const NR)))
      (br $jpanels)))
  )
`;
