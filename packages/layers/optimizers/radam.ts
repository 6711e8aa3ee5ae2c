/**
 * The RAdam step (Liu et al. 2019) as Thinc ports it from the PyTorch reference.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats1d } from "@weft/types";

/** Thinc's cache of `[step, N_sma, step_size]` by `step % 10`, shared by all keys. */
export type RadamBuffer = [number | undefined, number, number][];

/** A fresh, empty RAdam buffer. */
export function newRadamBuffer(): RadamBuffer {
  return Array.from(
    { length: 10 },
    () => [undefined, 0, 0] as [number | undefined, number, number],
  );
}

/** Hyperparameters of one RAdam step. */
export interface RadamStep {
  /** Thinc passes `nr_update + 1` here (its local `state["step"] += 1`). */
  step: number;
  beta1: number;
  beta2: number;
  eps: number;
  learnRate: number;
}

/**
 * The length of the approximated simple moving average, and the step size, for a
 * step; cached in `buffer` by step as Thinc does (so scheduled betas keep the values
 * first computed for a step, exactly like Thinc).
 */
export function radamStepSize(
  buffer: RadamBuffer,
  step: number,
  beta1: number,
  beta2: number,
): { nSma: number; stepSize: number } {
  const buffered = buffer[step % 10] as [number | undefined, number, number];
  if (buffered[0] === step) return { nSma: buffered[1], stepSize: buffered[2] };
  buffered[0] = step;
  const beta2t = beta2 ** step;
  const nSmaMax = 2 / (1 - beta2) - 1;
  const nSma = nSmaMax - 2 * step * beta2t / (1 - beta2t);
  buffered[1] = nSma;
  // Below 5 the variance estimate is too rough: fall back to bias-corrected momentum SGD.
  const stepSize = nSma >= 5
    ? Math.sqrt(
      (1 - beta2t) * (nSma - 4) / (nSmaMax - 4) * (nSma - 2) / nSma * nSmaMax / (nSmaMax - 2),
    ) / (1 - beta1 ** step)
    : 1 / (1 - beta1 ** step);
  buffered[2] = stepSize;
  return { nSma, stepSize };
}

/**
 * One RAdam update in place: moments, then weights. With a reliable variance
 * estimate it is an Adam step of rate `stepSize * learnRate`; otherwise the moments
 * move and the weights follow the first moment alone.
 */
export function radamUpdate(
  ops: Ops,
  buffer: RadamBuffer,
  weights: Floats1d,
  gradient: Floats1d,
  mom1: Floats1d,
  mom2: Floats1d,
  hp: RadamStep,
): void {
  const { nSma, stepSize } = radamStepSize(buffer, hp.step, hp.beta1, hp.beta2);
  // Unlike Adam, Thinc's RAdam is numpy code: `(1 - beta2)` is computed in double
  // precision before meeting the float32 arrays, so the betas are passed unrounded.
  const { beta1, beta2, eps } = hp;
  if (nSma >= 5) {
    ops.adam(weights, gradient, mom1, mom2, {
      beta1,
      beta2,
      eps,
      learnRate: stepSize * hp.learnRate,
    });
  } else {
    // Update the moments through the Adam kernel on a scratch copy of the weights
    // (rate 0 would leave NaNs from 0 / (0 + eps) when eps is 0).
    const scratch = ops.alloc1f(weights.size);
    ops.adam(scratch, gradient, mom1, mom2, { beta1, beta2, eps, learnRate: 0 });
    ops.release(scratch);
    ops.addInPlace(weights, mom1, -stepSize * hp.learnRate);
  }
}
