/**
 * Argument checks shared by the CPU kernels. Every failure is a `RangeError` (or a
 * `TypeError` for a wrong dtype or rank) that names the op and the shapes involved.
 *
 * @module
 */
import type { NdArray, Shape } from "@weft/types";

/** Format a shape as `[a, b]`. */
export function fmt(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** Throw unless `a` and `b` have the same shape. */
export function sameShape(op: string, a: NdArray, b: NdArray, what = "arguments"): void {
  const sa = a.shape;
  const sb = b.shape;
  let same = sa.length === sb.length;
  for (let i = 0; same && i < sa.length; i++) same = sa[i] === sb[i];
  if (!same) {
    throw new RangeError(`${op}: ${what} have different shapes ${fmt(sa)} and ${fmt(sb)}`);
  }
}

/** Throw unless `x` has rank `rank`. */
export function rank(op: string, x: NdArray, r: number, name = "input"): void {
  if (x.shape.length !== r) {
    throw new RangeError(`${op}: ${name} must have rank ${r}, got shape ${fmt(x.shape)}`);
  }
}

/** Throw unless `x` is float32. */
export function floats(op: string, x: NdArray, name = "input"): void {
  if (x.dtype !== "float32") {
    throw new TypeError(`${op}: ${name} must be float32, got ${x.dtype}`);
  }
}

/** Throw unless `x` holds integers. */
export function ints(op: string, x: NdArray, name = "input"): void {
  if (x.dtype !== "int32" && x.dtype !== "uint32") {
    throw new TypeError(`${op}: ${name} must be int32 or uint32, got ${x.dtype}`);
  }
}

/** Throw unless `lengths` are non-negative and sum to `rows`. */
export function lengthsFit(op: string, lengths: Int32Array, rows: number): void {
  let total = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (n < 0 || !Number.isInteger(n)) {
      throw new RangeError(`${op}: length ${i} is negative (${n})`);
    }
    total += n;
  }
  if (total !== rows) {
    throw new RangeError(`${op}: lengths sum to ${total} but the data has ${rows} rows`);
  }
}

/** Throw unless `n` is a non-negative integer. */
export function count(op: string, n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${n}`);
  }
}
