import { type InputOf, Model, type OutputOf } from "./model.ts";
import { addValues } from "./tree_math.ts";
import { checkTypes } from "./util.ts";

/**
 * Apply layers to the same input and sum their outputs (`add.v1`):
 * `Y = f(X) + g(X)`. The name joins the layers' names with `+`.
 *
 * @param layers the layers (at least one), with outputs of the same shape
 * @returns the summing model
 * @throws {TypeError} when the layers' type tags differ
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { add, Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = add(Linear({ nO: 2 }), Linear({ nO: 2 })).initialize({ X: ops.alloc2f(1, 3) });
 * assert.equal(model.name, "linear+linear");
 * assert.deepEqual(model.predict(ops.alloc2f(4, 3)).shape, [4, 2]);
 * ```
 */
export function add<L extends readonly [Model, ...Model[]]>(
  ...layers: L
): Model<InputOf<L[0]>, OutputOf<L[0]>> {
  type In = InputOf<L[0]>;
  type Out = OutputOf<L[0]>;
  if ((layers as readonly Model[]).length === 0) {
    throw new RangeError("add() needs at least one layer");
  }
  for (let i = 1; i < layers.length; i++) checkTypes("add", layers[0]!, layers[i]!);
  const first = layers[0]!;
  return new Model<In, Out>(layers.map((l) => l.name).join("+"), forward, {
    init,
    dims: { nO: first.maybeGetDim("nO"), nI: first.maybeGetDim("nI") },
    layers,
    inputType: first.inputType,
    outputType: first.outputType,
  });
}

function forward<In, Out>(model: Model<In, Out>, X: In, isTrain: boolean) {
  const { ops } = model;
  const results = model.layers.map((l) => l.call(X, isTrain));
  let Y = results[0]![0];
  for (const [y] of results.slice(1)) Y = addValues(ops, Y, y);
  function backprop(dY: Out): In {
    let dX = results[0]![1](dY);
    for (const [, bp] of results.slice(1)) dX = addValues(ops, dX, bp(dY));
    return dX as In;
  }
  return [Y as Out, backprop] as const;
}

function init<In, Out>(model: Model<In, Out>, X?: In, Y?: Out): void {
  for (const layer of model.layers) layer.initialize({ X, Y });
  for (const dim of ["nO", "nI"]) {
    const value = model.layers[0]!.maybeGetDim(dim);
    if (value !== null && model.hasDim(dim) === null) model.setDim(dim, value);
  }
}
