/**
 * `CosineDistance`: one minus the cosine similarity of each row pair.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats1d, Floats2d } from "@weft/types";
import { assertSameShape, type Loss, opsFor, syncReader } from "./loss.ts";

/** Options of {@linkcode CosineDistance}. */
export interface CosineDistanceOptions {
  /** Divide gradient and loss by the number of rows; true by default. */
  normalize?: boolean | undefined;
  /** Give rows whose truth is all zeros no gradient and no loss; false by default. */
  ignoreZeros?: boolean | undefined;
  /** The backend of the guesses; the current ops by default. */
  ops?: Ops | undefined;
}

/**
 * Cosine distance (`CosineDistance.v1`): the loss is the sum over rows of
 * `1 - cos(guess, truth)` (divided by the rows when `normalize`), and the gradient
 * its derivative with respect to the guesses, as Thinc computes them.
 *
 * Gradient and per-row losses are computed on the backend (`ops.cosineDistance`);
 * `getGrad` reads nothing, while the loss value is read back: asynchronously by
 * `call`/`getLoss` on every backend, synchronously by the `*Sync` methods on the CPU.
 *
 * @example Parallel rows have no loss
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { CosineDistance } from "@weft/layers";
 * const ops = getOps("cpu");
 * const loss = new CosineDistance().getLossSync(ops.asarray2f([1, 2], 1, 2), ops.asarray2f([2, 4], 1, 2));
 * assert.ok(Math.abs(loss) < 1e-6);
 * ```
 */
export class CosineDistance implements Loss<Floats2d, Floats2d, Floats2d> {
  /** Whether gradient and loss are divided by the number of rows. */
  readonly normalize: boolean;
  /** Whether rows with all-zero truths are ignored. */
  readonly ignoreZeros: boolean;
  readonly #ops: Ops | undefined;

  /**
   * Create the loss.
   *
   * @param options `normalize`, `ignoreZeros`, `ops`
   */
  constructor(options: CosineDistanceOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.ignoreZeros = options.ignoreZeros ?? false;
    this.#ops = options.ops;
  }

  // On the backend (`ops.cosineDistance`, Thinc's formulas with its `+ 1e-8` on every
  // value); only the per-row losses are read back, and only when the loss is asked for.
  #compute(guesses: Floats2d, truths: Floats2d): [Ops, Floats2d, Floats1d, number] {
    assertSameShape(guesses, truths, "cosine similarity");
    const ops = opsFor(this.#ops, guesses, "CosineDistance");
    const { dGuesses, losses } = ops.cosineDistance(guesses, truths, this.ignoreZeros);
    const rows = guesses.shape[0];
    const scale = this.normalize && rows > 0 ? 1 / rows : 1;
    if (scale !== 1) ops.scaleInPlace(dGuesses, scale);
    return [ops, dGuesses, losses, scale];
  }

  static #total(values: ArrayLike<number>, scale: number): number {
    let loss = 0;
    for (let i = 0; i < values.length; i++) loss += values[i]! * scale;
    return loss;
  }

  /**
   * The gradient, computed on the backend (every backend; nothing is read back).
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient
   * @throws {RangeError} for mismatched shapes
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const d = new CosineDistance().getGrad(ops.asarray2f([1, 0], 1, 2), ops.asarray2f([0, 1], 1, 2));
   * // Moving the guess towards the truth lowers the loss.
   * assert.ok(ops.readSync!(d)[1]! < 0);
   * ```
   */
  getGrad(guesses: Floats2d, truths: Floats2d): Floats2d {
    const [ops, dGuesses, losses] = this.#compute(guesses, truths);
    ops.release(losses);
    return dGuesses;
  }

  /**
   * The gradient, reading the values asynchronously (every backend).
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient
   * @throws {RangeError} for mismatched shapes
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const d = await new CosineDistance().getGradAsync(ops.asarray2f([1, 1], 1, 2), ops.asarray2f([1, 1], 1, 2));
   * assert.ok(ops.readSync!(d).every((v) => Math.abs(v) < 1e-6));
   * ```
   */
  getGradAsync(guesses: Floats2d, truths: Floats2d): Promise<Floats2d> {
    return Promise.resolve(this.getGrad(guesses, truths));
  }

  /**
   * The loss, reading the values back.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = await new CosineDistance().getLoss(ops.asarray2f([1, 0], 1, 2), ops.asarray2f([0, 1], 1, 2));
   * assert.ok(Math.abs(loss - 1) < 1e-6);
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
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new CosineDistance({ ignoreZeros: true }).getLossSync(ops.asarray2f([1, 0], 1, 2), ops.alloc2f(1, 2));
   * assert.equal(loss, 0);
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
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [d, loss] = await new CosineDistance().call(ops.asarray2f([1, 0], 1, 2), ops.asarray2f([-1, 0], 1, 2));
   * assert.deepEqual(d.shape, [1, 2]);
   * assert.ok(Math.abs(loss - 2) < 1e-6);
   * ```
   */
  async call(guesses: Floats2d, truths: Floats2d): Promise<[Floats2d, number]> {
    const [ops, dGuesses, losses, scale] = this.#compute(guesses, truths);
    const values = await ops.read(losses);
    ops.release(losses);
    return [dGuesses, CosineDistance.#total(values, scale)];
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
   * import { CosineDistance } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [, loss] = new CosineDistance({ normalize: false }).callSync(ops.asarray2f([1, 0, 0, 1], 2, 2), ops.asarray2f([0, 1, 0, 1], 2, 2));
   * assert.ok(Math.abs(loss - 1) < 1e-6);
   * ```
   */
  callSync(guesses: Floats2d, truths: Floats2d): [Floats2d, number] {
    const ops = opsFor(this.#ops, guesses, "CosineDistance");
    const read = syncReader(ops, "CosineDistance");
    const [, dGuesses, losses, scale] = this.#compute(guesses, truths);
    const total = CosineDistance.#total(read(losses), scale);
    ops.release(losses);
    return [dGuesses, total];
  }
}
