/**
 * The backward LayerNorm kernel's text (see `layer_norm_wat.ts` for the module).
 *
 * @module
 */
import {
  add,
  Body,
  demote,
  get,
  groups,
  L,
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

function backwardSums(b: Body, k: number, single: boolean): void {
  rowPointers(b, k, single);
  const A = (p: number) => add(get(`$pa${p}`), get("$j"));
  const B = (p: number) => add(get(`$pb${p}`), get("$j"));
  for (let p = 0; p < k; p++) {
    b.emit(set(b.v(`$md${p}`), ZERO), set(b.v(`$mdh${p}`), ZERO));
  }
  const sums = (body: Body, p: number, x: string[], h: string[]) => {
    x.forEach((q, i) => {
      const t = body.v(`$q${p}`);
      body.emit(set(t, q));
      body.emit(set(`$md${p}`, op("f64x2.add", get(`$md${p}`), get(t))));
      body.emit(
        set(`$mdh${p}`, op("f64x2.add", get(`$mdh${p}`), op("f64x2.mul", get(t), h[i]!))),
      );
    });
  };
  const vec = new Body();
  vec.emit(set(vec.v("$DB"), load(L.db, get("$j"))), set(vec.v("$DG"), load(L.dG, get("$j"))));
  vec.emit(set(vec.v("$GV"), load(L.g, get("$j"))), set(vec.v("$ZG"), load(L.zg, get("$j"))));
  for (let p = 0; p < k; p++) {
    const rows = single ? [["A", A(p)]] : [["A", A(p)], ["B", B(p)]];
    for (const [row, at] of rows) {
      const d = vec.v(`$d${row}${p}`), h = vec.v(`$h${row}${p}`), x = vec.v(`$x${row}${p}`);
      vec.emit(set(d, load(L.x, at!)), set(h, load(L.h, at!)));
      vec.emit(set("$DB", op("f32x4.add", get("$DB"), get(d))));
      vec.emit(set("$DG", op("f32x4.add", get("$DG"), op("f32x4.mul", get(d), get(h)))));
      // +0 only where the exact product is zero: an underflow to -0 stays -0.
      const zero = op(
        "v128.andnot",
        get("$ZG"),
        op("f32x4.eq", get(d), "(v128.const i32x4 0 0 0 0)"),
      );
      vec.emit(set(x, op("f32x4.add", op("f32x4.mul", get(d), get("$GV")), zero)));
      vec.emit(store(L.y, at!, get(x)));
    }
    const other = single ? "A" : "B";
    const x = pairs(vec, `x${p}`, get(`$xA${p}`), get(`$x${other}${p}`));
    const h = pairs(vec, `h${p}`, get(`$hA${p}`), get(`$h${other}${p}`));
    sums(vec, p, x, h);
  }
  vec.emit(store(L.db, get("$j"), get("$DB")), store(L.dG, get("$j"), get("$DG")));
  vec.locals.forEach((t, n) => b.locals.set(n, t));
  loop(b, "(i32.const 0)", get("$vend"), 16, vec.lines);

  const tail = new Body();
  const db = tail.f("$db1"), dg = tail.f("$dg1");
  tail.emit(set(db, promote1(loadF(L.db, get("$j")))), set(dg, promote1(loadF(L.dG, get("$j")))));
  const g = promote1(loadF(L.g, get("$j")));
  for (let p = 0; p < k; p++) {
    for (const [row, at] of single ? [["A", A(p)]] : [["A", A(p)], ["B", B(p)]]) {
      const d = tail.f(`$e${row}`);
      tail.emit(set(d, promote1(loadF(L.x, at!))));
      // float32 sums as JavaScript's Float32Array stores round them.
      const f32 = (v: string) => promote1(op("f32.demote_f64", v));
      tail.emit(set(db, f32(op("f64.add", get(db), get(d)))));
      const dh = f32(op("f64.mul", get(d), promote1(loadF(L.h, at!))));
      tail.emit(set(dg, f32(op("f64.add", get(dg), dh))));
      const x = op("f32.demote_f64", op("f64.add", op("f64.mul", get(d), g), "(f64.const 0)"));
      tail.emit(`(f32.store offset=${L.y} ${at} ${x})`);
    }
    const bAt = single ? A(p) : B(p);
    sums(tail, p, [pair1(loadF(L.y, A(p)), loadF(L.y, bAt))], [
      pair1(loadF(L.h, A(p)), loadF(L.h, bAt)),
    ]);
  }
  tail.emit(`(f32.store offset=${L.db} ${get("$j")} (f32.demote_f64 ${get(db)}))`);
  tail.emit(`(f32.store offset=${L.dG} ${get("$j")} (f32.demote_f64 ${get(dg)}))`);
  tail.locals.forEach((t, n) => b.locals.set(n, t));
  loop(b, get("$vend"), get("$stride"), 4, tail.lines);
  for (let p = 0; p < k; p++) {
    b.emit(storeRows(L.mu, p, op("f64x2.div", get(`$md${p}`), splatN), single));
    b.emit(storeRows(L.s, p, op("f64x2.div", get(`$mdh${p}`), splatN), single));
  }
}

/** `dX = f32(s * (d - md - Xhat * mdh))` row by row, in place over `d`. */
function backwardApply(b: Body): void {
  const at = add(get("$row"), get("$j"));
  b.emit(
    set("$r", "(i32.const 0)"),
    `(if (i32.lt_u ${get("$r")} ${get("$rows")}) (then (loop $rows`,
  );
  b.emit(set("$row", op("i32.mul", get("$r"), get("$stride"))));
  const row8 = `(i32.shl ${get("$r")} (i32.const 3))`;
  b.emit(set(b.v("$MD"), `(v128.load64_splat offset=${L.mu} ${row8})`));
  b.emit(set(b.v("$MDH"), `(v128.load64_splat offset=${L.s} ${row8})`));
  const si = promote1(loadF(L.inv, `(i32.shl ${get("$r")} (i32.const 2))`));
  b.emit(set(b.v("$SI"), op("f64x2.splat", si)));
  const vec: string[] = [];
  const dx: string[] = [];
  for (const half of [0, 1]) {
    const x = promote(load64(L.y + 8 * half, at));
    const h = promote(load64(L.h + 8 * half, at));
    const t = op("f64x2.sub", op("f64x2.sub", x, get("$MD")), op("f64x2.mul", h, get("$MDH")));
    dx.push(demote(op("f64x2.mul", get("$SI"), t)));
  }
  vec.push(store(L.y, at, low2(dx[0]!, dx[1]!)));
  loop(b, "(i32.const 0)", get("$vend"), 16, vec);
  const lane = (v: string) => `(f64x2.extract_lane 0 ${get(v)})`;
  const t = op(
    "f64.sub",
    op("f64.sub", promote1(loadF(L.y, at)), lane("$MD")),
    op("f64.mul", promote1(loadF(L.h, at)), lane("$MDH")),
  );
  loop(b, get("$vend"), get("$stride"), 4, [
    `(f32.store offset=${L.y} ${at} (f32.demote_f64 ${op("f64.mul", lane("$SI"), t)}))`,
  ]);
  b.emit(set("$r", add(get("$r"), "(i32.const 1)")));
  b.emit(`(br_if $rows (i32.lt_u ${get("$r")} ${get("$rows")})))))`);
}

/** The exported `backward(rows, n)` function. */
export function backwardFunc(k: number): string[] {
  const b = new Body();
  prologue(b);
  groups(b, k, (size, single) => backwardSums(b, size, single));
  backwardApply(b);
  return b.render(`(export "backward") (param $rows i32) (param $n i32)`);
}

/** Generate the module's text (`k` pairs of rows per group in the row sums). */
