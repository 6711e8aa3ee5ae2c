/**
 * `SequenceCategoricalCrossentropy`: categorical cross-entropy over a batch of sequences.
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import {
  CategoricalCrossentropy,
  type CategoricalCrossentropyOptions,
} from "./categorical_crossentropy.ts";
import type { CategoricalTruths } from "./categorical_truths.ts";
import { type Loss, opsFor, sumOfSquares, syncReader } from "./loss.ts";

/**
 * Categorical cross-entropy per sequence (`SequenceCategoricalCrossentropy.v3`): each
 * sequence's gradient is the unnormalized categorical gradient, divided by the number
 * of sequences when `normalize` (as Thinc: by sequences, not by tokens); the loss is
 * the sum of the squared gradients of all sequences.
 *
 * @example Two sequences with a missing tag
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { SequenceCategoricalCrossentropy } from "@weft/layers";
 * const ops = getOps("cpu");
 * const loss = new SequenceCategoricalCrossentropy({ names: ["N", "V"] });
 * const guesses = [ops.asarray2f([1, 0], 1, 2), ops.asarray2f([0, 1, 0.5, 0.5], 2, 2)];
 * const [d, value] = loss.callSync(guesses, [["V"], [null, "V"]]);
 * assert.deepEqual([...ops.readSync!(d[0]!)], [0.5, -0.5]);
 * assert.deepEqual(Array.from(ops.readSync!(d[1]!), (v) => v + 0), [0, 0, 0.25, -0.25]);
 * assert.equal(value, 0.625);
 * ```
 */
export class SequenceCategoricalCrossentropy
  implements Loss<readonly Floats2d[], readonly CategoricalTruths[], Floats2d[]> {
  /** Whether gradients are divided by the number of sequences. */
  readonly normalize: boolean;
  /** The per-sequence loss (never normalized itself). */
  readonly cc: CategoricalCrossentropy;
  readonly #options: CategoricalCrossentropyOptions;

  /**
   * Create the loss.
   *
   * @param options as {@linkcode CategoricalCrossentropy}'s
   */
  constructor(options: CategoricalCrossentropyOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.cc = new CategoricalCrossentropy({ ...options, normalize: false });
    this.#options = options;
  }

  /**
   * One gradient per sequence.
   *
   * @param guesses `[n_i, nClasses]` probabilities per sequence
   * @param truths the truths of each sequence
   * @returns the gradients
   * @throws {RangeError} when the numbers of sequences differ, or as `CategoricalCrossentropy.getGrad`
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SequenceCategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new SequenceCategoricalCrossentropy();
   * assert.throws(() => loss.getGrad([ops.alloc2f(1, 2)], []), RangeError);
   * ```
   */
  getGrad(guesses: readonly Floats2d[], truths: readonly CategoricalTruths[]): Floats2d[] {
    if (guesses.length !== truths.length) {
      throw new RangeError(
        `Cannot calculate SequenceCategoricalCrossentropy loss: ${guesses.length} guesses but ${truths.length} truths`,
      );
    }
    const n = guesses.length;
    return guesses.map((yh, i) => {
      const d = this.cc.getGrad(yh, truths[i]!);
      if (!this.normalize) return d;
      const ops = opsFor(this.#options.ops, yh, "SequenceCategoricalCrossentropy");
      return ops.scale(d, 1 / n);
    });
  }

  /**
   * The loss, reading the gradients back.
   *
   * @param guesses `[n_i, nClasses]` probabilities per sequence
   * @param truths the truths of each sequence
   * @returns the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SequenceCategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new SequenceCategoricalCrossentropy({ normalize: false });
   * assert.equal(await loss.getLoss([ops.asarray2f([0, 1], 1, 2)], [[0]]), 2);
   * ```
   */
  async getLoss(
    guesses: readonly Floats2d[],
    truths: readonly CategoricalTruths[],
  ): Promise<number> {
    return (await this.call(guesses, truths))[1];
  }

  /**
   * The loss, read synchronously.
   *
   * @param guesses `[n_i, nClasses]` probabilities per sequence
   * @param truths the truths of each sequence
   * @returns the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SequenceCategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new SequenceCategoricalCrossentropy();
   * assert.equal(loss.getLossSync([ops.asarray2f([1, 0], 1, 2)], [[0]]), 0);
   * ```
   */
  getLossSync(guesses: readonly Floats2d[], truths: readonly CategoricalTruths[]): number {
    return this.callSync(guesses, truths)[1];
  }

  /**
   * `[gradients, loss]`.
   *
   * @param guesses `[n_i, nClasses]` probabilities per sequence
   * @param truths the truths of each sequence
   * @returns the gradients and the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SequenceCategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [d, loss] = await new SequenceCategoricalCrossentropy().call([], []);
   * assert.deepEqual([d, loss], [[], 0]);
   * ```
   */
  async call(
    guesses: readonly Floats2d[],
    truths: readonly CategoricalTruths[],
  ): Promise<[Floats2d[], number]> {
    const grads = this.getGrad(guesses, truths);
    let loss = 0;
    for (let i = 0; i < grads.length; i++) {
      const ops = opsFor(this.#options.ops, grads[i]!, "SequenceCategoricalCrossentropy");
      loss += sumOfSquares(await ops.read(grads[i]!));
    }
    return [grads, loss];
  }

  /**
   * `[gradients, loss]`, read synchronously.
   *
   * @param guesses `[n_i, nClasses]` probabilities per sequence
   * @param truths the truths of each sequence
   * @returns the gradients and the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { SequenceCategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [d] = new SequenceCategoricalCrossentropy().callSync([ops.alloc2f(2, 3)], [[0, 2]]);
   * assert.deepEqual(d[0]!.shape, [2, 3]);
   * ```
   */
  callSync(
    guesses: readonly Floats2d[],
    truths: readonly CategoricalTruths[],
  ): [Floats2d[], number] {
    const grads = this.getGrad(guesses, truths);
    let loss = 0;
    for (const d of grads) {
      const ops = opsFor(this.#options.ops, d, "SequenceCategoricalCrossentropy");
      loss += sumOfSquares(syncReader(ops, "SequenceCategoricalCrossentropy.callSync")(d));
    }
    return [grads, loss];
  }
}
