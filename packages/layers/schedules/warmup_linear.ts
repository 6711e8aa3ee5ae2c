/**
 * `warmup_linear.v1`.
 *
 * @module
 */
import { Schedule } from "./schedule.ts";

/**
 * A linear rise from 0 to `initialRate` over `warmupSteps`, then a linear fall to 0
 * at `totalSteps` (`warmup_linear.v1`).
 *
 * @param initialRate the peak value
 * @param warmupSteps the length of the rise
 * @param totalSteps the step at which the value reaches 0
 * @returns the schedule
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmupLinear } from "@weft/layers";
 * const s = warmupLinear(1, 2, 6);
 * assert.deepEqual([0, 1, 2, 3, 6, 7].map((i) => s.at(i)), [0, 0.5, 1, 0.75, 0, 0]);
 * ```
 */
export function warmupLinear(
  initialRate: number,
  warmupSteps: number,
  totalSteps: number,
): Schedule<number> {
  return new Schedule("warmup_linear", (step) => {
    const factor = step < warmupSteps
      ? step / Math.max(1, warmupSteps)
      : Math.max(0, (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    return factor * initialRate;
  });
}
