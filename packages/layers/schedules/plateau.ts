/**
 * `plateau.v1`: scale a schedule down each time the score stops improving.
 *
 * @module
 */
import { Schedule } from "./schedule.ts";

/**
 * The wrapped schedule times `scale ** nPlateaus`, where a plateau is counted after
 * `maxPatience` consecutive evaluations without a better score (`plateau.v1`, as in
 * Thinc 9; Thinc 8.3 has no plateau schedule). Evaluations arrive through
 * `at(step, { lastScore: [scoredAtStep, score] })`; repeating the same evaluation
 * does not count twice. The schedule keeps this state, so use one per optimizer.
 *
 * @param maxPatience evaluations without improvement that make a plateau
 * @param scale the factor applied per plateau
 * @param schedule the schedule to scale
 * @returns the schedule
 * @throws {RangeError} from `at()` when an evaluation is older than the last one seen
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, plateau } from "@weft/layers";
 * const s = plateau(2, 0.5, constant(1));
 * assert.equal(s.at(0, { lastScore: [0, 0.8] }), 1);
 * assert.equal(s.at(1, { lastScore: [1, 0.7] }), 1);
 * assert.equal(s.at(2, { lastScore: [2, 0.7] }), 0.5);
 * ```
 */
export function plateau(
  maxPatience: number,
  scale: number,
  schedule: Schedule<number>,
): Schedule<number> {
  let bestScore: number | undefined;
  let lastScoreStep: number | undefined;
  let patience = 0;
  let nPlateaus = 0;
  return new Schedule("plateau", (step, extra) => {
    const lastScore = extra.lastScore;
    if (lastScore !== undefined && lastScore !== null) {
      const [scoreStep, score] = lastScore;
      if (bestScore === undefined || lastScoreStep === undefined || score > bestScore) {
        bestScore = score;
        patience = 0;
      } else if (scoreStep < lastScoreStep) {
        throw new RangeError(
          `plateau: expected a score with step >= ${lastScoreStep}, was ${scoreStep}`,
        );
      } else if (scoreStep > lastScoreStep) {
        // A new evaluation that did not improve: one more step of patience used.
        patience += 1;
        if (patience === maxPatience) {
          nPlateaus += 1;
          patience = 0;
        }
      }
      lastScoreStep = scoreStep;
    }
    return scale ** nPlateaus * schedule.at(step, extra);
  });
}
