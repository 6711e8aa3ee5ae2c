/**
 * The WebAssembly text of the fused LayerNorm kernels, bit-identical to the
 * JavaScript loops of `layer_norm.ts`:
 *
 * - `forward(rows, n, eps)`: per row the mean and the variance, summed in float64
 *   one element after the other, `s = 1 / sqrt(var / n + eps)`, then
 *   `Xhat = f32((x - mean) * s)` and `Y = f32(Xhat * G + b)` in float64.
 * - `backward(rows, n)`: `db += dY` and `dG += f32(dY * Xhat)` in float32 row after
 *   row, `d = f32(dY * G + 0)`, the row sums of `d` and `d * Xhat` in float64, then
 *   `dX = f32(s * (d - mean(d) - Xhat * mean(d * Xhat)))` in float64.
 *
 * A row's sums must run in order, and a chain of dependent float64 adds is slow;
 * so the sums run two rows per `f64x2` (lane 0 one row, lane 1 the next) and
 * several such pairs at once, each lane still adding its own row's elements in
 * order, which gives the same bits as the scalar loop. The forward pass keeps the
 * promoted row pairs (then `x - mean`) in memory between its three sweeps, since
 * float conversions and float64 adds share the same two execution ports on
 * x86-64 and are the bottleneck. The elementwise steps promote float32 to float64
 * and demote back exactly where JavaScript rounds.
 *
 * The arrays live at fixed places in the module's memory ({@linkcode LN_LAYOUT}),
 * so one row pointer reaches every array through the load's constant offset.
 *
 * @module
 */

import { backwardFunc } from "./layer_norm_bwd_wat.ts";
import {
  add,
  Body,
  demote,
  get,
  groups,
  L,
  LN_CHUNK,
  LN_LAYOUT,
  load,
  loadF,
  loop,
  low2,
  op,
  pair1,
  pairs,
  prologue,
  promote,
  rowPointers,
  set,
  splatN,
  store,
  ZERO,
} from "./layer_norm_text.ts";

export { LN_CHUNK, LN_LAYOUT };

/** Lanes 0, 2 (`0`) or 1, 3 (`1`) of `a`, then the same of `b`: rows out of row pairs. */
const unzip = (lane: 0 | 1, a: string, b: string) =>
  `(i8x16.shuffle ${
    [0, 2, 4, 6].map((l) => [0, 1, 2, 3].map((i) => (l + lane) * 4 + i).join(" ")).join(" ")
  } ${a} ${b})`;

/**
 * One group's rows: sweep 1 sums x per row and keeps the promoted row pairs in
 * `L.pairs`, sweep 2 turns them into `c = x - mean` in place and sums `c^2`,
 * sweep 3 writes `Xhat = f32(c * s)` and `Y = f32(Xhat * G + b)` row by row.
 */
function forwardGroup(b: Body, k: number, single: boolean): void {
  rowPointers(b, k, single);
  const A = (p: number) => add(get(`$pa${p}`), get("$j"));
  const B = (p: number) => add(get(`$pb${p}`), get("$j"));
  // Pair p's column at byte offset $j (of a float32 row) sits at $sp{p} + 4 $j.
  const col = (p: number) => add(get(`$sp${p}`), op("i32.shl", get("$j"), "(i32.const 2)"));
  // G and b as [g_j, g_j] pairs: one 16-byte pair a column, like the row pairs.
  const gb = op("i32.shl", get("$j"), "(i32.const 2)");
  for (let p = 0; p < k; p++) {
    b.emit(
      set(
        b.i(`$sp${p}`),
        op("i32.mul", `(i32.const ${p})`, op("i32.shl", get("$stride"), "(i32.const 2)")),
      ),
    );
    b.emit(set(b.v(`$acc${p}`), ZERO));
  }
  // Sweep 1.
  const vec1 = new Body();
  for (let p = 0; p < k; p++) {
    pairs(vec1, `${p}`, load(L.x, A(p)), load(L.x, B(p))).forEach((x, i) => {
      const q = vec1.v(`$q${p}`);
      vec1.emit(set(q, x), store(L.pairs + 16 * i, col(p), get(q)));
      vec1.emit(set(`$acc${p}`, op("f64x2.add", get(`$acc${p}`), get(q))));
    });
  }
  vec1.locals.forEach((t, n) => b.locals.set(n, t));
  loop(b, "(i32.const 0)", get("$vend"), 16, vec1.lines);
  const tail1: string[] = [];
  for (let p = 0; p < k; p++) {
    tail1.push(set(`$q${p}`, pair1(loadF(L.x, A(p)), loadF(L.x, B(p)))));
    tail1.push(store(L.pairs, col(p), get(`$q${p}`)));
    tail1.push(set(`$acc${p}`, op("f64x2.add", get(`$acc${p}`), get(`$q${p}`))));
  }
  loop(b, get("$vend"), get("$stride"), 4, tail1);
  // Sweep 2, over the pairs one column at a time.
  for (let p = 0; p < k; p++) {
    b.emit(set(b.v(`$mu${p}`), op("f64x2.div", get(`$acc${p}`), splatN)));
    b.emit(set(`$acc${p}`, ZERO));
  }
  const sweep2 = (offset: number) => {
    const lines: string[] = [];
    for (let p = 0; p < k; p++) {
      const c = `$q${p}`;
      lines.push(set(c, op("f64x2.sub", load(L.pairs + offset, col(p)), get(`$mu${p}`))));
      lines.push(store(L.pairs + offset, col(p), get(c)));
      lines.push(
        set(`$acc${p}`, op("f64x2.add", get(`$acc${p}`), op("f64x2.mul", get(c), get(c)))),
      );
    }
    return lines;
  };
  loop(b, "(i32.const 0)", get("$vend"), 16, [0, 16, 32, 48].flatMap(sweep2));
  loop(b, get("$vend"), get("$stride"), 4, sweep2(0));
  for (let p = 0; p < k; p++) {
    const v = op("f64x2.add", op("f64x2.div", get(`$acc${p}`), splatN), get("$EPS"));
    b.emit(set(b.v(`$s${p}`), op("f64x2.div", "(v128.const f64x2 1 1)", op("f64x2.sqrt", v))));
    const at = op("i32.shl", add(get("$r"), `(i32.const ${2 * p})`), "(i32.const 2)");
    b.emit(
      single
        ? `(f32.store offset=${L.inv} ${at} (f32x4.extract_lane 0 ${demote(get(`$s${p}`))}))`
        : `(v128.store64_lane offset=${L.inv} 0 ${at} ${demote(get(`$s${p}`))})`,
    );
  }
  // Sweep 3. A lone row is its own pair: both lanes store the same values to the same place.
  const vec3 = new Body();
  for (let p = 0; p < k; p++) {
    const hs: string[] = [], ys: string[] = [];
    for (let i = 0; i < 4; i++) {
      const h = vec3.v(`$t${p}_${i}`);
      vec3.emit(set(h, demote(op("f64x2.mul", load(L.pairs + 16 * i, col(p)), get(`$s${p}`)))));
      hs.push(get(h));
      const y = op("f64x2.mul", promote(get(h)), load(L.g64 + 16 * i, gb));
      ys.push(demote(op("f64x2.add", y, load(L.b64 + 16 * i, gb))));
    }
    for (const [base, v] of [[L.h, hs], [L.y, ys]] as const) {
      const lo = vec3.v(`$u${p}`), hi = vec3.v(`$w${p}`);
      vec3.emit(set(lo, low2(v[0]!, v[1]!)), set(hi, low2(v[2]!, v[3]!)));
      vec3.emit(store(base, A(p), unzip(0, get(lo), get(hi))));
      vec3.emit(store(base, B(p), unzip(1, get(lo), get(hi))));
    }
  }
  vec3.locals.forEach((t, n) => b.locals.set(n, t));
  loop(b, "(i32.const 0)", get("$vend"), 16, vec3.lines);
  const tail3: string[] = [];
  for (let p = 0; p < k; p++) {
    const h = `$t${p}_0`;
    tail3.push(set(h, demote(op("f64x2.mul", load(L.pairs, col(p)), get(`$s${p}`)))));
    const y = op("f64x2.mul", promote(get(h)), load(L.g64, gb));
    tail3.push(set(`$u${p}`, demote(op("f64x2.add", y, load(L.b64, gb)))));
    for (const [base, v] of [[L.h, h], [L.y, `$u${p}`]] as const) {
      tail3.push(`(f32.store offset=${base} ${A(p)} (f32x4.extract_lane 0 ${get(v)}))`);
      tail3.push(`(f32.store offset=${base} ${B(p)} (f32x4.extract_lane 1 ${get(v)}))`);
    }
  }
  loop(b, get("$vend"), get("$stride"), 4, tail3);
}

/** Shared prologue: `$stride` (bytes per row) and `$vend` (bytes in whole f32x4 steps). */
function forwardFunc(k: number): string[] {
  const b = new Body();
  prologue(b);
  b.emit(set(b.v("$EPS"), op("f64x2.splat", get("$eps"))));
  groups(b, k, (size, single) => forwardGroup(b, size, single));
  return b.render(`(export "forward") (param $rows i32) (param $n i32) (param $eps f64)`);
}

/** Sums of `d = f32(dY * G + 0)` and `d * Xhat` for a group; `db`, `dG`; `d` into `dX`. */
export function layerNormWat(k = 4, kBackward = 2): string {
  return [
    `(module`,
    `  (memory (export "memory") ${L.pages})`,
    ...forwardFunc(k),
    ...backwardFunc(kBackward),
    `)`,
    ``,
  ].join("\n");
}
