import { Model } from "./model.ts";
import { addValues } from "./tree_math.ts";

/**
 * Add a layer's input to its output (`residual.v1`): `Y = X + f(X)`. Works for
 * arrays, lists of arrays, Ragged and Padded.
 *
 * @param layer a layer whose output has the shape of its input
 * @returns a model named `"residual(<layer>)"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Linear, residual, zeroInit } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = residual(Linear({ nO: 2, initW: zeroInit })).initialize({ X: ops.alloc2f(1, 2) });
 * const X = ops.asarray2f([1, 2], 1, 2);
 * assert.deepEqual([...ops.readSync!(model.predict(X))], [1, 2]);
 * ```
 */
export function residual<T = unknown>(layer: Model<T, T>): Model<T, T> {
  return new Model<T, T>(`residual(${layer.name})`, forward, {
    init,
    dims: { nO: layer.maybeGetDim("nO"), nI: layer.maybeGetDim("nI") },
    layers: [layer as Model],
    inputType: layer.inputType,
    outputType: layer.outputType,
  });
}

function forward<T>(model: Model<T, T>, X: T, isTrain: boolean) {
  const [Y, bp] = model.layers[0]!.call(X, isTrain);
  const backprop = (dY: T): T => addValues(model.ops, dY, bp(dY) as T);
  return [addValues(model.ops, X, Y as T), backprop] as const;
}

function init<T>(model: Model<T, T>, X?: T, Y?: T): void {
  const layer = model.layers[0]!;
  layer.initialize({ X, Y });
  for (const dim of ["nO", "nI"]) {
    const value = layer.maybeGetDim(dim);
    if (value !== null && model.hasDim(dim) === null) model.setDim(dim, value);
  }
}
