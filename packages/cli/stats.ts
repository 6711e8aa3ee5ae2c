/**
 * Statistics for `benchmark speed`: the mean with a bootstrap 95% interval,
 * and outliers by the interquartile range.
 *
 * @module
 */

/** A seeded generator (mulberry32), so that intervals are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The mean and its bootstrap 95% confidence interval (the 2.5th and 97.5th
 * percentiles of the means of `samples` resamples with replacement).
 *
 * @param values the measurements
 * @param samples how many resamples (default 1000)
 * @param seed the resampling seed
 * @returns mean, low and high
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bootstrapMean } from "@weft/cli";
 * const { mean, low, high } = bootstrapMean([10, 10, 10]);
 * assert.deepEqual([mean, low, high], [10, 10, 10]);
 * const r = bootstrapMean([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * assert.equal(r.mean, 5.5);
 * assert.ok(r.low < 5.5 && r.high > 5.5 && r.low >= 1 && r.high <= 10);
 * ```
 */
export function bootstrapMean(
  values: readonly number[],
  samples = 1000,
  seed = 0,
): { mean: number; low: number; high: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const rand = random(seed);
  const means: number[] = [];
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rand() * n)]!;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  return { mean, low: percentile(means, 0.025), high: percentile(means, 0.975) };
}

/**
 * Outliers by Tukey's fences: below Q1 − k·IQR or above Q3 + k·IQR
 * (k = 1.5 for outliers, 3 for extreme outliers).
 *
 * @param values the measurements
 * @param fence k (default 1.5)
 * @returns the low and high outliers
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { outliers } from "@weft/cli";
 * assert.deepEqual(outliers([10, 11, 10, 12, 11, 100]), { low: [], high: [100] });
 * assert.deepEqual(outliers([10, 11, 10, 12, 11, 14], 3), { low: [], high: [] });
 * ```
 */
export function outliers(
  values: readonly number[],
  fence = 1.5,
): { low: number[]; high: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = percentile(sorted, 0.25);
  const q3 = percentile(sorted, 0.75);
  const iqr = q3 - q1;
  return {
    low: values.filter((v) => v < q1 - fence * iqr),
    high: values.filter((v) => v > q3 + fence * iqr),
  };
}
