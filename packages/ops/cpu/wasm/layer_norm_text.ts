/**
 * The text-building pieces shared by the LayerNorm kernels (`layer_norm_wat.ts`,
 * `layer_norm_bwd_wat.ts`): the memory layout, WAT expression helpers, and the
 * row-pair machinery that runs a row's float64 sums in one lane of an `f64x2`.
 *
 * @module
 */

/** Floats per row-major chunk region: a chunk holds `floor(LN_CHUNK / n)` rows. */
export const LN_CHUNK = 16384;

const R = LN_CHUNK * 4;

/**
 * Byte offsets of the arrays in the module's memory. Row-major chunks (`x`, `h`,
 * `y`; `dY`, `h`, `dX`) take one region each, column arrays (`g`, `b`, `db`, `dG`)
 * and row arrays (`mu`, `s`, `md`, `mdh`, `inv`) the rest; `pages` is its size.
 */
export const LN_LAYOUT = {
  x: 0,
  h: R,
  y: 2 * R,
  /** Forward: G and b as float64, each twice (`[g_j, g_j]`, one pair a column). */
  g64: 3 * R,
  b64: 7 * R,
  /** Backward: G as float32, and per column +0 where G is zero, else -0. */
  g: 3 * R,
  zg: 4 * R,
  db: 5 * R,
  dG: 6 * R,
  /** Per row: the backward pass's two means (float64). */
  mu: 11 * R,
  s: 13 * R,
  /** Per row: the inverse deviation as float32. */
  inv: 15 * R,
  /** Forward: a group's rows as f64x2 pairs of rows, column after column. */
  pairs: 16 * R,
  pages: 32,
} as const;

export const L = LN_LAYOUT;
export const get = (name: string) => `(local.get ${name})`;
export const set = (name: string, value: string) => `(local.set ${name} ${value})`;
export const op = (name: string, ...args: string[]) => `(${name} ${args.join(" ")})`;
export const add = (a: string, b: string) => op("i32.add", a, b);
export const load = (offset: number, addr: string) => `(v128.load offset=${offset} ${addr})`;
export const store = (offset: number, addr: string, v: string) =>
  `(v128.store offset=${offset} ${addr} ${v})`;
export const load64 = (offset: number, addr: string) =>
  `(v128.load64_zero offset=${offset} ${addr})`;
export const loadF = (offset: number, addr: string) => `(f32.load offset=${offset} ${addr})`;
export const promote = (v: string) => op("f64x2.promote_low_f32x4", v);
export const demote = (v: string) => op("f32x4.demote_f64x2_zero", v);
export const promote1 = (v: string) => op("f64.promote_f32", v);
/** The high two f32 lanes of `v` moved low (v evaluated twice: pass a local). */
export const high = (v: string) =>
  `(i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 ${v} ${v})`;
/** Lanes 0, 1 of `a` then lanes 0, 1 of `b`. */
export const low2 = (a: string, b: string) =>
  `(i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${a} ${b})`;
export const UNPACK_LO = "0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23";
export const UNPACK_HI = "8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31";
export const ZERO = "(v128.const f64x2 0 0)";

/** A function body in the making: its locals and lines. */
export class Body {
  readonly locals = new Map<string, string>();
  readonly lines: string[] = [];
  v(name: string): string {
    this.locals.set(name, "v128");
    return name;
  }
  i(name: string): string {
    this.locals.set(name, "i32");
    return name;
  }
  f(name: string): string {
    this.locals.set(name, "f64");
    return name;
  }
  emit(...lines: string[]): void {
    this.lines.push(...lines);
  }
  render(header: string): string[] {
    const locals = [...this.locals].map(([n, t]) => `(local ${n} ${t})`).join(" ");
    return [`  (func ${header}`, `    ${locals}`, ...this.lines.map((l) => `    ${l}`), `  )`];
  }
}

/** `for ($j = from; $j < to; $j += step) body`, skipping the loop when empty. */
export function loop(b: Body, from: string, to: string, step: number, body: string[]): void {
  const label = `$l${b.lines.length}`;
  b.emit(
    set("$j", from),
    `(if (i32.lt_u ${get("$j")} ${to}) (then (loop ${label}`,
    ...body.map((l) => `  ${l}`),
    `  ${set("$j", add(get("$j"), `(i32.const ${step})`))}`,
    `  (br_if ${label} (i32.lt_u ${get("$j")} ${to})))))`,
  );
}

/**
 * `f64x2` of the four column steps of rows A and B: `[A[j+k], B[j+k]]`, k = 0..3,
 * from the f32x4 values `a`, `b` (locals named after `tag`).
 */
export function pairs(b: Body, tag: string, a: string, bb: string): string[] {
  const lo = b.v(`$lo${tag}`), hi = b.v(`$hi${tag}`);
  b.emit(set(lo, `(i8x16.shuffle ${UNPACK_LO} ${a} ${bb})`));
  b.emit(set(hi, `(i8x16.shuffle ${UNPACK_HI} ${a} ${bb})`));
  return [promote(get(lo)), promote(high(get(lo))), promote(get(hi)), promote(high(get(hi)))];
}

/** `[A[j], B[j]]` as f64x2 for scalar column `j`, from two f32 loads. */
export function pair1(a: string, bb: string): string {
  return `(f64x2.replace_lane 1 (f64x2.splat ${promote1(a)}) ${promote1(bb)})`;
}

export const splatN = "(f64x2.splat (f64.convert_i32_u (local.get $n)))";

/**
 * Row groups: `pairs` pairs of rows at a time while they last, then single pairs,
 * then a lone last row (run as a pair of itself, lane 0 kept). `group(k, single)`
 * emits the code for rows `$r ..` (byte offset `$row` of row `$r`).
 */
export function groups(b: Body, k: number, group: (k: number, single: boolean) => void): void {
  b.i("$r");
  b.i("$row");
  b.emit(set("$r", "(i32.const 0)"));
  for (const [size, single] of [[k, false], [1, false], [1, true]] as const) {
    const rows = single ? 1 : 2 * size;
    const label = `$g${b.lines.length}`;
    b.emit(`(block ${label}_end (loop ${label}`);
    b.emit(
      `  (br_if ${label}_end (i32.gt_u (i32.add ${get("$r")} (i32.const ${rows})) ${
        get("$rows")
      }))`,
    );
    b.emit(`  ${set("$row", op("i32.mul", get("$r"), get("$stride")))}`);
    const start = b.lines.length;
    group(size, single);
    for (let i = start; i < b.lines.length; i++) b.lines[i] = `  ${b.lines[i]}`;
    b.emit(`  ${set("$r", add(get("$r"), `(i32.const ${rows})`))}`);
    b.emit(single ? `))` : `  (br ${label})))`);
  }
}

/** Row pointers `$pa{p}`, `$pb{p}` (byte offsets) of the group's pairs. */
export function rowPointers(b: Body, k: number, single: boolean): void {
  for (let p = 0; p < k; p++) {
    const at = add(get("$row"), op("i32.mul", `(i32.const ${2 * p})`, get("$stride")));
    b.emit(set(b.i(`$pa${p}`), at));
    b.emit(set(b.i(`$pb${p}`), single ? get(`$pa${p}`) : add(get(`$pa${p}`), get("$stride"))));
  }
}

/** Store per-row f64x2 `v` of pair `p` at `base` (lane 0 only for a lone row). */
export function storeRows(base: number, p: number, v: string, single: boolean): string {
  const at = op("i32.shl", add(get("$r"), `(i32.const ${2 * p})`), "(i32.const 3)");
  return single
    ? `(f64.store offset=${base} ${at} (f64x2.extract_lane 0 ${v}))`
    : `(v128.store offset=${base} ${at} ${v})`;
}

/** The row statistics of a group: mean, inverse deviation (f64 and f32). */
export function prologue(b: Body): void {
  b.i("$j");
  b.emit(set(b.i("$stride"), op("i32.shl", get("$n"), "(i32.const 2)")));
  b.emit(
    set(b.i("$vend"), op("i32.shl", op("i32.and", get("$n"), "(i32.const -4)"), "(i32.const 2)")),
  );
}
