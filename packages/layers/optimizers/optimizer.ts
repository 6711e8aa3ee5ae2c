/**
 * Thinc's `Optimizer`: SGD, Adam and RAdam with L2 (coupled or as weight decay),
 * gradient clipping and weight averages, in Thinc's exact step order.
 *
 * @module
 */
import { getCurrentOps, type Ops } from "@weft/ops";
import type { Floats1d, FloatsXd } from "@weft/types";
import { type OptimizerProtocol, type ParamKey, paramKeyString } from "../optimizer_protocol.ts";
import type { LastScore, Schedule } from "../schedules/schedule.ts";
import {
  type OptimizerOptions,
  type ScheduleLike,
  toSchedule,
  type UpdateOptions,
} from "./optimizer_options.ts";
import { newRadamBuffer, type RadamBuffer, radamUpdate } from "./radam.ts";

export type { OptimizerOptions, ScheduleLike, UpdateOptions };

/**
 * Stochastic gradient descent with optional first and second moments (Adam, RAdam),
 * L2 regularization, gradient clipping and parameter averaging, as Thinc's
 * `Optimizer`. Hyperparameters are schedules evaluated at the optimizer's step,
 * which `stepSchedules()` advances (spaCy calls it once per batch).
 *
 * Per parameter, in order: count the update; add `L2 * W` to the gradient unless L2
 * is weight decay; clip the gradient; take the RAdam, Adam or SGD step; apply weight
 * decay `W -= lr * L2 * W`; update the average.
 *
 * @example One SGD step by hand
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Optimizer } from "@weft/layers";
 * const ops = getOps("cpu");
 * const opt = new Optimizer({ ops, learnRate: 0.5, beta1: 0, beta2: 0, gradClip: 0 });
 * const W = ops.asarray1f([1, 2]);
 * opt.update([0, "W"], W, ops.asarray1f([1, -1]));
 * assert.deepEqual([...ops.readSync!(W)], [0.5, 2.5]);
 * ```
 */
export class Optimizer implements OptimizerProtocol {
  #ops: Ops | undefined;
  /** Whether RAdam replaces Adam. */
  readonly useRadam: boolean;
  /** Whether L2 is decoupled weight decay. */
  readonly L2IsWeightDecay: boolean;
  /** Averaged parameters by `paramKeyString(key)`, when averaging is on. */
  readonly averages: Map<string, FloatsXd> | undefined;
  /** First moments by parameter key. */
  readonly mom1: Map<string, Floats1d> = new Map();
  /** Second moments by parameter key. */
  readonly mom2: Map<string, Floats1d> = new Map();
  /** Number of updates applied to each parameter key. */
  readonly nrUpdate: Map<string, number> = new Map();
  /** The learning-rate schedule. */
  readonly learnRateSchedule: Schedule<number>;
  /** The L2 schedule. */
  readonly L2Schedule: Schedule<number>;
  /** The first-moment decay schedule. */
  readonly beta1Schedule: Schedule<number>;
  /** The second-moment decay schedule. */
  readonly beta2Schedule: Schedule<number>;
  /** The epsilon schedule. */
  readonly epsSchedule: Schedule<number>;
  /** The gradient-clipping schedule. */
  readonly gradClipSchedule: Schedule<number>;
  #step = 0;
  #lastScore: LastScore | null = null;
  readonly #radamBuffer: RadamBuffer = newRadamBuffer();

  /**
   * Create an optimizer; prefer the `Adam`, `RAdam` and `SGD` constructors.
   *
   * @param options the ops and hyperparameters
   * @throws {TypeError} when a hyperparameter is neither a number, an iterable nor a Schedule
   * @throws {RangeError} when a hyperparameter is not finite or a list is empty
   */
  constructor(options: OptimizerOptions) {
    this.#ops = options.ops;
    this.useRadam = options.useRadam ?? false;
    this.L2IsWeightDecay = options.L2IsWeightDecay ?? true;
    this.averages = (options.useAverages ?? true) ? new Map() : undefined;
    this.learnRateSchedule = toSchedule("learn_rate", options.learnRate);
    this.L2Schedule = toSchedule("L2", options.L2 ?? 0);
    this.beta1Schedule = toSchedule("beta1", options.beta1 ?? 0.9);
    this.beta2Schedule = toSchedule("beta2", options.beta2 ?? 0.999);
    this.epsSchedule = toSchedule("eps", options.eps ?? 1e-8);
    this.gradClipSchedule = toSchedule("grad_clip", options.gradClip ?? 1);
  }

  /** The ops that own the parameters: the one given, else the current ops when first needed. */
  get ops(): Ops {
    this.#ops ??= getCurrentOps();
    return this.#ops;
  }

  /** How many times `stepSchedules()` was called: the step schedules are evaluated at. */
  get step(): number {
    return this.#step;
  }

  /** The last evaluation score and the step it was recorded at, or null. */
  get lastScore(): LastScore | null {
    return this.#lastScore;
  }

  /**
   * Record an evaluation score at the current step (Thinc's `optimizer.last_score = score`),
   * for schedules such as `plateau`.
   *
   * @param score the evaluation score
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Adam } from "@weft/layers";
   * const opt = Adam();
   * opt.stepSchedules();
   * opt.setLastScore(0.9);
   * assert.deepEqual(opt.lastScore, [1, 0.9]);
   * ```
   */
  setLastScore(score: number): void {
    this.#lastScore = [this.#step, score];
  }

  /**
   * Advance the schedules by one step.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SGD, decaying } from "@weft/layers";
   * const opt = SGD({ ops: getOps("cpu"), learnRate: decaying(1, 1) });
   * opt.stepSchedules();
   * assert.equal(opt.learnRate, 0.5);
   * ```
   */
  stepSchedules(): void {
    this.#step += 1;
  }

  /** The learning rate at the current step. */
  get learnRate(): number {
    return this.#value(this.learnRateSchedule);
  }

  /** The L2 penalty at the current step. */
  get L2(): number {
    return this.#value(this.L2Schedule);
  }

  /** The first-moment decay at the current step. */
  get beta1(): number {
    return this.#value(this.beta1Schedule);
  }

  /** The second-moment decay at the current step. */
  get beta2(): number {
    return this.#value(this.beta2Schedule);
  }

  /** Epsilon at the current step. */
  get eps(): number {
    return this.#value(this.epsSchedule);
  }

  /** The gradient-clipping threshold at the current step (0: no clipping). */
  get gradClip(): number {
    return this.#value(this.gradClipSchedule);
  }

  #value(schedule: Schedule<number>): number {
    return schedule.at(this.#step, { lastScore: this.#lastScore });
  }

  /**
   * Update `param` in place from `grad` (Thinc's `optimizer(key, weights, gradient)`).
   * `grad` may be modified (L2, clipping). Adam's fused `ops.adamStep` zeroes it, as
   * Thinc's CPU Adam does, and then this returns `true` so `finishUpdate` skips its
   * own zeroing; SGD and RAdam leave it for the caller and return `false`.
   *
   * @param key `[model.id, paramName]`
   * @param param the weights, updated in place
   * @param grad their gradient, same shape
   * @param options `lrScale`
   * @returns whether `grad` has been zeroed
   * @throws {RangeError} when shapes differ, or `beta2 > 0` with `beta1 = 0` (as Thinc)
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { Adam } from "@weft/layers";
   * const ops = getOps("cpu");
   * const opt = Adam({ ops, learnRate: 0.1 });
   * const W = ops.asarray1f([1]);
   * const dW = ops.asarray1f([3]);
   * // Adam's fused step clears the gradient and says so.
   * assert.equal(opt.update([1, "W"], W, dW), true);
   * assert.deepEqual([...ops.readSync!(dW)], [0]);
   * // The first bias-corrected Adam step moves each weight by about the learning rate.
   * assert.ok(Math.abs(ops.readSync!(W)[0]! - 0.9) < 1e-5);
   * assert.ok(opt.averages?.has("1:W"));
   * ```
   */
  update(key: ParamKey, param: FloatsXd, grad: FloatsXd, options: UpdateOptions = {}): boolean {
    if (param.size !== grad.size) {
      throw new RangeError(
        `Optimizer.update(${
          paramKeyString(key)
        }): gradient has ${grad.size} elements, parameter ${param.size}`,
      );
    }
    if (grad.size === 0) return true;
    const { ops } = this;
    if (param.storage.backend !== ops.name) {
      throw new TypeError(
        `Optimizer.update(${
          paramKeyString(key)
        }): the parameter lives on the "${param.storage.backend}" backend but the optimizer uses "${ops.name}"; pass { ops } when creating it`,
      );
    }
    const lrScale = options.lrScale ?? 1;
    const name = paramKeyString(key);
    const nrUpd = (this.nrUpdate.get(name) ?? 0) + 1;
    this.nrUpdate.set(name, nrUpd);
    const W = ops.reshape<readonly [number], "float32">(param, [param.size]);
    const dW = ops.reshape<readonly [number], "float32">(grad, [grad.size]);
    const L2 = this.L2;
    if (!this.useRadam && this.beta1 > 0 && this.beta2 > 0) {
      this.#adamStep(name, nrUpd, param, W, dW, L2, lrScale);
      return true;
    }
    if (L2 !== 0 && !this.L2IsWeightDecay) ops.addInPlace(dW, W, L2);
    const gradClip = this.gradClip;
    if (gradClip) ops.clipGradient(dW, gradClip);
    const beta1 = this.beta1;
    const beta2 = this.beta2;
    if (this.useRadam) {
      // Thinc's RAdam ignores lr_scale and counts steps from nr_update + 1.
      const [mom1, mom2] = this.#moments(name, W.size);
      radamUpdate(ops, this.#radamBuffer, W, dW, mom1, mom2, {
        step: nrUpd + 1,
        beta1,
        beta2,
        eps: this.eps,
        learnRate: this.learnRate,
      });
    } else if (beta1 > 0 && beta2 > 0) {
      const [mom1, mom2] = this.#moments(name, W.size);
      const fix1 = 1 - beta1 ** nrUpd;
      const fix2 = 1 - beta2 ** nrUpd;
      const learnRate = this.learnRate * fix2 ** 0.5 / fix1;
      // Thinc's CPU Adam kernel takes its hyperparameters as C floats and computes
      // `1 - beta` in float32; rounding them here makes every backend agree with it
      // (for beta2 = 0.999 the difference is 1e-5 relative in the second moment).
      const f = Math.fround;
      ops.adam(W, dW, mom1, mom2, {
        beta1: f(beta1),
        beta2: f(beta2),
        eps: f(this.eps),
        learnRate: f(learnRate * lrScale),
      });
    } else if (beta2 > 0) {
      throw new RangeError(
        `Optimizer: beta2 > 0 with beta1 = ${beta1} is not supported (use Adam or SGD)`,
      );
    } else {
      ops.addInPlace(W, dW, -(lrScale * this.learnRate));
    }
    if (L2 !== 0 && this.L2IsWeightDecay) {
      // `W -= lr * L2 * W` as one in-place scale (equal up to float rounding).
      ops.scaleInPlace(W, 1 - lrScale * this.learnRate * L2);
    }
    const average = this.#average(name, param);
    if (average !== undefined) ops.updateAverages(average, W, nrUpd);
    return false;
  }

  /** Adam with L2, clipping, weight decay and averages as one fused `ops.adamStep`. */
  #adamStep(
    name: string,
    nrUpd: number,
    param: FloatsXd,
    W: Floats1d,
    dW: Floats1d,
    L2: number,
    lrScale: number,
  ): void {
    const { ops, beta1, beta2 } = this;
    const [mom1, mom2] = this.#moments(name, W.size);
    const fix1 = 1 - beta1 ** nrUpd;
    const fix2 = 1 - beta2 ** nrUpd;
    const learnRate = this.learnRate;
    // Thinc's CPU Adam kernel takes its hyperparameters as C floats and computes
    // `1 - beta` in float32; rounding them here makes every backend agree with it
    // (for beta2 = 0.999 the difference is 1e-5 relative in the second moment).
    const f = Math.fround;
    const decoupled = L2 !== 0 && this.L2IsWeightDecay;
    ops.adamStep(W, dW, mom1, mom2, {
      beta1: f(beta1),
      beta2: f(beta2),
      eps: f(this.eps),
      learnRate: f(learnRate * fix2 ** 0.5 / fix1 * lrScale),
      gradClip: this.gradClip,
      L2: this.L2IsWeightDecay ? 0 : L2,
      // `W -= lr * L2 * W` as one in-place scale (equal up to float rounding).
      weightDecay: decoupled ? 1 - lrScale * learnRate * L2 : 1,
      averages: this.#average(name, param),
      averagesStep: nrUpd,
    });
  }

  /** The flat view of the parameter's average (allocated in its shape), if averaging. */
  #average(name: string, param: FloatsXd): Floats1d | undefined {
    if (this.averages === undefined) return undefined;
    let average = this.averages.get(name);
    if (average === undefined) {
      average = this.ops.alloc(param.shape, "float32");
      this.averages.set(name, average);
    }
    return this.ops.reshape<readonly [number], "float32">(average, [average.size]);
  }

  #moments(name: string, size: number): [Floats1d, Floats1d] {
    let mom1 = this.mom1.get(name);
    if (mom1 === undefined) {
      mom1 = this.ops.alloc1f(size);
      this.mom1.set(name, mom1);
    }
    let mom2 = this.mom2.get(name);
    if (mom2 === undefined) {
      mom2 = this.ops.alloc1f(size);
      this.mom2.set(name, mom2);
    }
    return [mom1, mom2];
  }
}
