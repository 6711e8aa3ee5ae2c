/**
 * The progress bar drawn on a terminal while training: steps done towards
 * the next evaluation (spaCy draws a tqdm bar with the same total).
 *
 * @module
 */

/**
 * One frame of the progress bar (no newline; the caller writes `\r` first).
 *
 * @param done steps done since the last evaluation
 * @param total steps between evaluations
 * @param width the bar's width in characters
 * @returns the frame
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progressFrame } from "@weft/cli";
 * assert.equal(progressFrame(50, 200, 8), "  25%|██      | 50/200 steps to the next evaluation");
 * ```
 */
export function progressFrame(done: number, total: number, width = 30): string {
  const t = Math.max(1, total);
  const d = Math.min(done, t);
  const filled = Math.round((d / t) * width);
  const pct = String(Math.floor((d / t) * 100)).padStart(3);
  return ` ${pct}%|${"█".repeat(filled)}${
    " ".repeat(width - filled)
  }| ${d}/${t} steps to the next evaluation`;
}
