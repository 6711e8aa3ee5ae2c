/**
 * Normal initializers: Glorot (Xavier), He and LeCun scaling, and plain normal.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import { fans, fromDraws, type InitOptions, rngOf } from "./initializer.ts";

function scaledNormal<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions,
  name: string,
  stddev: (fanOut: number, fanIn: number) => number,
): NdArray<S, "float32"> {
  const { fanOut, fanIn } = fans(shape, name);
  const scale = stddev(fanOut, fanIn);
  const rng = rngOf(options);
  return fromDraws(ops, shape, name, () => rng.normal(0, scale));
}

/**
 * Glorot normal (`glorot_normal_init.v1`): `N(0, s²)` with `s = sqrt(2 / (shape[0] + shape[1]))`.
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
 * import { glorotNormalInit, Random } from "@weft/layers";
 * const ops = getOps("cpu");
 * const a = glorotNormalInit(ops, [3, 3] as const, { rng: new Random(1) });
 * const b = glorotNormalInit(ops, [3, 3] as const, { rng: new Random(1) });
 * assert.deepEqual(ops.readSync!(a), ops.readSync!(b));
 * ```
 */
export function glorotNormalInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledNormal(ops, shape, options, "glorot_normal_init", (o, i) => Math.sqrt(2 / (o + i)));
}

/**
 * He normal (`he_normal_init.v1`): `N(0, s²)` with `s = sqrt(2 / shape[1])`.
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
 * import { heNormalInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * assert.deepEqual(heNormalInit(ops, [2, 8] as const).shape, [2, 8]);
 * ```
 */
export function heNormalInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledNormal(ops, shape, options, "he_normal_init", (_o, i) => Math.sqrt(2 / i));
}

/**
 * LeCun normal (`lecun_normal_init.v1`): `N(0, s²)` with `s = sqrt(1 / shape[1])`.
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
 * import { lecunNormalInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * assert.throws(() => lecunNormalInit(ops, [4] as const), RangeError);
 * ```
 */
export function lecunNormalInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: InitOptions = {},
): NdArray<S, "float32"> {
  return scaledNormal(ops, shape, options, "lecun_normal_init", (_o, i) => Math.sqrt(1 / i));
}

/** Options of {@linkcode normalInit}. */
export interface NormalInitOptions extends InitOptions {
  /** The mean, 0 by default. */
  mean?: number | undefined;
  /** The standard deviation, 1 by default. */
  stddev?: number | undefined;
}

/**
 * Plain normal (`normal_init.v1`): `N(mean, stddev²)`.
 *
 * Thinc 8.3's `normal_init` passes its `mean` argument to numpy as the *scale*
 * (so its default, 0, gives zeros); Weft reads `mean` as the mean and adds `stddev`.
 *
 * @param ops the backend that receives the array
 * @param shape any shape
 * @param options `mean`, `stddev`, and `rng` to draw from instead of the global generator
 * @returns a new float array of `shape`
 * @throws {RangeError} when `stddev` is negative or an extent is bad
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { normalInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * const x = normalInit(ops, [3] as const, { mean: 5, stddev: 0 });
 * assert.deepEqual([...ops.readSync!(x)], [5, 5, 5]);
 * ```
 */
export function normalInit<S extends Shape>(
  ops: Ops,
  shape: S,
  options: NormalInitOptions = {},
): NdArray<S, "float32"> {
  const mean = options.mean ?? 0;
  const stddev = options.stddev ?? 1;
  if (!(stddev >= 0)) {
    throw new RangeError(`normal_init needs stddev >= 0, got ${stddev}`);
  }
  const rng = rngOf(options);
  return fromDraws(ops, shape, "normal_init", () => rng.normal(mean, stddev));
}
