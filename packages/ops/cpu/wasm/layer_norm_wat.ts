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
 * order, which gives the same bits as the scalar loop. The elementwise steps run
 * four columns at a time, promoting float32 to float64 and demoting back, as
 * JavaScript does for each element.
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
  load64,
  loadF,
  loop,
  low2,
  op,
  pair1,
  pairs,
  prologue,
  promote,
  promote1,
  rowPointers,
  set,
  splatN,
  store,
  storeRows,
  ZERO,
} from "./layer_norm_text.ts";

export { LN_CHUNK, LN_LAYOUT };

function forwardStats(b: Body, k: number, single: boolean): void {
  rowPointers(b, k, single);
  const A = (p: number) => add(get(`$pa${p}`), get("$j"));
  const B = (p: number) => add(get(`$pb${p}`), get("$j"));
  // Sweep 1: sum x; sweep 2: sum (x - mu)^2.
  for (const sweep of [1, 2]) {
    for (let p = 0; p < k; p++) b.emit(set(b.v(`$acc${p}`), ZERO));
    const term = (p: number, x: string): string[] => {
      if (sweep === 1) return [set(`$acc${p}`, op("f64x2.add", get(`$acc${p}`), x))];
      const c = b.v(`$c${p}`);
      return [
        set(c, op("f64x2.sub", x, get(`$mu${p}`))),
        set(`$acc${p}`, op("f64x2.add", get(`$acc${p}`), op("f64x2.mul", get(c), get(c)))),
      ];
    };
    const vec = new Body();
    for (let p = 0; p < k; p++) {
      const steps = pairs(vec, `${p}`, load(L.x, A(p)), load(L.x, B(p)));
      for (const x of steps) vec.emit(...term(p, x));
    }
    vec.locals.forEach((t, n) => b.locals.set(n, t));
    loop(b, "(i32.const 0)", get("$vend"), 16, vec.lines);
    const tail = [];
    for (let p = 0; p < k; p++) tail.push(...term(p, pair1(loadF(L.x, A(p)), loadF(L.x, B(p)))));
    loop(b, get("$vend"), get("$stride"), 4, tail);
    for (let p = 0; p < k; p++) {
      if (sweep === 1) {
        b.emit(set(b.v(`$mu${p}`), op("f64x2.div", get(`$acc${p}`), splatN)));
        b.emit(storeRows(L.mu, p, get(`$mu${p}`), single));
      } else {
        const v = op("f64x2.add", op("f64x2.div", get(`$acc${p}`), splatN), get("$EPS"));
        const s = op("f64x2.div", "(v128.const f64x2 1 1)", op("f64x2.sqrt", v));
        b.emit(set(b.v(`$s${p}`), s));
        b.emit(storeRows(L.s, p, get(`$s${p}`), single));
        const at = op("i32.shl", add(get("$r"), `(i32.const ${2 * p})`), "(i32.const 2)");
        b.emit(
          single
            ? `(f32.store offset=${L.inv} ${at} (f32x4.extract_lane 0 ${demote(get(`$s${p}`))}))`
            : `(v128.store64_lane offset=${L.inv} 0 ${at} ${demote(get(`$s${p}`))})`,
        );
      }
    }
  }
}

/** `Xhat` and `Y` row by row, four columns at a time. */
function forwardApply(b: Body): void {
  const at = add(get("$row"), get("$j"));
  const col64 = (base: number, half: number) =>
    load(base + half * 16, op("i32.shl", get("$j"), "(i32.const 1)"));
  b.emit(
    set("$r", "(i32.const 0)"),
    `(if (i32.lt_u ${get("$r")} ${get("$rows")}) (then (loop $rows`,
  );
  b.emit(set("$row", op("i32.mul", get("$r"), get("$stride"))));
  b.emit(
    set(b.v("$MU"), `(v128.load64_splat offset=${L.mu} (i32.shl ${get("$r")} (i32.const 3)))`),
  );
  b.emit(set(b.v("$S"), `(v128.load64_splat offset=${L.s} (i32.shl ${get("$r")} (i32.const 3)))`));
  const vec: string[] = [];
  const hs: string[] = [], ys: string[] = [];
  for (const half of [0, 1]) {
    const x = promote(load64(L.x + 8 * half, at));
    const h = b.v(`$h${half}`);
    vec.push(set(h, demote(op("f64x2.mul", op("f64x2.sub", x, get("$MU")), get("$S")))));
    hs.push(get(h));
    const y = op("f64x2.mul", promote(get(h)), col64(L.g64, half));
    ys.push(demote(op("f64x2.add", y, col64(L.b64, half))));
  }
  vec.push(store(L.h, at, low2(hs[0]!, hs[1]!)), store(L.y, at, low2(ys[0]!, ys[1]!)));
  loop(b, "(i32.const 0)", get("$vend"), 16, vec);
  const h1 = b.f("$h");
  const x1 = op("f64.sub", promote1(loadF(L.x, at)), `(f64x2.extract_lane 0 ${get("$MU")})`);
  const col1 = (base: number) => `(f64.load offset=${base} (i32.shl ${get("$j")} (i32.const 1)))`;
  loop(b, get("$vend"), get("$stride"), 4, [
    set(
      h1,
      promote1(op("f32.demote_f64", op("f64.mul", x1, `(f64x2.extract_lane 0 ${get("$S")})`))),
    ),
    `(f32.store offset=${L.h} ${at} (f32.demote_f64 ${get(h1)}))`,
    `(f32.store offset=${L.y} ${at} (f32.demote_f64 (f64.add (f64.mul ${get(h1)} ${col1(L.g64)}) ${
      col1(L.b64)
    })))`,
  ]);
  b.emit(set("$r", add(get("$r"), "(i32.const 1)")));
  b.emit(`(br_if $rows (i32.lt_u ${get("$r")} ${get("$rows")})))))`);
}

/** Shared prologue: `$stride` (bytes per row) and `$vend` (bytes in whole f32x4 steps). */
function forwardFunc(k: number): string[] {
  const b = new Body();
  prologue(b);
  b.emit(set(b.v("$EPS"), op("f64x2.splat", get("$eps"))));
  groups(b, k, (size, single) => forwardStats(b, size, single));
  forwardApply(b);
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
