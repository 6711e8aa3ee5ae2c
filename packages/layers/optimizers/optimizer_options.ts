/**
 * The options of Thinc's `Optimizer` and how its hyperparameters become schedules.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import { constant } from "../schedules/constant.ts";
import { fromIterable, fromSequence, Schedule } from "../schedules/schedule.ts";

/**
 * A hyperparameter: a number, a schedule of the step, or a list or other iterable
 * of numbers (drawn one per step; the last value repeats once it is exhausted).
 */
export type ScheduleLike = number | Schedule<number> | readonly number[] | Iterable<number>;

/** Options of {@linkcode Optimizer}; names follow Thinc's arguments in camelCase. */
export interface OptimizerOptions {
  /**
   * The ops that own the parameters (Thinc's `get_array_ops(weights)`); by default
   * the current ops (`getCurrentOps()`) at the first update.
   */
  ops?: Ops | undefined;
  /** The learning rate. */
  learnRate: ScheduleLike;
  /** L2 penalty, 0 by default. */
  L2?: ScheduleLike | undefined;
  /** First-moment decay, 0.9 by default; 0 (with `beta2` 0) gives plain SGD. */
  beta1?: ScheduleLike | undefined;
  /** Second-moment decay, 0.999 by default. */
  beta2?: ScheduleLike | undefined;
  /** Added to the root of the second moment, 1e-8 by default. */
  eps?: ScheduleLike | undefined;
  /** Clip the gradient's L2 norm to this; 0 disables; 1 by default. */
  gradClip?: ScheduleLike | undefined;
  /** Keep an exponential moving average of every parameter; true by default. */
  useAverages?: boolean | undefined;
  /** Use RAdam instead of Adam; false by default. */
  useRadam?: boolean | undefined;
  /** Apply L2 as decoupled weight decay (AdamW) rather than adding it to the gradient; true by default. */
  L2IsWeightDecay?: boolean | undefined;
}

/** Options of one {@linkcode Optimizer.update} call. */
export interface UpdateOptions {
  /** Multiply the learning rate by this for this update (Thinc's `lr_scale`); 1 by default. */
  lrScale?: number | undefined;
}

/** A hyperparameter as a schedule; `name` is Thinc's, for errors. */
export function toSchedule(name: string, value: ScheduleLike): Schedule<number> {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Invalid optimizer ${name}: ${value} is not a finite number`);
    }
    return constant(value);
  }
  if (value instanceof Schedule) return value;
  if (Array.isArray(value)) return fromSequence(value as readonly number[]);
  if (value !== null && typeof value === "object" && Symbol.iterator in value) {
    return fromIterable(value as Iterable<number>);
  }
  throw new TypeError(
    `Invalid schedule for optimizer ${name}: expected a number, list, iterable or Schedule`,
  );
}
