/**
 * `Schedule`: a value (learning rate, batch size, ...) that depends on the training step.
 *
 * Thinc 8.3 schedules are Python generators; Thinc 9 made them objects called with a
 * step. A Weft `Schedule` is both: `at(step, { lastScore })` evaluates it at a step,
 * and iterating it yields the values of steps 0, 1, 2, ... for ever (how spaCy's
 * batchers consume `compounding.v1`).
 *
 * @module
 */

/** A model evaluation passed to schedules: `[step at which it was scored, score]`. */
export type LastScore = readonly [step: number, score: number];

/** Extra information a schedule may use besides the step. */
export interface ScheduleExtra {
  /** The last evaluation, as Thinc's `last_score=(step, score)`; used by `plateau`. */
  lastScore?: LastScore | null | undefined;
}

/** The function behind a {@linkcode Schedule}: the value at a (checked) step. */
export type ScheduleFunction<T> = (step: number, extra: ScheduleExtra) => T;

/**
 * A value that depends on the training step, evaluated with `at()` or iterated.
 *
 * @example Evaluating and iterating
 * ```ts
 * import assert from "node:assert/strict";
 * import { Schedule } from "@weft/layers";
 * const double = new Schedule("double", (step) => 2 * step);
 * assert.equal(double.at(3), 6);
 * const [a, b, c] = double;
 * assert.deepEqual([a, b, c], [0, 2, 4]);
 * ```
 */
export class Schedule<T = number> implements Iterable<T> {
  /** The schedule type, e.g. `"compounding"`. */
  readonly name: string;
  readonly #fn: ScheduleFunction<T>;

  /**
   * Wrap a function of the step as a schedule.
   *
   * @param name the schedule type, for messages
   * @param fn the value at each step
   */
  constructor(name: string, fn: ScheduleFunction<T>) {
    this.name = name;
    this.#fn = fn;
  }

  /**
   * The value at `step`.
   *
   * @param step a non-negative integer (the optimizer's step counter)
   * @param extra the last evaluation score, for schedules that react to it
   * @returns the value
   * @throws {RangeError} when `step` is negative or not an integer
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { constant } from "@weft/layers";
   * assert.equal(constant(0.5).at(100), 0.5);
   * assert.throws(() => constant(0.5).at(-1), RangeError);
   * ```
   */
  at(step: number, extra: ScheduleExtra = {}): T {
    if (!Number.isInteger(step) || step < 0) {
      throw new RangeError(
        `Schedule "${this.name}": step must be a non-negative integer, was ${step}`,
      );
    }
    return this.#fn(step, extra);
  }

  /**
   * The values from `start` on, `stepSize` steps apart, for ever (Thinc's `to_generator`).
   *
   * @param start the first step
   * @param stepSize the distance between steps
   * @param extra passed to every evaluation
   * @returns an infinite iterator
   * @throws {RangeError} when `start` or `stepSize` is negative
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Schedule } from "@weft/layers";
   * const it = new Schedule("id", (s) => s).values(10, 5);
   * assert.deepEqual([it.next().value, it.next().value], [10, 15]);
   * ```
   */
  *values(start = 0, stepSize = 1, extra: ScheduleExtra = {}): Generator<T, never, undefined> {
    if (start < 0 || stepSize < 0) {
      throw new RangeError(
        `Schedule "${this.name}": start and step size must be non-negative, were ${start} and ${stepSize}`,
      );
    }
    for (let step = start;; step += stepSize) yield this.at(step, extra);
  }

  /**
   * Iterate the values of steps 0, 1, 2, ... for ever.
   *
   * @returns an infinite iterator
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { compounding } from "@weft/layers";
   * const sizes = compounding(1, 10, 2)[Symbol.iterator]();
   * assert.deepEqual([1, 2, 3, 4, 5].map(() => sizes.next().value), [1, 2, 4, 8, 10]);
   * ```
   */
  [Symbol.iterator](): Iterator<T> {
    return this.values();
  }
}

/**
 * A schedule that steps through a list, then keeps its last value (Thinc accepts a
 * list wherever a schedule is expected, and an exhausted one keeps its last value).
 *
 * @param values at least one value
 * @returns the schedule
 * @throws {RangeError} when `values` is empty
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromSequence } from "@weft/layers";
 * const s = fromSequence([0.1, 0.2]);
 * assert.deepEqual([s.at(0), s.at(1), s.at(7)], [0.1, 0.2, 0.2]);
 * ```
 */
export function fromSequence<T>(values: readonly T[]): Schedule<T> {
  if (values.length === 0) {
    throw new RangeError("Cannot make a schedule from an empty list of values");
  }
  const copy = [...values];
  const last = copy[copy.length - 1] as T;
  return new Schedule("sequence", (step) => step < copy.length ? copy[step] as T : last);
}

/**
 * A schedule that draws values from an iterator as the step advances and keeps its
 * last value once exhausted: how Thinc's optimizer wraps a generator (any iterable
 * of numbers, e.g. a custom registered generator, is accepted where a schedule is).
 *
 * @param values an iterable with at least one value
 * @returns the schedule
 * @throws {RangeError} when `values` is empty
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromIterable } from "@weft/layers";
 * function* halving() { for (let x = 1; x > 0.1; x /= 2) yield x; }
 * const s = fromIterable(halving());
 * assert.deepEqual([0, 1, 5, 2].map((i) => s.at(i)), [1, 0.5, 0.125, 0.25]);
 * ```
 */
export function fromIterable<T>(values: Iterable<T>): Schedule<T> {
  const iterator = values[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) {
    throw new RangeError("Cannot make a schedule from an empty iterable");
  }
  // Values drawn so far, so steps can be revisited (the optimizer asks several
  // hyperparameters at the same step); iteration stops at the first exhaustion.
  const seen: T[] = [first.value];
  let exhausted = false;
  return new Schedule("iterable", (step) => {
    while (!exhausted && seen.length <= step) {
      const next = iterator.next();
      if (next.done) exhausted = true;
      else seen.push(next.value);
    }
    return seen[Math.min(step, seen.length - 1)] as T;
  });
}
