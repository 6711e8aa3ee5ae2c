/**
 * `constant.v1` and `constant_then.v1`.
 *
 * @module
 */
import { Schedule } from "./schedule.ts";

/**
 * The same value at every step (`constant.v1`).
 *
 * @param rate the value
 * @returns the schedule
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant } from "@weft/layers";
 * assert.equal(constant(0.001).at(0), 0.001);
 * ```
 */
export function constant<T = number>(rate: T): Schedule<T> {
  return new Schedule("constant", () => rate);
}

/**
 * `rate` for the first `steps` steps, then `schedule` from its own step 0
 * (`constant_then.v1`, Thinc 8.3: the inner generator starts when the constant part
 * ends; Thinc 9 would evaluate it at the outer step instead).
 *
 * @param rate the value of the first `steps` steps
 * @param steps how many steps keep `rate`
 * @param schedule what follows
 * @returns the schedule
 * @throws {RangeError} when `steps` is negative or not an integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constantThen, decaying } from "@weft/layers";
 * const s = constantThen(1, 2, decaying(0.5, 1));
 * assert.deepEqual([s.at(0), s.at(1), s.at(2), s.at(3)], [1, 1, 0.5, 0.25]);
 * ```
 */
export function constantThen<T = number>(
  rate: T,
  steps: number,
  schedule: Schedule<T>,
): Schedule<T> {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`constant_then: steps must be a non-negative integer, was ${steps}`);
  }
  return new Schedule(
    "constant_then",
    (step, extra) => step < steps ? rate : schedule.at(step - steps, extra),
  );
}
