import type { Floats2d } from "@weft/types";
import { activatedDense } from "./activated.ts";
import type { DenseOptions } from "./dense.ts";
import { zeroInit } from "./initializers/zero.ts";
import type { Model } from "./model.ts";

/** Options of `Sigmoid`: widths and initializers (both zeros by default, as in Thinc). */
export type SigmoidOptions = Pick<DenseOptions, "nO" | "nI" | "initW" | "initB">;

/**
 * A dense layer with logistic activation (`Sigmoid.v1`), the usual output layer for
 * multi-label classification: `Y = sigmoid(X @ W.T + b)`.
 *
 * @param options `nO`, `nI`, `initW` and `initB` (zeros)
 * @returns a `Floats2d -> Floats2d` model named `"sigmoid"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Sigmoid } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Sigmoid({ nO: 2, nI: 3 }).initialize();
 * assert.deepEqual([...ops.readSync!(model.predict(ops.alloc2f(1, 3)))], [0.5, 0.5]);
 * ```
 */
export function Sigmoid(options: SigmoidOptions = {}): Model<Floats2d, Floats2d> {
  return activatedDense(
    "sigmoid",
    {
      forward: (ops, Z) => ops.sigmoid(Z),
      backward: (ops, dY, _Z, Y) => ops.backpropSigmoid(dY, Y),
    },
    { nO: options.nO, nI: options.nI, initW: options.initW, initB: options.initB },
    zeroInit,
  );
}
