/**
 * `CosineDistance`: one minus the cosine similarity of each row pair.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats2d } from "@weft/types";
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

/** Gradient and loss from host values (Thinc's formulas, with its `+ 1e-8` on every value). */
function cosineOnHost(
  guesses: Float32Array,
  truths: Float32Array,
  rows: number,
  cols: number,
  normalize: boolean,
  ignoreZeros: boolean,
): { grad: Float32Array; loss: number } {
  const tiny = Math.fround(1e-8);
  const grad = new Float32Array(rows * cols);
  const scale = normalize ? 1 / rows : 1;
  let loss = 0;
  const yh = new Float64Array(cols);
  const y = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    let dot = 0;
    let sqYh = 0;
    let sqY = 0;
    let absTruth = 0;
    for (let j = 0; j < cols; j++) {
      // The arrays are float32 in Thinc, so the constant is added in float32.
      yh[j] = Math.fround(guesses[i * cols + j]! + tiny);
      y[j] = Math.fround(truths[i * cols + j]! + tiny);
      absTruth += Math.abs(truths[i * cols + j]!);
      dot += yh[j]! * y[j]!;
      sqYh += yh[j]! * yh[j]!;
      sqY += y[j]! * y[j]!;
    }
    if (ignoreZeros && absTruth === 0) continue;
    const normYh = Math.sqrt(sqYh);
    const mulNorms = normYh * Math.sqrt(sqY);
    const cosine = dot / mulNorms;
    for (let j = 0; j < cols; j++) {
      const d = y[j]! / mulNorms - cosine * (yh[j]! / (normYh * normYh));
      grad[i * cols + j] = -d * scale;
    }
    loss += Math.abs(cosine - 1) * scale;
  }
  return { grad, loss };
}

/**
 * Cosine distance (`CosineDistance.v1`): the loss is the sum over rows of
 * `1 - cos(guess, truth)` (divided by the rows when `normalize`), and the gradient
 * its derivative with respect to the guesses, as Thinc computes them.
 *
 * The row norms are computed on the host: the synchronous methods need a backend
 * that reads synchronously (the CPU); on others use `getGradAsync`/`call`.
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

  #compute(ops: Ops, guesses: Floats2d, yh: Float32Array, y: Float32Array): [Floats2d, number] {
    const [rows, cols] = guesses.shape;
    const { grad, loss } = cosineOnHost(yh, y, rows, cols, this.normalize, this.ignoreZeros);
    return [ops.asarray2f(grad, rows, cols), loss];
  }

  /**
   * The gradient, read synchronously.
   *
   * @param guesses `[N, nO]`
   * @param truths `[N, nO]`
   * @returns the gradient
   * @throws {RangeError} for mismatched shapes
   * @throws {TypeError} on backends that cannot read synchronously
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
    return this.callSync(guesses, truths)[0];
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
  async getGradAsync(guesses: Floats2d, truths: Floats2d): Promise<Floats2d> {
    return (await this.call(guesses, truths))[0];
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
    assertSameShape(guesses, truths, "cosine similarity");
    const ops = opsFor(this.#ops, guesses, "CosineDistance");
    const [yh, y] = await Promise.all([ops.read(guesses), ops.read(truths)]);
    return this.#compute(ops, guesses, yh, y);
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
    assertSameShape(guesses, truths, "cosine similarity");
    const ops = opsFor(this.#ops, guesses, "CosineDistance");
    const read = syncReader(ops, "CosineDistance");
    return this.#compute(ops, guesses, read(guesses), read(truths));
  }
}
