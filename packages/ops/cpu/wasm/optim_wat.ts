/**
 * The WebAssembly text of the fused optimizer kernels: the squared L2 norm of a
 * gradient (for clipping, with Thinc's coupled L2 folded in) and one Adam step
 * that also applies the clip scale, weight decay and the weight average, in one
 * pass over four (or five) arrays.
 *
 * Arithmetic follows Thinc's C kernel step by step in float32 SIMD128
 * (`m1 = b1 m1 + (1 - b1) g`, `m2 = b2 m2 + (1 - b2) g^2`,
 * `w -= lr m1 / (sqrt(m2) + eps)`), except that the two `saxpy` steps (into `m1`
 * and into `w`), which BLAS runs as fused multiply-adds, are fused here too,
 * exactly, in float64 (deterministic, unlike relaxed SIMD's `madd`). Square roots
 * and divisions stay float32: in float64 they cost three times as much. The norm
 * is summed in float64. Pointers are byte offsets into the module's
 * memory; lengths are element counts, multiples of 4 (the caller pads with zeros).
 *
 * @module
 */

/** The four-lane loop over `$n` elements from byte offset 0, with `$i` the byte index. */
function loop(body: string[]): string[] {
  return [
    `    (local.set $end (i32.shl (local.get $n) (i32.const 2)))`,
    `    (if (i32.gt_u (local.get $end) (i32.const 0)) (then`,
    `      (loop $next`,
    ...body.map((line) => `        ${line}`),
    `        (local.set $i (i32.add (local.get $i) (i32.const 16)))`,
    `        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))`,
  ];
}

const at = (ptr: string) => `(v128.load (i32.add (local.get ${ptr}) (local.get $i)))`;
const store = (ptr: string, value: string) =>
  `(v128.store (i32.add (local.get ${ptr}) (local.get $i)) ${value})`;
const get = (name: string) => `(local.get ${name})`;

const f64 = (op: string, ...args: string[]) => `(f64x2.${op} ${args.join(" ")})`;
/** The low (`0`) or high (`1`) two lanes of an f32x4 local as f64x2. */
const half = (v: string, h: number) =>
  h === 0
    ? `(f64x2.promote_low_f32x4 (local.get ${v}))`
    : `(f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get ${v}) (local.get ${v})))`;

/** `$name(g, n)` or, `coupled`, `$name(g, w, n, l2)`: the sum of squares of `g (+ l2 w)`. */
function normFunc(name: string, coupled: boolean): string[] {
  const params = coupled
    ? `(param $g i32) (param $w i32) (param $n i32) (param $l2 f32)`
    : `(param $g i32) (param $n i32)`;
  const body = [`(local.set $G ${at("$g")})`];
  if (coupled) body.push(`(local.set $W ${at("$w")})`);
  for (const h of [0, 1]) {
    const x = coupled
      ? f64("add", half("$G", h), f64("mul", get("$L2"), half("$W", h)))
      : half("$G", h);
    body.push(`(local.set $x ${x})`);
    body.push(`(local.set $s${h} ${f64("add", get(`$s${h}`), f64("mul", get("$x"), get("$x")))})`);
  }
  return [
    `  (func (export "${name}") ${params} (result f64)`,
    `    (local $i i32) (local $end i32) (local $G v128) (local $W v128) (local $x v128)`,
    `    (local $s0 v128) (local $s1 v128) (local $L2 v128)`,
    ...(coupled ? [`    (local.set $L2 (f64x2.splat (f64.promote_f32 (local.get $l2))))`] : []),
    ...loop(body),
    `    (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))`,
    `    (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))`,
  ];
}

const SCALARS = ["scale", "l2", "b1", "a1", "b2", "a2", "eps", "lr", "decay"] as const;

const f32 = (op: string, ...args: string[]) => `(f32x4.${op} ${args.join(" ")})`;

/**
 * `round32(a * x + p)` for f32x4 locals `x`, `p` and an f64x2 splat `a`, in float64
 * (the product is exact there): a fused multiply-add, as BLAS's `saxpy` does it.
 */
function fma(a: string, x: string, p: string): string {
  const lo = f64("add", f64("mul", get(a), half(x, 0)), half(p, 0));
  const hi = f64("add", f64("mul", get(a), half(x, 1)), half(p, 1));
  return `(i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero ${lo}) (f32x4.demote_f64x2_zero ${hi}))`;
}

function stepFunc(name: string, averages: boolean): string[] {
  const pointers = ["$w", "$g", "$m1", "$m2", ...(averages ? ["$ema"] : [])];
  const scalars = [...SCALARS, ...(averages ? ["avg"] : [])];
  const body = [
    `(local.set $W ${at("$w")})`,
    // x = (g + l2 w) * scale
    `(local.set $X ${
      f32("mul", f32("add", at("$g"), f32("mul", get("$L2"), get("$W"))), get("$SCALE"))
    })`,
    // m1 = fma(1 - b1, x, b1 m1)
    `(local.set $P ${f32("mul", get("$B1"), at("$m1"))})`,
    `(local.set $P ${fma("$A1", "$X", "$P")})`,
    store("$m1", get("$P")),
    // m2 = b2 m2 + (1 - b2) x^2
    `(local.set $Q ${
      f32(
        "add",
        f32("mul", get("$B2"), at("$m2")),
        f32("mul", get("$A2"), f32("mul", get("$X"), get("$X"))),
      )
    })`,
    store("$m2", get("$Q")),
    // w = fma(-lr, m1 / (sqrt(m2) + eps), w) * decay
    `(local.set $Q ${f32("div", get("$P"), f32("add", f32("sqrt", get("$Q")), get("$EPS")))})`,
    `(local.set $W ${f32("mul", fma("$LR", "$Q", "$W"), get("$DECAY"))})`,
    store("$w", get("$W")),
  ];
  if (averages) {
    // ema -= (1 - decay) * (ema - w)
    body.push(`(local.set $P ${at("$ema")})`);
    body.push(
      store(
        "$ema",
        f32("sub", get("$P"), f32("mul", get("$AVG"), f32("sub", get("$P"), get("$W")))),
      ),
    );
  }
  // Splats: float64 for the two fused multiply-adds (lr negated), float32 for the rest.
  const splat = (s: string) =>
    s === "a1"
      ? `(f64x2.splat (f64.promote_f32 (local.get $a1)))`
      : s === "lr"
      ? `(f64x2.splat (f64.neg (f64.promote_f32 (local.get $lr))))`
      : `(f32x4.splat (local.get $${s}))`;
  return [
    `  (func (export "${name}")`,
    `    ${pointers.map((p) => `(param ${p} i32)`).join(" ")} (param $n i32)`,
    `    ${scalars.map((s) => `(param $${s} f32)`).join(" ")}`,
    `    (local $i i32) (local $end i32) (local $W v128) (local $X v128) (local $P v128) (local $Q v128)`,
    `    ${scalars.map((s) => `(local $${s.toUpperCase()} v128)`).join(" ")}`,
    ...scalars.map((s) => `    (local.set $${s.toUpperCase()} ${splat(s)})`),
    ...loop(body),
    `  )`,
  ];
}

/** Generate the module's text. */
export function optimWat(): string {
  return [
    `(module`,
    `  (memory (export "memory") 1)`,
    ...normFunc("sumsq", false),
    ...normFunc("sumsq_l2", true),
    ...stepFunc("adam", false),
    ...stepFunc("adam_avg", true),
    `)`,
    ``,
  ].join("\n");
}
