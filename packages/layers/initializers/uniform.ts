/**
 * Uniform initializers: Glorot (Xavier), He and LeCun scaling, and plain uniform.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import { fans, fromDraws, type InitOptions, rngOf } from "./initializer.ts";

function scaledUniform<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions,
  name: string,
  limit: (fanOut: number, fanIn: number) => number,
): NdArray<S, "float32"> {
  const { fanOut, fanIn } = fans(shape, name);
  const scale = limit(fanOut, fanIn);
  const rng = rngOf(options);
  return fromDraws(ops, shape, name, () => rng.uniform(-scale, scale));
}

/**
 * Glorot uniform (`glorot_uniform_init.v1`): `U(-s, s)` with `s = sqrt(6 / (shape[0] + shape[1]))`.
 *
 * @param ops the backend that receives the array
 * @param shape at least two axes; the first two are the fans, as in Thinc
 * @param options `rng` to draw from instead of the global generator
 * @returns a new float array of `shape`
 * @throws {RangeError} when the shape has fewer than two axes or a bad extent
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { glorotUniformInit, Random } from "@weft/layers";
 * const ops = getOps("cpu");
 * const W = glorotUniformInit(ops, [4, 2] as const, { rng: new Random(0) });
 * const limit = Math.sqrt(6 / 6);
 * assert.ok([...ops.readSync!(W)].every((w) => Math.abs(w) <= limit));
 * ```
 */
export function glorotUniformInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledUniform(
    ops,
    shape,
    options,
    "glorot_uniform_init",
    (o, i) => Math.sqrt(6 / (o + i)),
  );
}

/**
 * He uniform (`he_uniform_init.v1`): `U(-s, s)` with `s = sqrt(6 / shape[1])`.
 *
 * @param ops the backend that receives the array
 * @param shape at least two axes; `shape[1]` is the fan-in
 * @param options `rng` to draw from instead of the global generator
 * @returns a new float array of `shape`
 * @throws {RangeError} when the shape has fewer than two axes or a bad extent
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { heUniformInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * const W = heUniformInit(ops, [3, 6] as const);
 * assert.ok([...ops.readSync!(W)].every((w) => Math.abs(w) <= 1));
 * ```
 */
export function heUniformInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledUniform(ops, shape, options, "he_uniform_init", (_o, i) => Math.sqrt(6 / i));
}

/**
 * LeCun uniform (`lecun_uniform_init.v1`): `U(-s, s)` with `s = sqrt(3 / shape[1])`.
 *
 * @param ops the backend that receives the array
 * @param shape at least two axes; `shape[1]` is the fan-in
 * @param options `rng` to draw from instead of the global generator
 * @returns a new float array of `shape`
 * @throws {RangeError} when the shape has fewer than two axes or a bad extent
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { lecunUniformInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * const W = lecunUniformInit(ops, [2, 3] as const);
 * assert.ok([...ops.readSync!(W)].every((w) => Math.abs(w) <= 1));
 * ```
 */
export function lecunUniformInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledUniform(ops, shape, options, "lecun_uniform_init", (_o, i) => Math.sqrt(3 / i));
}

/** Options of {@linkcode uniformInit}. */
export interface UniformInitOptions extends InitOptions {
  /** The lower bound, -0.1 by default (Thinc's `lo`). */
  lo?: number | undefined;
  /** The upper bound, 0.1 by default (Thinc's `hi`). */
  hi?: number | undefined;
}

/**
 * Plain uniform (`uniform_init.v1`): `U(lo, hi)`, by default `U(-0.1, 0.1)`.
 *
 * @param ops the backend that receives the array
 * @param shape any shape
 * @param options `lo`, `hi`, and `rng` to draw from instead of the global generator
 * @returns a new float array of `shape`
 * @throws {RangeError} when `lo > hi` or an extent is bad
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { uniformInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * const b = uniformInit(ops, [5] as const, { lo: 1, hi: 2 });
 * assert.ok([...ops.readSync!(b)].every((x) => x >= 1 && x <= 2));
 * ```
 */
export function uniformInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: UniformInitOptions = {},
): NdArray<S, "float32"> {
  const lo = options.lo ?? -0.1;
  const hi = options.hi ?? 0.1;
  if (!(lo <= hi)) {
    throw new RangeError(`uniform_init needs lo <= hi, got lo=${lo}, hi=${hi}`);
  }
  const rng = rngOf(options);
  return fromDraws(ops, shape, "uniform_init", () => rng.uniform(lo, hi));
}
