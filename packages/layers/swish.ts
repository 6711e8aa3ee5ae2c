import type { Floats2d } from "@weft/types";
import { activatedDense } from "./activated.ts";
import type { DenseOptions } from "./dense.ts";
import type { Model } from "./model.ts";

/**
 * A dense layer with swish activation (`Swish.v1`): `Y = f(X @ W.T + b)` with `f(x) = x * sigmoid(x)`.
 * `normalize` and `dropout` chain a `LayerNorm` and a `Dropout` after it, as in Thinc.
 *
 * @param options `nO`, `nI`, `initW` (Glorot uniform), `initB` (zeros), `dropout`, `normalize`
 * @returns a `Floats2d -> Floats2d` model named `"swish"` (or a chain starting with it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Swish } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Swish({ nO: 2 }).initialize({ X: ops.alloc2f(3, 4) });
 * assert.deepEqual(model.predict(ops.alloc2f(3, 4)).shape, [3, 2]);
 * ```
 */
export function Swish(options: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return activatedDense("swish", {
    forward: (ops, Z) => ops.swish(Z),
    backward: (ops, dY, Z, Y) => ops.backpropSwish(dY, Z, Y),
  }, options);
}
