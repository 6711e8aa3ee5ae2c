/**
 * The WebAssembly text of small SIMD128 layer kernels whose JavaScript loops cost
 * more than the copies through the module's memory:
 *
 * - `maxout3(x, y, which, n)`: Maxout with three pieces. Four outputs at a time,
 *   the three interleaved pieces are split into lanes with shuffles; the winner is
 *   chosen as the JavaScript kernel chooses it (`b > a`, then `c >` that winner),
 *   and its value taken bit for bit with `v128.bitselect`, so NaNs and signed
 *   zeros come out the same.
 * - `add(x, y, out, n)`: `out = x + y` in float32, lane by lane (the same
 *   rounding as JavaScript's `Math.fround(x + y)`).
 *
 * Pointers are byte offsets; `n` counts outputs and is a multiple of 4 (the caller
 * pads).
 *
 * @module
 */

/** Bytes of lane `lane` (0-3) of the first (`0`) or second (`1`) shuffle operand. */
function lane(operand: 0 | 1, lane: number): string {
  const first = operand * 16 + lane * 4;
  return [first, first + 1, first + 2, first + 3].join(" ");
}

/** `i8x16.shuffle` picking four f32 lanes, each `[operand, lane]`. */
function pick(lanes: [0 | 1, number][], a: string, b: string): string {
  return `(i8x16.shuffle ${lanes.map(([o, l]) => lane(o, l)).join(" ")} ${a} ${b})`;
}

const get = (name: string) => `(local.get ${name})`;

function maxout3Func(): string[] {
  // v0 = [a0 b0 c0 a1], v1 = [b1 c1 a2 b2], v2 = [c2 a3 b3 c3]
  const v0 = get("$v0"), v1 = get("$v1"), v2 = get("$v2");
  const a = pick(
    [[0, 0], [0, 1], [0, 2], [1, 1]],
    pick([[0, 0], [0, 3], [1, 2], [1, 2]], v0, v1),
    v2,
  );
  const b = pick(
    [[0, 0], [0, 1], [0, 2], [1, 2]],
    pick([[0, 1], [1, 0], [1, 3], [1, 3]], v0, v1),
    v2,
  );
  const c = pick(
    [[0, 0], [0, 1], [1, 0], [1, 3]],
    pick([[0, 2], [1, 1], [1, 1], [1, 1]], v0, v1),
    v2,
  );
  return [
    `  (func (export "maxout3") (param $x i32) (param $y i32) (param $w i32) (param $n i32)`,
    `    (local $i i32) (local $end i32) (local $src i32)`,
    `    (local $v0 v128) (local $v1 v128) (local $v2 v128)`,
    `    (local $a v128) (local $b v128) (local $c v128) (local $c1 v128) (local $m v128) (local $c2 v128)`,
    `    (local.set $end (i32.shl (local.get $n) (i32.const 2)))`,
    `    (local.set $src (local.get $x))`,
    `    (if (i32.gt_u (local.get $end) (i32.const 0)) (then`,
    `      (loop $next`,
    `        (local.set $v0 (v128.load (local.get $src)))`,
    `        (local.set $v1 (v128.load offset=16 (local.get $src)))`,
    `        (local.set $v2 (v128.load offset=32 (local.get $src)))`,
    `        (local.set $a ${a})`,
    `        (local.set $b ${b})`,
    `        (local.set $c ${c})`,
    `        (local.set $c1 (f32x4.gt (local.get $b) (local.get $a)))`,
    `        (local.set $m (v128.bitselect (local.get $b) (local.get $a) (local.get $c1)))`,
    `        (local.set $c2 (f32x4.gt (local.get $c) (local.get $m)))`,
    `        (v128.store (i32.add (local.get $y) (local.get $i))`,
    `          (v128.bitselect (local.get $c) (local.get $m) (local.get $c2)))`,
    `        (v128.store (i32.add (local.get $w) (local.get $i))`,
    `          (v128.bitselect (i32x4.splat (i32.const 2))`,
    `            (v128.and (local.get $c1) (i32x4.splat (i32.const 1))) (local.get $c2)))`,
    `        (local.set $src (i32.add (local.get $src) (i32.const 48)))`,
    `        (local.set $i (i32.add (local.get $i) (i32.const 16)))`,
    `        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))`,
    `  )`,
  ];
}

function addFunc(): string[] {
  return [
    `  (func (export "add") (param $x i32) (param $y i32) (param $out i32) (param $n i32)`,
    `    (local $i i32) (local $end i32)`,
    `    (local.set $end (i32.shl (local.get $n) (i32.const 2)))`,
    `    (if (i32.gt_u (local.get $end) (i32.const 0)) (then`,
    `      (loop $next`,
    `        (v128.store (i32.add (local.get $out) (local.get $i))`,
    `          (f32x4.add (v128.load (i32.add (local.get $x) (local.get $i)))`,
    `            (v128.load (i32.add (local.get $y) (local.get $i)))))`,
    `        (local.set $i (i32.add (local.get $i) (i32.const 16)))`,
    `        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))`,
    `  )`,
  ];
}

/**
 * The text of the layer-kernel module (`maxout3`, `add`) with its own memory.
 *
 * @returns WebAssembly text for wabt
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nnWat } from "./nn_wat.ts";
 * assert.match(nnWat(), /\(export "maxout3"\)/);
 * ```
 */
export function nnWat(): string {
  return [
    `(module`,
    `  (memory (export "memory") 1)`,
    ...maxout3Func(),
    ...addFunc(),
    `)`,
    ``,
  ].join("\n");
}
