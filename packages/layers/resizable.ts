import type { Ops } from "@weft/ops";
import type { Floats2d, FloatsXd } from "@weft/types";
import { Model } from "./model.ts";

/** A function making a copy of `layer` with `nO` outputs (see `resizeLinearWeighted`). */
export type ResizeLayer = (
  layer: Model<Floats2d, Floats2d>,
  newNO: number,
) => Model<Floats2d, Floats2d>;

/**
 * A container for an output layer whose `nO` may grow (`resizable.v1`), as spaCy's
 * text classifier uses when labels are added; see `resizeModel`.
 *
 * @param layer the layer to hold
 * @param resizeLayer how to resize it; `resizeLinearWeighted` by default
 * @returns a model named `"resizable(<layer>)"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { resizable, resizeModel, Softmax } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = resizable(Softmax({ nO: 2, nI: 3 })).initialize();
 * resizeModel(model, 4);
 * assert.deepEqual(model.predict(ops.alloc2f(1, 3)).shape, [1, 4]);
 * ```
 */
export function resizable(
  layer: Model<Floats2d, Floats2d>,
  resizeLayer: ResizeLayer = resizeLinearWeighted,
): Model<Floats2d, Floats2d> {
  const dims: Record<string, number | null> = {};
  for (const name of layer.dimNames) dims[name] = layer.maybeGetDim(name);
  return new Model<Floats2d, Floats2d>(`resizable(${layer.name})`, forward, {
    init: (model, X, Y) => model.layers[0]!.initialize({ X, Y }),
    layers: [layer as Model],
    attrs: { resize_layer: resizeLayer },
    dims,
    inputType: layer.inputType,
    outputType: layer.outputType,
  });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d, isTrain: boolean) {
  return (model.layers[0]! as Model<Floats2d, Floats2d>).call(X, isTrain);
}

/**
 * Replace the layer inside a `resizable` model by one with `newNO` outputs.
 *
 * @param model a model made by `resizable`
 * @param newNO the new output width
 * @returns the same model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Linear, resizable, resizeModel } from "@weft/layers";
 * const model = resizeModel(resizable(Linear({ nO: 2, nI: 2 })).initialize(), 3);
 * assert.equal(model.layers[0]!.getDim("nO"), 3);
 * ```
 */
export function resizeModel(
  model: Model<Floats2d, Floats2d>,
  newNO: number,
): Model<Floats2d, Floats2d> {
  const resize = model.getAttr<ResizeLayer>("resize_layer");
  model.layers[0] = resize(model.layers[0]! as Model<Floats2d, Floats2d>, newNO) as Model;
  if (model.hasDim("nO") !== false) model.setDim("nO", newNO, { force: true });
  return model;
}

/**
 * `old` with its first axis scaled by `newNO / nO`, its values kept at the start
 * and the rest set to `filler`. The first axis is `nO` for `W [nO, nI]` and
 * `b [nO]`, and `nO * length` for `SparseLinear`'s flat class-major `W`, so old
 * classes keep their weights either way (Thinc copies the same flat prefix).
 */
function grow(
  ops: Ops,
  layer: Model,
  name: string,
  old: FloatsXd,
  nO: number,
  newNO: number,
  filler: number,
): FloatsXd {
  const rows = old.shape[0]!;
  if (rows % nO !== 0) {
    throw new RangeError(
      `Cannot resize param "${name}" of layer "${layer.name}": its first axis (${rows}) ` +
        `is not a multiple of nO=${nO}`,
    );
  }
  const newRows = (rows / nO) * newNO;
  const cols = old.size / Math.max(rows, 1);
  const extra = ops.alloc2f(newRows - rows, cols);
  ops.fill(extra, filler);
  const stacked = ops.flatten([ops.reshape(old, [rows, cols] as const), extra]);
  return ops.reshape(stacked, [newRows, ...old.shape.slice(1)]);
}

/**
 * A copy of a layer with params `W [nO, ...]` and `b [nO]` widened to `newNO`
 * outputs: old rows are kept, new ones filled with `fillDefaults[name]` (0 by default).
 * `SparseLinear`'s flat `W [nO * length]` grows to `[newNO * length]` the same way.
 * An uninitialized layer just gets the new `nO`.
 *
 * @param layer a layer without children, with dims `nO`/`nI`
 * @param newNO the new output width (not smaller than the old)
 * @param fillDefaults fillers per param name, e.g. `{ b: -10 }`
 * @returns the resized layer (the same one when nothing had to change)
 * @throws {RangeError} when `newNO` is smaller than the current `nO`, or a param's
 *   first axis is not a multiple of `nO`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Linear, resizeLinearWeighted } from "@weft/layers";
 * const ops = getOps("cpu");
 * const layer = Linear({ nO: 1, nI: 2 }).initialize();
 * const bigger = resizeLinearWeighted(layer, 2, { b: -10 });
 * assert.deepEqual([...ops.readSync!(bigger.getParam("b"))], [0, -10]);
 * ```
 */
export function resizeLinearWeighted(
  layer: Model<Floats2d, Floats2d>,
  newNO: number,
  fillDefaults: Readonly<Record<string, number>> = {},
): Model<Floats2d, Floats2d> {
  const nO = layer.maybeGetDim("nO");
  if (nO === null) {
    layer.setDim("nO", newNO);
    return layer;
  }
  if (newNO === nO) return layer;
  if (newNO < nO) {
    throw new RangeError(`Cannot shrink layer "${layer.name}" from nO=${nO} to ${newNO}`);
  }
  if (layer.maybeGetParam("W") === null) {
    layer.setDim("nO", newNO, { force: true });
    return layer;
  }
  const dims: Record<string, number | null> = {};
  for (const name of layer.dimNames) dims[name] = layer.maybeGetDim(name);
  dims.nO = newNO;
  const resized = new Model<Floats2d, Floats2d>(layer.name, layer.forward, {
    init: layer.init,
    dims,
    params: Object.fromEntries(layer.paramNames.map((n) => [n, null])),
    attrs: Object.fromEntries(layer.attrs),
    ops: layer.ops,
    inputType: layer.inputType,
    outputType: layer.outputType,
  });
  for (const name of layer.paramNames) {
    const old = layer.maybeGetParam(name);
    if (old === null) continue;
    resized.setParam(name, grow(layer.ops, layer, name, old, nO, newNO, fillDefaults[name] ?? 0));
  }
  return resized;
}
