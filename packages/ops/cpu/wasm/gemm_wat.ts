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
 * row-major float32.
 *
 * @module
 */

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
}

/** Steps of the shared dimension per packed block. */
export const KC = 256;
/** Row panels per packed block of A. */
export const MC_PANELS = 16;

/** Generate the module's text. */
export function gemmWat({ mr, nr, relaxed, unroll = 4 }: GemmKernelOptions): string {
  if (nr % 4 !== 0) throw new RangeError(`gemmWat: nr must be a multiple of 4, got ${nr}`);
  const nv = nr / 4;
  const lines: string[] = [];
  const emit = (s: string) => lines.push(s);
  const madd = (a: string, b: string, c: string) =>
    relaxed ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add (f32x4.mul ${a} ${b}) ${c})`;
  const acc = (i: number, j: number) => `$c${i}_${j}`;

  emit(`(module`);
  emit(`  (memory (export "memory") 1)`);
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
  const { locals: packALocals, body: packAFast } = packAFastPath(mr);
  const packATransFast = packATransFastPath(mr);
  const vectorCopy = Array.from(
    { length: nv },
    (_, j) =>
      `(v128.store offset=${j * 16} (local.get $dst) (v128.load offset=${
        j * 16
      } (local.get $src)))`,
  ).join("\n          ");
  emit(
    PACK_AND_DRIVE.replace(
      /\b(MR|NR|MR_MINUS_1|NR_MINUS_1|MR_BYTES|NR_BYTES)\b/g,
      (m) => String(values[m]),
    ).replace("VECTOR_COPY", vectorCopy).replace("PACK_A_LOCALS", packALocals)
      .replace("PACK_A_TRANS_FAST", packATransFast).replace("PACK_A_FAST", packAFast),
  );
  emit(`)`);
  return lines.join("\n") + "\n";
}

/** `i8x16.shuffle` picking f32 lanes (0-3 from a, 4-7 from b). */
function shuffle(a: string, b: string, lanes: number[]): string {
  const bytes = lanes.flatMap((l) => [l * 4, l * 4 + 1, l * 4 + 2, l * 4 + 3]);
  return `(i8x16.shuffle ${bytes.join(" ")} ${a} ${b})`;
}

/**
 * Packing whole MR-row panels of an untransposed A, four steps at a time: load
 * four steps of each row, transpose 4 x 4 groups of rows with shuffles, and store
 * each step's MR values together. Rows past the last group of four go lane by lane.
 */
function packAFastPath(mr: number): { locals: string; body: string } {
  const locals = [
    ...Array.from({ length: mr }, (_, i) => `(local $s${i} i32) (local $v${i} v128)`),
    "(local $full i32) (local $k4 i32) (local $t0 v128) (local $t1 v128) (local $t2 v128)",
    "(local $t3 v128)",
  ].join(" ");
  const L: string[] = [];
  L.push(
    `(local.set $full (i32.mul (i32.div_u (local.get $mc) (i32.const ${mr})) (i32.const ${mr})))`,
  );
  L.push(`(block $fastDone (loop $fastPanels`);
  L.push(`  (br_if $fastDone (i32.ge_u (local.get $r) (local.get $full)))`);
  L.push(`  (local.set $s0 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul`);
  L.push(
    `    (i32.add (local.get $i0) (local.get $r)) (local.get $lda)) (local.get $p0)) (i32.const 2))))`,
  );
  for (let i = 1; i < mr; i++) {
    L.push(
      `  (local.set $s${i} (i32.add (local.get $s${
        i - 1
      }) (i32.shl (local.get $lda) (i32.const 2))))`,
    );
  }
  L.push(
    `  (local.set $dst (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $r) (local.get $kc)) (i32.const 2))))`,
  );
  L.push(`  (local.set $k4 (i32.shr_u (local.get $kc) (i32.const 2)))`);
  L.push(`  (if (local.get $k4) (then (loop $quads`);
  for (let i = 0; i < mr; i++) L.push(`    (local.set $v${i} (v128.load (local.get $s${i})))`);
  let g = 0;
  for (; g + 4 <= mr; g += 4) {
    const v = (i: number) => `(local.get $v${g + i})`;
    L.push(`    (local.set $t0 ${shuffle(v(0), v(1), [0, 4, 1, 5])})`);
    L.push(`    (local.set $t1 ${shuffle(v(0), v(1), [2, 6, 3, 7])})`);
    L.push(`    (local.set $t2 ${shuffle(v(2), v(3), [0, 4, 1, 5])})`);
    L.push(`    (local.set $t3 ${shuffle(v(2), v(3), [2, 6, 3, 7])})`);
    const cols = [
      shuffle("(local.get $t0)", "(local.get $t2)", [0, 1, 4, 5]),
      shuffle("(local.get $t0)", "(local.get $t2)", [2, 3, 6, 7]),
      shuffle("(local.get $t1)", "(local.get $t3)", [0, 1, 4, 5]),
      shuffle("(local.get $t1)", "(local.get $t3)", [2, 3, 6, 7]),
    ];
    cols.forEach((col, u) => {
      L.push(`    (v128.store offset=${(u * mr + g) * 4} (local.get $dst) ${col})`);
    });
  }
  for (; g < mr; g++) {
    for (let u = 0; u < 4; u++) {
      L.push(
        `    (f32.store offset=${
          (u * mr + g) * 4
        } (local.get $dst) (f32x4.extract_lane ${u} (local.get $v${g})))`,
      );
    }
  }
  for (let i = 0; i < mr; i++) {
    L.push(`    (local.set $s${i} (i32.add (local.get $s${i}) (i32.const 16)))`);
  }
  L.push(`    (local.set $dst (i32.add (local.get $dst) (i32.const ${4 * mr * 4})))`);
  L.push(`    (br_if $quads (local.tee $k4 (i32.sub (local.get $k4) (i32.const 1)))))))`);
  // The last kc % 4 steps.
  L.push(`  (local.set $k (i32.and (local.get $kc) (i32.const 3)))`);
  L.push(`  (if (local.get $k) (then (loop $single`);
  for (let i = 0; i < mr; i++) {
    L.push(`    (f32.store offset=${i * 4} (local.get $dst) (f32.load (local.get $s${i})))`);
    L.push(`    (local.set $s${i} (i32.add (local.get $s${i}) (i32.const 4)))`);
  }
  L.push(`    (local.set $dst (i32.add (local.get $dst) (i32.const ${mr * 4})))`);
  L.push(`    (br_if $single (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`);
  L.push(`  (local.set $r (i32.add (local.get $r) (i32.const ${mr})))`);
  L.push(`  (br $fastPanels)))`);
  return { locals, body: L.join("\n      ") };
}

/**
 * Packing whole MR-row panels of a transposed A: each step's MR values are
 * contiguous in A already, so they are copied by vectors (and a final 8 or 4 bytes).
 */
function packATransFastPath(mr: number): string {
  const L: string[] = [];
  L.push(
    `(local.set $full (i32.mul (i32.div_u (local.get $mc) (i32.const ${mr})) (i32.const ${mr})))`,
  );
  L.push(`(block $tDone (loop $tPanels`);
  L.push(`  (br_if $tDone (i32.ge_u (local.get $r) (local.get $full)))`);
  L.push(`  (local.set $src (i32.add (local.get $a) (i32.shl (i32.add (i32.mul`);
  L.push(
    `    (local.get $p0) (local.get $lda)) (i32.add (local.get $i0) (local.get $r))) (i32.const 2))))`,
  );
  L.push(`  (local.set $step (i32.shl (local.get $lda) (i32.const 2)))`);
  L.push(
    `  (local.set $dst (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $r) (local.get $kc)) (i32.const 2))))`,
  );
  L.push(`  (local.set $k (local.get $kc))`);
  L.push(`  (loop $tSteps`);
  let c = 0;
  for (; c + 4 <= mr; c += 4) {
    L.push(
      `    (v128.store offset=${c * 4} (local.get $dst) (v128.load offset=${
        c * 4
      } (local.get $src)))`,
    );
  }
  for (; c + 2 <= mr; c += 2) {
    L.push(
      `    (i64.store offset=${c * 4} (local.get $dst) (i64.load offset=${
        c * 4
      } (local.get $src)))`,
    );
  }
  for (; c < mr; c++) {
    L.push(
      `    (f32.store offset=${c * 4} (local.get $dst) (f32.load offset=${
        c * 4
      } (local.get $src)))`,
    );
  }
  L.push(`    (local.set $src (i32.add (local.get $src) (local.get $step)))`);
  L.push(`    (local.set $dst (i32.add (local.get $dst) (i32.const ${mr * 4})))`);
  L.push(`    (br_if $tSteps (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))`);
  L.push(`  (local.set $r (i32.add (local.get $r) (i32.const ${mr})))`);
  L.push(`  (br $tPanels)))`);
  return L.join("\n        ");
}

// Packing, edge tiles and the loops over panels. MR, NR, NR_BYTES are substituted.
// The loops over blocks are driven from JavaScript: V8 optimizes a WebAssembly
// function only after it has run for a while, so work is split into functions that
// are called many times rather than one long call.
const PACK_AND_DRIVE = `
  ;; Pack rows [i0, i0 + mc) x steps [p0, p0 + kc) of op(A) into MR-tall panels at ap:
  ;; ap[panel][k][r], zero-padded to whole panels. A is [M, K] with row stride lda
  ;; floats, or with trans, [K, M].
  (func (export "packA") (param $a i32) (param $lda i32) (param $trans i32)
      (param $i0 i32) (param $mc i32) (param $p0 i32) (param $kc i32) (param $ap i32)
    (local $r i32) (local $k i32) (local $src i32) (local $dst i32) (local $step i32)
    (local $rows i32) (local $panel i32)
    PACK_A_LOCALS
    (local.set $rows (i32.mul (i32.div_u (i32.add (local.get $mc) (i32.const MR_MINUS_1))
                                         (i32.const MR)) (i32.const MR)))
    (local.set $r (i32.const 0))
    (if (i32.eqz (local.get $trans))
      (then
        PACK_A_FAST
      )
      (else
        PACK_A_TRANS_FAST
      ))
    ;; The rest (a partial panel, or a transposed A) one row at a time.
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      ;; Row r of the block lands at column r % MR of panel r / MR.
      (local.set $panel (i32.div_u (local.get $r) (i32.const MR)))
      (local.set $dst (i32.add (local.get $ap) (i32.shl (i32.add
        (i32.mul (i32.mul (local.get $panel) (local.get $kc)) (i32.const MR))
        (i32.sub (local.get $r) (i32.mul (local.get $panel) (i32.const MR)))) (i32.const 2))))
      (local.set $k (local.get $kc))
      (if (i32.ge_u (local.get $r) (local.get $mc))
        (then
          (loop $zero
            (f32.store (local.get $dst) (f32.const 0))
            (local.set $dst (i32.add (local.get $dst) (i32.const MR_BYTES)))
            (br_if $zero (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
        (else
          (if (local.get $trans)
            (then
              (local.set $src (i32.add (local.get $a) (i32.shl (i32.add
                (i32.mul (local.get $p0) (local.get $lda)) (i32.add (local.get $i0) (local.get $r)))
                (i32.const 2))))
              (local.set $step (i32.shl (local.get $lda) (i32.const 2))))
            (else
              (local.set $src (i32.add (local.get $a) (i32.shl (i32.add
                (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $lda)) (local.get $p0))
                (i32.const 2))))
              (local.set $step (i32.const 4))))
          (loop $copy
            (f32.store (local.get $dst) (f32.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $step)))
            (local.set $dst (i32.add (local.get $dst) (i32.const MR_BYTES)))
            (br_if $copy (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each)))
  )

  ;; Pack steps [p0, p0 + kc) x all N columns of op(B) into NR-wide panels at bp:
  ;; bp[panel][k][c], zero-padded. B is [K, N] with row stride ldb floats, or with
  ;; trans, [N, K].
  (func (export "packB") (param $b i32) (param $ldb i32) (param $trans i32) (param $N i32)
      (param $p0 i32) (param $kc i32) (param $bp i32)
    (local $j i32) (local $k i32) (local $src i32) (local $dst i32) (local $cols i32)
    (local $panel i32)
    (local.set $cols (i32.mul (i32.div_u (i32.add (local.get $N) (i32.const NR_MINUS_1))
                                         (i32.const NR)) (i32.const NR)))
    (if (i32.eqz (local.get $trans)) (then
      ;; Whole panels: each step's NR columns are contiguous in B; copy by vectors.
      (local.set $j (i32.const 0))
      (block $done (loop $panels
        (br_if $done (i32.gt_u (i32.add (local.get $j) (i32.const NR)) (local.get $N)))
        (local.set $src (i32.add (local.get $b) (i32.shl (i32.add
          (i32.mul (local.get $p0) (local.get $ldb)) (local.get $j)) (i32.const 2))))
        (local.set $dst (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $j) (local.get $kc))
                                                          (i32.const 2))))
        (local.set $k (local.get $kc))
        (loop $steps
          VECTOR_COPY
          (local.set $src (i32.add (local.get $src) (i32.shl (local.get $ldb) (i32.const 2))))
          (local.set $dst (i32.add (local.get $dst) (i32.const NR_BYTES)))
          (br_if $steps (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const NR)))
        (br $panels)))
      ;; The rest, column by column below.
    ) (else (local.set $j (i32.const 0))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $panel (i32.div_u (local.get $j) (i32.const NR)))
      (local.set $dst (i32.add (local.get $bp) (i32.shl (i32.add
        (i32.mul (i32.mul (local.get $panel) (local.get $kc)) (i32.const NR))
        (i32.sub (local.get $j) (i32.mul (local.get $panel) (i32.const NR)))) (i32.const 2))))
      (local.set $k (local.get $kc))
      (if (i32.ge_u (local.get $j) (local.get $N))
        (then
          (loop $zero
            (f32.store (local.get $dst) (f32.const 0))
            (local.set $dst (i32.add (local.get $dst) (i32.const NR_BYTES)))
            (br_if $zero (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
        (else
          (if (local.get $trans)
            (then
              (local.set $src (i32.add (local.get $b) (i32.shl (i32.add
                (i32.mul (local.get $j) (local.get $ldb)) (local.get $p0)) (i32.const 2))))
              (loop $copyT
                (f32.store (local.get $dst) (f32.load (local.get $src)))
                (local.set $src (i32.add (local.get $src) (i32.const 4)))
                (local.set $dst (i32.add (local.get $dst) (i32.const NR_BYTES)))
                (br_if $copyT (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
            (else
              (local.set $src (i32.add (local.get $b) (i32.shl (i32.add
                (i32.mul (local.get $p0) (local.get $ldb)) (local.get $j)) (i32.const 2))))
              (loop $copyN
                (f32.store (local.get $dst) (f32.load (local.get $src)))
                (local.set $src (i32.add (local.get $src) (i32.shl (local.get $ldb) (i32.const 2))))
                (local.set $dst (i32.add (local.get $dst) (i32.const NR_BYTES)))
                (br_if $copyN (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $each)))
  )

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
