/**
 * `CategoricalCrossentropy`: Thinc's categorical loss for softmax outputs.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import { type Floats2d, NdArray } from "@weft/types";
import {
  type CategoricalTruths,
  type HostTargets,
  hostTargets,
  type TruthOptions,
} from "./categorical_truths.ts";
import { type Loss, opsFor, sumOfSquares, syncReader } from "./loss.ts";

/** Options of {@linkcode CategoricalCrossentropy}; Thinc's keyword arguments in camelCase. */
export interface CategoricalCrossentropyOptions extends TruthOptions {
  /** Divide the gradient by the number of rows; true by default. */
  normalize?: boolean | undefined;
  /** The backend of the guesses; the current ops by default. */
  ops?: Ops | undefined;
}

/**
 * Categorical cross-entropy (`CategoricalCrossentropy.v3`): the gradient with respect
 * to the logits of a softmax output is `(guess - truth) * mask`, divided by the
 * number of rows when `normalize`; the loss is the sum of its squares, as in Thinc.
 * Truths may be class indices, label names (with `missingValue` rows masked and
 * `negPrefix` labels meaning "not this class"), or a float array of distributions;
 * `labelSmoothing` spreads some of the gold probability over the other classes.
 *
 * @example A missing label and a negative label
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { CategoricalCrossentropy } from "@weft/layers";
 * const ops = getOps("cpu");
 * const loss = new CategoricalCrossentropy({ names: ["A", "B"], missingValue: "", negPrefix: "!" });
 * const guesses = ops.asarray2f([0.5, 0.5, 0.25, 0.75, 0.5, 0.5], 3, 2);
 * const d = ops.readSync!(loss.getGrad(guesses, ["A", "", "!B"]));
 * // Row 1 is missing (no gradient); row 2 only pushes "B" down.
 * const third = Math.fround(0.5 / 3);
 * assert.deepEqual(Array.from(d, (v) => v + 0), [-third, third, 0, 0, 0, third]);
 * ```
 */
export class CategoricalCrossentropy implements Loss<Floats2d, CategoricalTruths, Floats2d> {
  /** Whether the gradient is divided by the number of rows. */
  readonly normalize: boolean;
  /** How truths are read. */
  readonly truthOptions: TruthOptions;
  readonly #ops: Ops | undefined;

  /**
   * Create the loss.
   *
   * @param options `normalize`, `names`, `missingValue`, `negPrefix`, `labelSmoothing`, `ops`
   */
  constructor(options: CategoricalCrossentropyOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.truthOptions = {
      names: options.names ?? null,
      missingValue: options.missingValue ?? null,
      negPrefix: options.negPrefix ?? null,
      labelSmoothing: options.labelSmoothing ?? 0,
    };
    this.#ops = options.ops;
  }

  /**
   * The host target and mask for `rows × cols` guesses (Thinc's `convert_truths`).
   *
   * @param truths indices or names (float-array truths need no conversion)
   * @param rows the number of guesses
   * @param cols the number of classes
   * @returns the target distributions and the mask, row-major
   * @throws {RangeError} for unknown labels, bad indices or a wrong number of truths
   * @throws {TypeError} for string truths without names
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const loss = new CategoricalCrossentropy({ labelSmoothing: 0.2 });
   * const { target } = loss.convertTruths([1], 1, 3);
   * assert.deepEqual([...target], [0.1, 0.8, 0.1].map(Math.fround));
   * ```
   */
  convertTruths(
    truths: Exclude<CategoricalTruths, Floats2d>,
    rows: number,
    cols: number,
  ): HostTargets {
    return hostTargets(truths, rows, cols, this.truthOptions);
  }

  /**
   * The gradient with respect to the logits: `(guesses - target) * mask [/ rows]`.
   *
   * @param guesses `[N, nClasses]` probabilities
   * @param truths indices, names, or an `[N, nClasses]` array
   * @returns the gradient, on the guesses' backend
   * @throws {RangeError} for mismatched shapes, unknown labels, or label smoothing with array truths
   * @throws {TypeError} when array truths with a `missingValue` must be read on a backend that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new CategoricalCrossentropy({ normalize: false });
   * const d = loss.getGrad(ops.asarray2f([0.25, 0.75], 1, 2), [1]);
   * assert.deepEqual([...ops.readSync!(d)], [0.25, -0.25]);
   * ```
   */
  getGrad(guesses: Floats2d, truths: CategoricalTruths): Floats2d {
    const ops = opsFor(this.#ops, guesses, "CategoricalCrossentropy");
    const [rows, cols] = guesses.shape;
    let target: Floats2d;
    let mask: Float32Array | undefined;
    if (truths instanceof NdArray) {
      target = this.#arrayTarget(guesses, truths);
      mask = this.#arrayMask(ops, truths);
    } else {
      const host = this.convertTruths(truths, rows, cols);
      target = ops.asarray2f(host.target, rows, cols);
      mask = host.mask;
    }
    let d = ops.sub(guesses, target);
    if (mask !== undefined) d = ops.mul(d, ops.asarray2f(mask, rows, cols));
    if (this.normalize && rows > 0) d = ops.scale(d, 1 / rows);
    return d;
  }

  #arrayTarget(guesses: Floats2d, truths: Floats2d): Floats2d {
    if (truths.shape[0] !== guesses.shape[0] || truths.shape[1] !== guesses.shape[1]) {
      throw new RangeError(
        `Cannot calculate CategoricalCrossentropy loss: mismatched shapes: [${guesses.shape}] vs [${truths.shape}]`,
      );
    }
    if (this.truthOptions.labelSmoothing) {
      throw new RangeError(
        "Label smoothing applies to class indices or names, not to an array of target distributions",
      );
    }
    return truths;
  }

  /** Rows whose most likely class is the missing value are masked (Thinc's argmax rule). */
  #arrayMask(ops: Ops, truths: Floats2d): Float32Array | undefined {
    const missing = this.truthOptions.missingValue;
    if (missing === null || missing === undefined) return undefined;
    const [rows, cols] = truths.shape;
    const read = syncReader(ops, "CategoricalCrossentropy with missing_value and array truths");
    const labels = read(ops.argmax(truths));
    const mask = new Float32Array(rows * cols).fill(1);
    for (let i = 0; i < rows; i++) {
      if (labels[i] === missing) mask.fill(0, i * cols, (i + 1) * cols);
    }
    return mask;
  }

  /**
   * The loss, `sum(gradient²)`, reading the gradient back.
   *
   * @param guesses `[N, nClasses]` probabilities
   * @param truths indices, names, or an `[N, nClasses]` array
   * @returns the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new CategoricalCrossentropy();
   * assert.equal(await loss.getLoss(ops.asarray2f([0.5, 0.5], 1, 2), [0]), 0.5);
   * ```
   */
  async getLoss(guesses: Floats2d, truths: CategoricalTruths): Promise<number> {
    return (await this.call(guesses, truths))[1];
  }

  /**
   * The loss, read synchronously.
   *
   * @param guesses `[N, nClasses]` probabilities
   * @param truths indices, names, or an `[N, nClasses]` array
   * @returns the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const loss = new CategoricalCrossentropy();
   * assert.equal(loss.getLossSync(ops.asarray2f([1, 0], 1, 2), [0]), 0);
   * ```
   */
  getLossSync(guesses: Floats2d, truths: CategoricalTruths): number {
    return this.callSync(guesses, truths)[1];
  }

  /**
   * `[gradient, loss]`, as Thinc's `loss(guesses, truths)`.
   *
   * @param guesses `[N, nClasses]` probabilities
   * @param truths indices, names, or an `[N, nClasses]` array
   * @returns the gradient and the loss
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [d, loss] = await new CategoricalCrossentropy().call(ops.asarray2f([0, 1], 1, 2), [0]);
   * assert.deepEqual(d.shape, [1, 2]);
   * assert.equal(loss, 2);
   * ```
   */
  async call(guesses: Floats2d, truths: CategoricalTruths): Promise<[Floats2d, number]> {
    const d = this.getGrad(guesses, truths);
    const ops = opsFor(this.#ops, guesses, "CategoricalCrossentropy");
    return [d, sumOfSquares(await ops.read(d))];
  }

  /**
   * `[gradient, loss]`, read synchronously.
   *
   * @param guesses `[N, nClasses]` probabilities
   * @param truths indices, names, or an `[N, nClasses]` array
   * @returns the gradient and the loss
   * @throws {TypeError} on backends that cannot read synchronously
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * import { CategoricalCrossentropy } from "@weft/layers";
   * const ops = getOps("cpu");
   * const [, loss] = new CategoricalCrossentropy().callSync(ops.asarray2f([0, 1], 1, 2), [1]);
   * assert.equal(loss, 0);
   * ```
   */
  callSync(guesses: Floats2d, truths: CategoricalTruths): [Floats2d, number] {
    const ops = opsFor(this.#ops, guesses, "CategoricalCrossentropy");
    const read = syncReader(ops, "CategoricalCrossentropy.callSync");
    const d = this.getGrad(guesses, truths);
    return [d, sumOfSquares(read(d))];
  }
}
