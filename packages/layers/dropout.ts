import type { Ops } from "@weft/ops";
import { type FloatsXd, NdArray, Padded, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { drawSeed } from "./random.ts";

/** What `Dropout` accepts: a float array, a Ragged, a Padded or a list of arrays. */
export type DropoutInput = FloatsXd | Ragged<"float32"> | Padded<"float32"> | FloatsXd[];

/**
 * Zero each input cell with probability `rate` during training, scaling the rest
 * by `1 / (1 - rate)` (`Dropout.v1`). Masks come from `ops.getDropoutMask` with a
 * seed drawn from the global generator, so `setSeed` makes them reproducible.
 * The rate lives in the `dropout_rate` attribute (see `Model.setDropoutRate`).
 *
 * @param rate the drop probability, in `[0, 1)`
 * @returns a model named `"dropout"` that is the identity at prediction time
 * @throws {RangeError} when the rate is outside `[0, 1)`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Dropout } from "@weft/layers";
 * const ops = getOps("cpu");
 * const X = ops.asarray2f([1, 2, 3, 4], 2, 2);
 * assert.equal(Dropout(0.5).predict(X), X);
 * const [Y] = Dropout(0.5).beginUpdate(X);
 * assert.ok([...ops.readSync!(Y)].every((y, i) => y === 0 || y === 2 * (i + 1)));
 * ```
 */
export function Dropout<T extends DropoutInput = FloatsXd>(rate = 0): Model<T, T> {
  if (!(rate >= 0 && rate < 1)) {
    throw new RangeError(`Dropout rate must be in [0, 1), got ${rate}`);
  }
  return new Model<T, T>("dropout", forward, {
    attrs: { dropout_rate: rate, is_enabled: true },
  });
}

function masked(ops: Ops, X: FloatsXd, rate: number): [FloatsXd, (d: FloatsXd) => FloatsXd] {
  const seed = drawSeed();
  if (ops.dropoutMul !== undefined) {
    // The backend redraws the same mask from the seed: no mask array, one pass each way.
    const backprop = (d: FloatsXd): FloatsXd => {
      if (d.shape.join() !== X.shape.join()) {
        throw new RangeError(
          `Layer "dropout": gradient shape [${d.shape.join(", ")}] differs from the input's [${
            X.shape.join(", ")
          }]`,
        );
      }
      return ops.dropoutMul!(d, rate, seed);
    };
    return [ops.dropoutMul(X, rate, seed), backprop];
  }
  const mask = ops.getDropoutMask(X.shape, rate, seed);
  return [ops.mul(X, mask), (d) => ops.mul(d, mask)];
}

function forward<T extends DropoutInput>(model: Model<T, T>, X: T, isTrain: boolean) {
  const rate = model.getAttr<number>("dropout_rate");
  if (rate === 0 || !isTrain || !model.getAttr<boolean>("is_enabled")) {
    return [X, (dY: T): T => dY] as const;
  }
  const { ops } = model;
  if (X instanceof NdArray) {
    const [Y, bp] = masked(ops, X, rate);
    return [Y as T, (dY: T): T => bp(dY as FloatsXd) as T] as const;
  }
  if (X instanceof Ragged) {
    const [Y, bp] = masked(ops, X.dataXd, rate);
    const backprop = (dY: T): T => {
      const d = dY as Ragged<"float32">;
      return new Ragged(bp(d.dataXd), d.lengths) as T;
    };
    return [new Ragged(Y, X.lengths) as T, backprop] as const;
  }
  if (X instanceof Padded) {
    const [Y, bp] = masked(ops, X.data, rate);
    const backprop = (dY: T): T => {
      const d = dY as Padded<"float32">;
      return new Padded(bp(d.data) as typeof d.data, d.sizeAtT, d.lengths, d.indices) as T;
    };
    return [
      new Padded(Y as typeof X.data, X.sizeAtT, X.lengths, X.indices) as T,
      backprop,
    ] as const;
  }
  const parts = (X as FloatsXd[]).map((x) => masked(ops, x, rate));
  const backprop = (dY: T): T => (dY as FloatsXd[]).map((d, i) => parts[i]![1](d)) as T;
  return [parts.map((p) => p[0]) as T, backprop] as const;
}
