/**
 * A small, fast, seeded pseudo-random generator (xoshiro128**) and the global
 * generator that initializers, dropout and shuffling draw from unless given their own.
 *
 * The same seed gives the same stream on every platform: the state is four uint32
 * words updated with 32-bit integer arithmetic only (`Math.imul`, shifts).
 *
 * @module
 */

const TWO_POW_32 = 4294967296;

/** Expand one 32-bit seed into well-mixed words (SplitMix32), as xoshiro's authors advise. */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed)) {
    throw new TypeError(`Invalid random seed ${seed}: expected an integer`);
  }
  // Reduce any integer (negative or beyond 32 bits) to a uint32 without losing
  // the high bits entirely: fold the part above 2^32 into the low word.
  const high = Math.floor(seed / TWO_POW_32);
  return ((seed >>> 0) ^ Math.imul(high | 0, 0x9e3779b1)) >>> 0;
}

/**
 * A seeded xoshiro128** generator with uniform, normal, integer and shuffle draws.
 *
 * @example The same seed gives the same numbers
 * ```ts
 * import assert from "node:assert/strict";
 * import { Random } from "@weft/layers";
 * const a = new Random(42);
 * const b = new Random(42);
 * assert.equal(a.nextFloat(), b.nextFloat());
 * assert.ok(a.nextFloat() < 1);
 * ```
 */
export class Random {
  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;
  /** The second value of the last Box–Muller pair, used by the next `normal()` call. */
  #spare: number | undefined = undefined;

  /**
   * Create a generator from an integer seed.
   *
   * @param seed any integer; equal seeds give equal streams
   * @throws {TypeError} when `seed` is not an integer
   */
  constructor(seed: number) {
    this.seed(seed);
  }

  /**
   * Restart the stream from `seed`.
   *
   * @param seed any integer
   * @throws {TypeError} when `seed` is not an integer
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const rng = new Random(1);
   * const first = rng.nextUint32();
   * rng.seed(1);
   * assert.equal(rng.nextUint32(), first);
   * ```
   */
  seed(seed: number): void {
    const state = { s: checkSeed(seed) };
    this.#s0 = splitMix32(state);
    this.#s1 = splitMix32(state);
    this.#s2 = splitMix32(state);
    this.#s3 = splitMix32(state);
    // xoshiro must never have an all-zero state; SplitMix32 makes that practically
    // impossible, but guard anyway.
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
    this.#spare = undefined;
  }

  /**
   * The next uniformly distributed 32-bit unsigned integer.
   *
   * @returns an integer in `[0, 2^32)`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const x = new Random(7).nextUint32();
   * assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
   * ```
   */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /**
   * A uniform float in `[0, 1)` with 53 random bits.
   *
   * @returns a number `0 <= x < 1`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const x = new Random(3).nextFloat();
   * assert.ok(x >= 0 && x < 1);
   * ```
   */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * A uniform float in `[lo, hi)`.
   *
   * @param lo the lower bound (inclusive)
   * @param hi the upper bound (exclusive)
   * @returns a number in `[lo, hi)`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const x = new Random(3).uniform(-2, 2);
   * assert.ok(x >= -2 && x < 2);
   * ```
   */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextFloat();
  }

  /**
   * A normally distributed float (Box–Muller; pairs are drawn and the spare is kept).
   *
   * @param mean the mean, 0 by default
   * @param stddev the standard deviation, 1 by default
   * @returns a sample of `N(mean, stddev²)`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const rng = new Random(5);
   * let sum = 0;
   * for (let i = 0; i < 10000; i++) sum += rng.normal(3, 0.5);
   * assert.ok(Math.abs(sum / 10000 - 3) < 0.05);
   * ```
   */
  normal(mean = 0, stddev = 1): number {
    let z: number;
    if (this.#spare !== undefined) {
      z = this.#spare;
      this.#spare = undefined;
    } else {
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const u1 = 1 - this.nextFloat();
      const u2 = this.nextFloat();
      const radius = Math.sqrt(-2 * Math.log(u1));
      const angle = 2 * Math.PI * u2;
      z = radius * Math.cos(angle);
      this.#spare = radius * Math.sin(angle);
    }
    return mean + stddev * z;
  }

  /**
   * A uniform integer in `[0, n)`, without modulo bias.
   *
   * @param n the number of possible values, `1 <= n <= 2^32`
   * @returns an integer `0 <= k < n`
   * @throws {RangeError} when `n` is not an integer in `[1, 2^32]`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const k = new Random(9).int(6);
   * assert.ok(Number.isInteger(k) && k >= 0 && k < 6);
   * ```
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`Random.int(${n}): n must be an integer in [1, 2^32]`);
    }
    // Reject the top partial bucket so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * Shuffle an array in place (Fisher–Yates) and return it.
   *
   * @param items the array to permute
   * @returns the same array, permuted
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const xs = new Random(1).shuffle([1, 2, 3, 4, 5]);
   * assert.deepEqual([...xs].sort(), [1, 2, 3, 4, 5]);
   * ```
   */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /**
   * A new, independent generator seeded from this one's stream.
   *
   * @returns a generator whose stream depends only on this one's state
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const a = new Random(11).fork();
   * const b = new Random(11).fork();
   * assert.equal(a.nextUint32(), b.nextUint32());
   * ```
   */
  fork(): Random {
    const child = new Random(0);
    child.#s0 = this.nextUint32();
    child.#s1 = this.nextUint32();
    child.#s2 = this.nextUint32();
    child.#s3 = this.nextUint32();
    if ((child.#s0 | child.#s1 | child.#s2 | child.#s3) === 0) child.#s0 = 1;
    return child;
  }

  /**
   * The generator's four state words, to save and later resume the stream.
   *
   * @returns a copy of the state
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const rng = new Random(8);
   * const copy = Random.fromState(rng.getState());
   * assert.equal(copy.nextUint32(), rng.nextUint32());
   * ```
   */
  getState(): [number, number, number, number] {
    return [this.#s0 >>> 0, this.#s1 >>> 0, this.#s2 >>> 0, this.#s3 >>> 0];
  }

  /**
   * A generator resuming from saved state words (xoshiro128**'s raw state).
   *
   * @param state four uint32 words, not all zero
   * @returns a new generator
   * @throws {RangeError} when a word is not a uint32 or all are zero
   * @example The published xoshiro128** test vector
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * const rng = Random.fromState([1, 2, 3, 4]);
   * assert.deepEqual([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()], [11520, 0, 5927040]);
   * ```
   */
  static fromState(state: readonly [number, number, number, number]): Random {
    for (const word of state) {
      if (!Number.isInteger(word) || word < 0 || word >= TWO_POW_32) {
        throw new RangeError(`Invalid random state word ${word}: expected a uint32`);
      }
    }
    if (state.every((w) => w === 0)) {
      throw new RangeError("Invalid random state: all four words are zero");
    }
    const rng = new Random(0);
    [rng.#s0, rng.#s1, rng.#s2, rng.#s3] = state;
    return rng;
  }

  /**
   * Draw a uint32 seed, e.g. for `ops.getDropoutMask` or `ops.hash`.
   *
   * @returns an integer in `[0, 2^32)`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "@weft/layers";
   * assert.equal(new Random(2).drawSeed(), new Random(2).drawSeed());
   * ```
   */
  drawSeed(): number {
    return this.nextUint32();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The default seed of the global generator, so runs are reproducible without a call. */
const DEFAULT_SEED = 0;

let globalRandom = new Random(DEFAULT_SEED);

/**
 * The global generator that initializers, dropout and shuffling use by default.
 *
 * @returns the current global generator (replaced by {@linkcode setSeed})
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getRandom, setSeed } from "@weft/layers";
 * setSeed(0);
 * const x = getRandom().nextFloat();
 * setSeed(0);
 * assert.equal(getRandom().nextFloat(), x);
 * ```
 */
export function getRandom(): Random {
  return globalRandom;
}

/**
 * Reseed the global generator, making everything drawn from it reproducible.
 *
 * @param seed any integer
 * @throws {TypeError} when `seed` is not an integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawSeed, setSeed } from "@weft/layers";
 * setSeed(123);
 * const a = drawSeed();
 * setSeed(123);
 * assert.equal(drawSeed(), a);
 * ```
 */
export function setSeed(seed: number): void {
  globalRandom = new Random(seed);
}

/**
 * Thinc's `fix_random_seed`: reseed the global generator.
 *
 * @param seed any integer
 * @throws {TypeError} when `seed` is not an integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixRandomSeed, getRandom } from "@weft/layers";
 * fixRandomSeed(0);
 * const x = getRandom().nextUint32();
 * fixRandomSeed(0);
 * assert.equal(getRandom().nextUint32(), x);
 * ```
 */
export function fixRandomSeed(seed: number): void {
  setSeed(seed);
}

/**
 * Draw a uint32 seed from the global generator (for dropout masks and other kernels
 * that take a seed).
 *
 * @returns an integer in `[0, 2^32)`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawSeed } from "@weft/layers";
 * const s = drawSeed();
 * assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
 * ```
 */
export function drawSeed(): number {
  return globalRandom.nextUint32();
}
