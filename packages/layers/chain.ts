import { type InputOf, type LastOf, Model, type OutputOf } from "./model.ts";
import { checkTypes, getWidth, standIn } from "./util.ts";

/**
 * Compose layers so each feeds the next (Thinc's `chain`, registered as `chain.v1`):
 * `chain(f, g)(X) = g(f(X))`. The name joins the layers' names with `>>`. Adjacent
 * type tags are checked at construction.
 *
 * `initialize({X, Y})` passes the sample forward through each layer so unset `nI`
 * dims are inferred, and gives `Y` to every layer whose `nO` is unset. Without a
 * sample, once a width is known (the first layer's `nI`), a one-row zero stand-in
 * of that width goes forward instead; where none fits the layer's input type, a
 * layer's unset `nI` is taken from the previous layer's `nO`.
 *
 * @param layers the layers, first to last (at least one)
 * @returns the composed model
 * @throws {TypeError} when adjacent layers' type tags do not fit, naming both
 * @example A Relu feeding a Softmax
 * ```ts
 * import assert from "node:assert/strict";
 * import { chain, Relu, Softmax } from "@weft/layers";
 * const model = chain(Relu({ nO: 4, nI: 3 }), Softmax({ nO: 2 })).initialize();
 * assert.equal(model.name, "relu>>softmax");
 * assert.equal(model.layers[1]!.getDim("nI"), 4);
 * assert.equal(model.getDim("nO"), 2);
 * ```
 */
export function chain<L extends readonly [Model, ...Model[]]>(
  ...layers: L
): Model<InputOf<L[0]>, OutputOf<LastOf<L>>> {
  type In = InputOf<L[0]>;
  type Out = OutputOf<LastOf<L>>;
  if ((layers as readonly Model[]).length === 0) {
    throw new RangeError("chain() needs at least one layer");
  }
  for (let i = 1; i < layers.length; i++) checkTypes("chain", layers[i - 1]!, layers[i]!);
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  const dims: Record<string, number | null> = { nO: last.maybeGetDim("nO") };
  if (first.hasDim("nI") !== false) dims.nI = first.maybeGetDim("nI");
  return new Model<In, Out>(layers.map((l) => l.name).join(">>"), forward, {
    init,
    dims,
    layers,
    inputType: first.inputType,
    outputType: last.outputType,
  });
}

function forward<In, Out>(model: Model<In, Out>, X: In, isTrain: boolean) {
  const callbacks: ((dY: unknown) => unknown)[] = [];
  let Y: unknown = X;
  for (const layer of model.layers) {
    const [out, backprop] = layer.call(Y, isTrain);
    callbacks.push(backprop);
    Y = out;
  }
  function backprop(dY: Out): In {
    let d: unknown = dY;
    for (let i = callbacks.length - 1; i >= 0; i--) d = callbacks[i]!(d);
    return d as In;
  }
  return [Y as Out, backprop] as const;
}

function init<In, Out>(model: Model<In, Out>, X: In | undefined, Y: Out | undefined): void {
  let sample: unknown = X;
  let width = X !== undefined ? getWidth(X) : model.layers[0]!.maybeGetDim("nI");
  for (const layer of model.layers) {
    // Without data, a one-row stand-in of the known width lets each layer infer
    // its dims from the real output of the one before (as Thinc does with X).
    if (sample === undefined && width !== null) sample = standIn(model.ops, layer.inputType, width);
    if (sample === undefined && width !== null && layer.hasDim("nI") === null) {
      layer.setDim("nI", width);
    }
    const giveY = layer.hasDim("nO") === null ? Y : undefined;
    layer.initialize({ X: sample, Y: giveY });
    if (sample !== undefined) {
      sample = layer.predict(sample);
      width = getWidth(sample);
    } else if (layer.hasDim("nO") !== false) {
      width = layer.maybeGetDim("nO");
    }
  }
  const first = model.layers[0]!;
  const last = model.layers[model.layers.length - 1]!;
  if (first.hasDim("nI") === true && model.hasDim("nI") !== false) {
    model.setDim("nI", first.getDim("nI"));
  }
  const nO = last.maybeGetDim("nO") ?? width;
  if (nO !== null && model.hasDim("nO") === null) model.setDim("nO", nO);
}
