import type { Floats2d } from "@weft/types";
import { activatedDense } from "./activated.ts";
import type { DenseOptions } from "./dense.ts";
import type { Model } from "./model.ts";

/**
 * A dense layer with gelu activation (`Gelu.v1`): `Y = f(X @ W.T + b)` with `f(x) = x * Φ(x), the Gaussian error linear unit`.
 * `normalize` and `dropout` chain a `LayerNorm` and a `Dropout` after it, as in Thinc.
 *
 * @param options `nO`, `nI`, `initW` (Glorot uniform), `initB` (zeros), `dropout`, `normalize`
 * @returns a `Floats2d -> Floats2d` model named `"gelu"` (or a chain starting with it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Gelu } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Gelu({ nO: 2 }).initialize({ X: ops.alloc2f(3, 4) });
 * assert.deepEqual(model.predict(ops.alloc2f(3, 4)).shape, [3, 2]);
 * ```
 */
export function Gelu(options: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return activatedDense("gelu", {
    forward: (ops, Z) => ops.gelu(Z),
    backward: (ops, dY, Z, _Y) => ops.backpropGelu(dY, Z),
  }, options);
}
