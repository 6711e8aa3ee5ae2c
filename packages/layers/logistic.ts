import type { Floats2d } from "@weft/types";
import { Model } from "./model.ts";

/**
 * The logistic function applied element-wise, without weights (`Logistic.v1`):
 * `Y = 1 / (1 + exp(-X))`.
 *
 * @returns a `Floats2d -> Floats2d` model named `"logistic"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Logistic } from "@weft/layers";
 * const ops = getOps("cpu");
 * assert.deepEqual([...ops.readSync!(Logistic().predict(ops.alloc2f(1, 2)))], [0.5, 0.5]);
 * ```
 */
export function Logistic(): Model<Floats2d, Floats2d> {
  return new Model("logistic", forward, { inputType: "Floats2d", outputType: "Floats2d" });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, _isTrain: boolean) {
  const Y = model.ops.sigmoid(X);
  return [Y, (dY: Floats2d): Floats2d => model.ops.backpropSigmoid(dY, Y)] as const;
}
