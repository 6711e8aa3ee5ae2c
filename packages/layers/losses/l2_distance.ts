/**
 * `L2Distance`: squared-error loss between two arrays.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { assertSameShape, type Loss, opsFor, sumOfSquares, syncReader } from "./loss.ts";

/** Options of {@linkcode L2Distance}. */
export interface L2DistanceOptions {
  /** Divide the gradient by the number of rows; true by default. */
  normalize?: boolean | undefined;
  /** The backend of the guesses; the current ops by default. */
  ops?: Ops | undefined;
}

/**
 * L2 distance (`L2Distance.v1`): gradient `(guesses - truths) [/ rows]`, loss the
 * sum of its squares, as Thinc.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { L2Distance } from "@weft/layers";
 * const ops = getOps("cpu");
 * const [d, loss] = new L2Distance().callSync(ops.asarray2f([3, 1], 2, 1), ops.asarray2f([1, 1], 2, 1));
 * assert.deepEqual([...ops.readSync!(d)], [1, 0]);
 * assert.equal(loss, 1);
 * ```
 */
export class L2Distance implements Loss<Floats2d, Floats2d, Floats2d> {
  /** Whether the gradient is divided by the number of rows. */
  readonly normalize: boolean;
  readonly #ops: Ops | undefined;

  /**
   * Create the loss.
   *
   * @param options `normalize`, `ops`
   */
  constructor(options: L2DistanceOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.#ops = options.ops;
  }

  /**
   * The gradient `(guesses - truths) [/ rows]`.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient
   * @throws {RangeError} for mismatched shapes
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { L2Distance } from "@weft/layers";
   * const ops = getOps("cpu");
   * assert.throws(() => new L2Distance().getGrad(ops.alloc2f(1, 2), ops.alloc2f(2, 1)), RangeError);
   * ```
   */
  getGrad(guesses: Floats2d, truths: Floats2d): Floats2d {
    assertSameShape(guesses, truths, "L2 distance");
    const ops = opsFor(this.#ops, guesses, "L2Distance");
    const d = ops.sub(guesses, truths);
    return this.normalize && guesses.shape[0] > 0 ? ops.scale(d, 1 / guesses.shape[0]) : d;
  }

  /**
   * The loss, reading the gradient back.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { L2Distance } from "@weft/layers";
   * const ops = getOps("cpu");
   * assert.equal(await new L2Distance().getLoss(ops.asarray2f([2], 1, 1), ops.alloc2f(1, 1)), 4);
   * ```
   */
  async getLoss(guesses: Floats2d, truths: Floats2d): Promise<number> {
    return (await this.call(guesses, truths))[1];
  }

  /**
   * The loss, read synchronously.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { L2Distance } from "@weft/layers";
   * const ops = getOps("cpu");
   * assert.equal(new L2Distance().getLossSync(ops.asarray2f([2], 1, 1), ops.alloc2f(1, 1)), 4);
   * ```
   */
  getLossSync(guesses: Floats2d, truths: Floats2d): number {
    return this.callSync(guesses, truths)[1];
  }

  /**
   * `[gradient, loss]`.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient and the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { L2Distance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [, loss] = await new L2Distance().call(ops.asarray2f([1], 1, 1), ops.asarray2f([1], 1, 1));
   * assert.equal(loss, 0);
   * ```
   */
  async call(guesses: Floats2d, truths: Floats2d): Promise<[Floats2d, number]> {
    const d = this.getGrad(guesses, truths);
    const ops = opsFor(this.#ops, guesses, "L2Distance");
    return [d, sumOfSquares(await ops.read(d))];
  }

  /**
   * `[gradient, loss]`, read synchronously.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient and the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { L2Distance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [, loss] = new L2Distance({ normalize: false }).callSync(ops.asarray2f([1, 3], 2, 1), ops.alloc2f(2, 1));
   * assert.equal(loss, 10);
   * ```
   */
  callSync(guesses: Floats2d, truths: Floats2d): [Floats2d, number] {
    const ops = opsFor(this.#ops, guesses, "L2Distance");
    const read = syncReader(ops, "L2Distance.callSync");
    const d = this.getGrad(guesses, truths);
    return [d, sumOfSquares(read(d))];
  }
}
