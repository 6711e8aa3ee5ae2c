/**
 * `slanted_triangular.v1` and `cyclic_triangular.v1`.
 *
 * @module
 */
import { Schedule } from "./schedule.ts";

/** Options of {@linkcode slantedTriangular}. */
export interface SlantedTriangularOptions {
  /** The fraction of `numSteps` spent rising; 0.1 by default. */
  cutFrac?: number | undefined;
  /** How much smaller the lowest value is than `maxRate`; 32 by default. */
  ratio?: number | undefined;
  /** An offset added to the step; 0 by default. */
  t?: number | undefined;
}

/**
 * Howard and Ruder's slanted triangular learning rate (`slanted_triangular.v1`): a
 * short linear rise to `maxRate` over `cut = trunc(numSteps * cutFrac)` steps, then
 * a long linear fall. As in Thinc the fall continues past `numSteps` (values can go
 * negative).
 *
 * @param maxRate the peak value
 * @param numSteps the planned number of steps
 * @param options `cutFrac`, `ratio` and `t`
 * @returns the schedule
 * @throws {RangeError} when the rise would last zero steps (Thinc divides by zero)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slantedTriangular } from "@weft/layers";
 * const s = slantedTriangular(1, 100, { cutFrac: 0.1, ratio: 10 });
 * assert.equal(s.at(9), 1);
 * assert.ok(s.at(0) < s.at(5) && s.at(20) < s.at(9));
 * ```
 */
export function slantedTriangular(
  maxRate: number,
  numSteps: number,
  options: SlantedTriangularOptions = {},
): Schedule<number> {
  const cutFrac = options.cutFrac ?? 0.1;
  const ratio = options.ratio ?? 32;
  const t = options.t ?? 0;
  const cut = Math.trunc(numSteps * cutFrac);
  if (cut === 0) {
    throw new RangeError(
      `slanted_triangular: num_steps * cut_frac must be at least 1, was ${numSteps * cutFrac}`,
    );
  }
  return new Schedule("slanted_triangular", (step) => {
    const tStep = step + t + 1;
    const p = tStep < cut ? tStep / cut : 1 - (tStep - cut) / (cut * (1 / cutFrac - 1));
    return maxRate * (1 + p * (ratio - 1)) * (1 / ratio);
  });
}

/**
 * A triangle wave between `minLr` and `maxLr`, rising for `period` steps and falling
 * for `period` (`cyclic_triangular.v1`).
 *
 * @param minLr the lowest value
 * @param maxLr the highest value
 * @param period half the length of one cycle
 * @returns the schedule
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicTriangular } from "@weft/layers";
 * const s = cyclicTriangular(0, 1, 2);
 * assert.deepEqual([0, 1, 2, 3].map((i) => s.at(i)), [0.5, 1, 0.5, 0]);
 * ```
 */
export function cyclicTriangular(minLr: number, maxLr: number, period: number): Schedule<number> {
  return new Schedule("cyclic_triangular", (step) => {
    const it = step + 1;
    const cycle = Math.floor(1 + it / (2 * period));
    const x = Math.abs(it / period - 2 * cycle + 1);
    const relative = Math.max(0, 1 - x);
    return minLr + (maxLr - minLr) * relative;
  });
}
