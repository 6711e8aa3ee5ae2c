/**
 * The reference form of `Ops.adamStep`, composed of the single-purpose ops, for
 * backends without a fused kernel (and as the specification the fused kernels
 * are tested against).
 *
 * @module
 */
import type { Floats1d } from "@weft/types";
import type { AdamStepOptions, Ops } from "./ops.ts";

/**
 * One Adam step in Thinc's optimizer order, composed of existing ops: add
 * `L2 * weights` to the gradient (coupled L2), clip the gradient's norm to
 * `gradClip`, `adam`, scale the weights by `weightDecay`, update `averages`, and
 * zero the gradient.
 *
 * @param ops the backend that owns the arrays
 * @param weights updated in place
 * @param gradient consumed: zero afterwards
 * @param mom1 the first moment, updated in place
 * @param mom2 the second moment, updated in place
 * @param options the hyperparameters (see {@linkcode AdamStepOptions})
 * @throws {RangeError} when shapes differ, or `averages` comes without `averagesStep`
 * @example One step with clipping and averages
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamStepComposed, getOps } from "@weft/ops";
 * const ops = getOps("cpu");
 * const w = ops.asarray1f([1, 1]);
 * const g = ops.asarray1f([30, -40]);
 * const [m1, m2, avg] = [ops.alloc1f(2), ops.alloc1f(2), ops.alloc1f(2)];
 * adamStepComposed(ops, w, g, m1, m2, {
 *   beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.1,
 *   gradClip: 5, averages: avg, averagesStep: 1,
 * });
 * // The clipped gradient is [3, -4]; its first moment is 0.1 of it.
 * const [a, b] = ops.readSync!(m1);
 * assert.ok(Math.abs(a! - 0.3) < 1e-6 && Math.abs(b! + 0.4) < 1e-6);
 * assert.deepEqual([...ops.readSync!(g)], [0, 0]);
 * ```
 */
export function adamStepComposed(
  ops: Ops,
  weights: Floats1d,
  gradient: Floats1d,
  mom1: Floats1d,
  mom2: Floats1d,
  options: AdamStepOptions,
): void {
  const { gradClip = 0, L2 = 0, weightDecay = 1, averages } = options;
  if (averages !== undefined && options.averagesStep === undefined) {
    throw new RangeError("adamStep: averages need averagesStep (the update count)");
  }
  if (L2 !== 0) ops.addInPlace(gradient, weights, L2);
  if (gradClip > 0) ops.clipGradient(gradient, gradClip);
  const { beta1, beta2, eps, learnRate } = options;
  ops.adam(weights, gradient, mom1, mom2, { beta1, beta2, eps, learnRate });
  if (weightDecay !== 1) ops.scaleInPlace(weights, weightDecay);
  if (averages !== undefined) {
    ops.updateAverages(averages, weights, options.averagesStep!, options.maxDecay ?? 0.9999);
  }
  ops.fill(gradient, 0);
}
