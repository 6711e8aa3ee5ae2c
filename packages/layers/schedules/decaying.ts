/**
 * `decaying.v1` and `compounding.v1`.
 *
 * @module
 */
import { Schedule } from "./schedule.ts";

/**
 * `baseRate / (1 + decay * (t + step))` (`decaying.v1`).
 *
 * @param baseRate the value at step 0 (when `t` is 0)
 * @param decay how fast it falls
 * @param options `t`, an offset added to the step (0 by default)
 * @returns the schedule
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decaying } from "@weft/layers";
 * const s = decaying(0.001, 1e-4);
 * assert.equal(s.at(0), 0.001);
 * assert.equal(s.at(1), 0.001 / (1 + 1e-4));
 * ```
 */
export function decaying(
  baseRate: number,
  decay: number,
  options: { t?: number | undefined } = {},
): Schedule<number> {
  const t = options.t ?? 0;
  return new Schedule("decaying", (step) => baseRate * (1 / (1 + decay * (t + step))));
}

function clip(value: number, start: number, stop: number): number {
  return start > stop ? Math.max(value, stop) : Math.min(value, stop);
}

/**
 * `start * compound^step`, clipped at `stop` (`compounding.v1`), the batch-size
 * schedule of spaCy configs.
 *
 * Values are computed as Thinc 8.3's generator does, by repeated multiplication,
 * so truncating them to integers (as spaCy's batchers do) gives the same sizes.
 * Thinc 8.3 ignores `t`; Thinc 9 adds it to the step, and so does Weft (rounded
 * steps keep the repeated multiplication; a fractional `t` uses a power).
 *
 * @param start the first value
 * @param stop the limit, from below when `start < stop`, from above otherwise
 * @param compound the factor between consecutive steps
 * @param options `t`, an offset added to the step (0 by default)
 * @returns the schedule
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compounding } from "@weft/layers";
 * const s = compounding(1, 10, 1.5);
 * assert.deepEqual([s.at(0), s.at(1), s.at(2), s.at(20)], [1, 1.5, 2.25, 10]);
 * ```
 */
export function compounding(
  start: number,
  stop: number,
  compound: number,
  options: { t?: number | undefined } = {},
): Schedule<number> {
  const t = options.t ?? 0;
  // Cache the last product, so iterating step by step costs one multiplication each.
  let cachedStep = 0;
  let cachedValue = start;
  const product = (n: number): number => {
    if (n < cachedStep) {
      cachedStep = 0;
      cachedValue = start;
    }
    while (cachedStep < n) {
      cachedValue *= compound;
      cachedStep += 1;
    }
    return cachedValue;
  };
  return new Schedule("compounding", (step) => {
    const n = step + t;
    const value = Number.isInteger(n) && n >= 0 ? product(n) : start * compound ** n;
    return clip(value, start, stop);
  });
}
