/**
 * The WebAssembly text of the gemm kernel's packing functions: `packA` copies a
 * block of op(A) into MR-tall row panels (with fast paths that transpose 4 x 4
 * groups by shuffles, or copy whole steps of a transposed A by vectors), `packB`
 * a block of op(B) into NR-wide column panels. Panels are zero-padded, so the
 * micro-kernel never branches on edges. Part of the module `gemm_wat.ts` builds.
 *
 * @module
 */

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

// packA and packB; MR, NR and the like are substituted by the caller.
const PACK = `
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
`;

/**
 * The packing functions' text for an `mr` x `nr` register tile; `substitute`
 * replaces the tile constants (MR, NR, MR_BYTES, ...) as in the rest of the module.
 */
export function packWat(mr: number, nr: number, substitute: (text: string) => string): string {
  const { locals: packALocals, body: packAFast } = packAFastPath(mr);
  const packATransFast = packATransFastPath(mr);
  const vectorCopy = Array.from(
    { length: nr / 4 },
    (_, j) =>
      `(v128.store offset=${j * 16} (local.get $dst) (v128.load offset=${
        j * 16
      } (local.get $src)))`,
  ).join("\n          ");
  return substitute(PACK).replace("VECTOR_COPY", vectorCopy).replace("PACK_A_LOCALS", packALocals)
    .replace("PACK_A_TRANS_FAST", packATransFast).replace("PACK_A_FAST", packAFast);
}
