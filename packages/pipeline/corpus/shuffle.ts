/**
 * Seeded shuffling for corpora.
 *
 * @module
 */

/**
 * A seeded pseudo-random generator (mulberry32) returning floats in [0, 1).
 *
 * @param seed an integer seed
 * @returns the generator
 * @example Same seed, same numbers
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "@weft/pipeline";
 * assert.equal(seededRandom(7)(), seededRandom(7)());
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffle an array in place (Fisher–Yates) with a seeded generator.
 *
 * @param items the array
 * @param random a generator from {@linkcode seededRandom}
 * @returns the same array
 * @example A seeded permutation
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom, shuffleInPlace } from "@weft/pipeline";
 * const a = shuffleInPlace([1, 2, 3, 4, 5], seededRandom(1));
 * assert.deepEqual([...a].sort(), [1, 2, 3, 4, 5]);
 * assert.deepEqual(shuffleInPlace([1, 2, 3, 4, 5], seededRandom(1)), a);
 * ```
 */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
