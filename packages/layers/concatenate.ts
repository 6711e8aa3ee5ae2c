import type { Ops } from "@weft/ops";
import { type Floats2d, NdArray, Ragged } from "@weft/types";
import { type InputOf, Model, type OutputOf } from "./model.ts";
import { addValues } from "./tree_math.ts";
import { getWidth } from "./util.ts";

/**
 * Apply layers to the same input and join their outputs column-wise
 * (`concatenate.v1`): `Y = [f(X) | g(X)]`. Outputs may be `Floats2d`, `Ragged` or
 * lists of `Floats2d`. The name joins the layers' names with `|`; a single layer
 * is returned as is, as Thinc does.
 *
 * `initialize({X, Y})` gives every branch the sample, and the labels to each
 * branch whose `nO` is unset (so it is sized from `Y`), sets unset `nI` dims from
 * the sample's width, and sets `nO` to the sum of the branches' `nO`.
 *
 * @param layers the layers (at least one); they must take the same input type
 * @returns the concatenating model; its `nO` is the sum of the layers' `nO`
 * @throws {TypeError} when the layers' input type tags differ, naming both layers
 * @example Two linear branches over one input
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { concatenate, Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = concatenate(Linear({ nO: 2 }), Linear({ nO: 3 })).initialize({ X: ops.alloc2f(1, 4) });
 * assert.equal(model.name, "linear|linear");
 * assert.deepEqual(model.predict(ops.alloc2f(5, 4)).shape, [5, 5]);
 * assert.equal(model.getDim("nO"), 5);
 * ```
 */
export function concatenate<L extends readonly [Model, ...Model[]]>(
  ...layers: L
): Model<InputOf<L[0]>, OutputOf<L[0]>> {
  type In = InputOf<L[0]>;
  type Out = OutputOf<L[0]>;
  if ((layers as readonly Model[]).length === 0) {
    throw new RangeError("concatenate() needs at least one layer");
  }
  const first = layers[0]!;
  if (layers.length === 1) return first as Model<In, Out>;
  for (let i = 1; i < layers.length; i++) checkSameInput(first, layers[i]!);
  // Thinc declares nI only when every branch can have one.
  const dims: Record<string, number | null> = { nO: sumNO(layers) };
  if (layers.every((l) => l.hasDim("nI") !== false)) dims.nI = first.maybeGetDim("nI");
  return new Model<In, Out>(layers.map((l) => l.name).join("|"), forward, {
    init,
    dims,
    layers,
    inputType: narrowest(layers),
    outputType: first.outputType,
  });
}

function overlaps(a: string, b: string): boolean {
  if (a === "Any" || b === "Any") return true;
  const as = a.split("|");
  return b.split("|").some((t) => as.includes(t));
}

function checkSameInput(a: Model, b: Model): void {
  if (!overlaps(a.inputType, b.inputType)) {
    throw new TypeError(
      `Cannot concatenate "${a.name}" and "${b.name}": "${a.name}" takes ` +
        `${a.inputType} but "${b.name}" takes ${b.inputType}`,
    );
  }
}

/** The input type the branches share: the first one that is not `Any`. */
function narrowest(layers: readonly Model[]): string {
  return layers.find((l) => l.inputType !== "Any")?.inputType ?? "Any";
}

function sumNO(layers: readonly Model[]): number | null {
  let total = 0;
  for (const l of layers) {
    const nO = l.maybeGetDim("nO");
    if (nO === null) return null;
    total += nO;
  }
  return total;
}

function join(ops: Ops, outs: unknown[]): { Y: unknown; widths: number[] } {
  const first = outs[0];
  if (first instanceof NdArray) {
    const arrays = outs as Floats2d[];
    return { Y: ops.hstack(arrays), widths: arrays.map((a) => a.shape[1]) };
  }
  if (first instanceof Ragged) {
    const rs = outs as Ragged<"float32">[];
    const { Y, widths } = join(ops, rs.map((r) => r.data));
    return { Y: new Ragged(Y as Floats2d, first.lengths), widths };
  }
  if (Array.isArray(first)) {
    const lists = outs as Floats2d[][];
    const Y = first.map((_, i) => ops.hstack(lists.map((l) => l[i]!)));
    return { Y, widths: lists.map((l) => l[0]?.shape[1] ?? 0) };
  }
  throw new TypeError("concatenate() supports outputs of Floats2d, Ragged or lists of Floats2d");
}

function split(ops: Ops, dY: unknown, start: number, end: number): unknown {
  if (dY instanceof NdArray) return ops.sliceColumns(dY as Floats2d, start, end);
  if (dY instanceof Ragged) {
    return new Ragged(ops.sliceColumns(dY.data as Floats2d, start, end), dY.lengths);
  }
  return (dY as Floats2d[]).map((d) => ops.sliceColumns(d, start, end));
}

function forward<In, Out>(model: Model<In, Out>, X: In, isTrain: boolean) {
  const { ops } = model;
  const results = model.layers.map((l) => l.call(X, isTrain));
  const { Y, widths } = join(ops, results.map((r) => r[0]));
  function backprop(dY: Out): In {
    let start = 0;
    let dX: unknown = undefined;
    results.forEach(([, bp], i) => {
      const end = start + widths[i]!;
      const d = bp(split(ops, dY, start, end));
      dX = i === 0 ? d : addValues(ops, dX, d);
      start = end;
    });
    return dX as In;
  }
  return [Y as Out, backprop] as const;
}

function init<In, Out>(model: Model<In, Out>, X?: In, Y?: Out): void {
  const width = X === undefined ? null : getWidth(X);
  if (width !== null) {
    if (model.hasDim("nI") === null) model.setDim("nI", width);
    for (const layer of model.layers) if (layer.hasDim("nI") === null) layer.setDim("nI", width);
  }
  // As in chain, only a branch still to be sized gets the labels.
  for (const layer of model.layers) {
    layer.initialize({ X, Y: layer.hasDim("nO") === null ? Y : undefined });
  }
  const nO = sumNO(model.layers);
  if (nO !== null && model.hasDim("nO") === null) model.setDim("nO", nO);
  const nI = model.layers[0]!.maybeGetDim("nI");
  if (nI !== null && model.hasDim("nI") === null) model.setDim("nI", nI);
}
