/**
 * The WebAssembly text of the fused optimizer kernels: the squared L2 norm of a
 * gradient (for clipping, with Thinc's coupled L2 folded in) and one Adam step
 * that also applies the clip scale, weight decay and the weight average, in one
 * pass over four (or five) arrays.
 *
 * Arithmetic is SIMD128 float64 (two lanes at a time) in Thinc's order
 * (`m1 = b1 m1 + (1 - b1) g`, `m2 = b2 m2 + (1 - b2) g^2`,
 * `w -= lr m1 / (sqrt(m2) + eps)`), rounded to float32 only where stored: exactly
 * what the JavaScript kernels compute, and closer to Thinc's BLAS (which fuses
 * multiply-adds) than float32 steps would be. The kernel is bound by memory, so
 * the wider arithmetic costs little. Pointers are byte offsets into the module's
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
/** Two f64x2 locals rounded back into one f32x4. */
const join = (lo: string, hi: string) =>
  `(i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (local.get ${lo})) (f32x4.demote_f64x2_zero (local.get ${hi})))`;

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

/** The float64 arithmetic of one half (`h`) of four lanes, into `$w_h`, `$m_h`, `$v_h`, `$e_h`. */
function stepHalf(h: number, averages: boolean): string[] {
  const w = `$w${h}`, m = `$mo${h}`, v = `$v${h}`, x = `$x${h}`;
  const lines = [
    `(local.set ${w} ${half("$W", h)})`,
    // x = (g + l2 w) * scale
    `(local.set ${x} ${
      f64("mul", f64("add", half("$G", h), f64("mul", get("$L2"), get(w))), get("$SCALE"))
    })`,
    // m = m1 b1 + x (1 - b1); v = m2 b2 + x x (1 - b2)
    `(local.set ${m} ${
      f64("add", f64("mul", half("$M1", h), get("$B1")), f64("mul", get(x), get("$A1")))
    })`,
    `(local.set ${v} ${
      f64(
        "add",
        f64("mul", half("$M2", h), get("$B2")),
        f64("mul", f64("mul", get(x), get(x)), get("$A2")),
      )
    })`,
    // w = (w - lr m / (sqrt(v) + eps)) * decay
    `(local.set ${w} ${
      f64(
        "mul",
        f64(
          "sub",
          get(w),
          f64("mul", get("$LR"), f64("div", get(m), f64("add", f64("sqrt", get(v)), get("$EPS")))),
        ),
        get("$DECAY"),
      )
    })`,
  ];
  return lines.concat(averages ? [`(local.set $e${h} ${half("$E", h)})`] : []);
}

function stepFunc(name: string, averages: boolean): string[] {
  const pointers = ["$w", "$g", "$m1", "$m2", ...(averages ? ["$ema"] : [])];
  const scalars = [...SCALARS, ...(averages ? ["avg"] : [])];
  const body = [
    `(local.set $W ${at("$w")})`,
    `(local.set $G ${at("$g")})`,
    `(local.set $M1 ${at("$m1")})`,
    `(local.set $M2 ${at("$m2")})`,
    ...(averages ? [`(local.set $E ${at("$ema")})`] : []),
    ...stepHalf(0, averages),
    ...stepHalf(1, averages),
    store("$m1", join("$mo0", "$mo1")),
    store("$m2", join("$v0", "$v1")),
    `(local.set $W ${join("$w0", "$w1")})`,
    store("$w", get("$W")),
  ];
  if (averages) {
    // ema -= (1 - decay) * (ema - w), with w as stored (rounded to float32).
    for (const h of [0, 1]) {
      body.push(
        `(local.set $e${h} ${
          f64(
            "sub",
            get(`$e${h}`),
            f64("mul", get("$AVG"), f64("sub", get(`$e${h}`), half("$W", h))),
          )
        })`,
      );
    }
    body.push(store("$ema", join("$e0", "$e1")));
  }
  const f64Locals = ["$w", "$x", "$mo", "$v", "$e"].flatMap((n) => [`${n}0`, `${n}1`]);
  return [
    `  (func (export "${name}")`,
    `    ${pointers.map((p) => `(param ${p} i32)`).join(" ")} (param $n i32)`,
    `    ${scalars.map((s) => `(param $${s} f32)`).join(" ")}`,
    `    (local $i i32) (local $end i32) (local $W v128) (local $G v128) (local $M1 v128)`,
    `    (local $M2 v128) (local $E v128)`,
    `    ${f64Locals.map((l) => `(local ${l} v128)`).join(" ")}`,
    `    ${scalars.map((s) => `(local $${s.toUpperCase()} v128)`).join(" ")}`,
    ...scalars.map((s) =>
      `    (local.set $${s.toUpperCase()} (f64x2.splat (f64.promote_f32 (local.get $${s}))))`
    ),
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
