/**
 * `Adam`, `RAdam` and `SGD`: Thinc's optimizer constructors with Thinc's defaults.
 *
 * @module
 */
import { Optimizer, type OptimizerOptions, type ScheduleLike } from "./optimizer.ts";

/** Options of {@linkcode Adam} and {@linkcode RAdam}: every optimizer option but the algorithm. */
export type AdamOptions = Omit<OptimizerOptions, "useRadam" | "learnRate"> & {
  /** The learning rate, 0.001 by default. */
  learnRate?: ScheduleLike | undefined;
};

/** Options of {@linkcode SGD}: no moments, a required learning rate. */
export type SGDOptions = Omit<OptimizerOptions, "useRadam" | "beta1" | "beta2" | "eps">;

/**
 * Adam (`Adam.v1`): learn_rate 0.001, beta1 0.9, beta2 0.999, eps 1e-8, L2 0 as
 * weight decay, grad_clip 1, averages on.
 *
 * @param options any hyperparameters to change, and the ops (the current ones by default)
 * @returns the optimizer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Adam } from "@weft/layers";
 * const opt = Adam({ ops: getOps("cpu") });
 * assert.equal(opt.learnRate, 0.001);
 * assert.equal(opt.beta2, 0.999);
 * ```
 */
export function Adam(options: AdamOptions = {}): Optimizer {
  return new Optimizer({ ...options, learnRate: options.learnRate ?? 0.001, useRadam: false });
}

/**
 * RAdam (`RAdam.v1`), rectified Adam, with Adam's defaults.
 *
 * @param options any hyperparameters to change, and the ops (the current ones by default)
 * @returns the optimizer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { RAdam } from "@weft/layers";
 * assert.equal(RAdam({ ops: getOps("cpu") }).useRadam, true);
 * ```
 */
export function RAdam(options: AdamOptions = {}): Optimizer {
  return new Optimizer({ ...options, learnRate: options.learnRate ?? 0.001, useRadam: true });
}

/**
 * Plain SGD (`SGD.v1`): no moments; L2 0 as weight decay, grad_clip 1, averages on.
 *
 * @param options the learning rate, the ops (the current ones by default) and any hyperparameters to change
 * @returns the optimizer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { SGD } from "@weft/layers";
 * const opt = SGD({ ops: getOps("cpu"), learnRate: 0.1 });
 * assert.equal(opt.beta1, 0);
 * ```
 */
export function SGD(options: SGDOptions): Optimizer {
  return new Optimizer({ ...options, beta1: 0, beta2: 0, useRadam: false });
}
