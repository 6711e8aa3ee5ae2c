import type { Ops } from "@weft/ops";
import {
  type DType,
  type Floats2d,
  type Ints2d,
  NdArray,
  Padded,
  Ragged,
  type Shape2d,
  type Shape3d,
} from "@weft/types";
import { Model } from "./model.ts";
import { checkInputType } from "./util.ts";

/** What `withArray` accepts: a list of arrays, a Ragged, a Padded or a plain array. */
export type ArrayLikeSeq = Floats2d[] | Ragged<"float32"> | Padded<"float32"> | Floats2d;

/** Options of `withArray`. */
export interface WithArrayOptions {
  /** Zero rows put around each sequence of a list before the layer sees it; 0 by default. */
  pad?: number | undefined;
}

/**
 * What `withArray` accepts around a layer of integer ids (an embedding table): a
 * list of `Ints2d`, a Ragged or a Padded of ids, or a plain `Ints2d`.
 */
export type IntsLikeSeq =
  | Ints2d[]
  | Ragged<"int32" | "uint32">
  | Padded<"int32" | "uint32">
  | Ints2d;

const SEQ_TYPES = "List[Floats2d]|Ragged|Padded|Floats2d";
const INT_SEQ_TYPES = "List[Ints2d]|Ragged[Ints2d]|Padded[Ints2d]|Ints2d";

type Array2d = NdArray<Shape2d, DType>;

function toArray(ops: Ops, X: unknown): Array2d | undefined {
  if (X === undefined) return undefined;
  if (X instanceof NdArray) return X as Array2d;
  if (X instanceof Ragged) return X.data as Array2d;
  if (X instanceof Padded) {
    const [T, B, N] = X.data.shape;
    return ops.reshape(X.data as NdArray<Shape3d, DType>, [T * B, N] as const);
  }
  return ops.flatten(X as Array2d[]);
}

function takesInts(layer: Model): boolean {
  const types = layer.inputType.split("|");
  return types.includes("Ints2d") && !types.includes("Floats2d");
}

/**
 * Apply a `Floats2d -> Floats2d` layer to the rows of a list of arrays, a Ragged
 * or a Padded batch, keeping the container (`with_array.v1`). With `pad`, each
 * sequence of a list is surrounded by that many zero rows (for convolutions).
 * A layer that takes `Ints2d` (an embedding) gets the ids, their dtype kept; the
 * ids get no gradient (its backward pass returns the input).
 *
 * @param layer the layer applied to the concatenated rows
 * @param options `pad`
 * @returns a model named `"with_array(<layer>)"` whose output has the input's container
 * @throws {TypeError} when `layer` takes neither `Floats2d` nor `Ints2d`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Relu, withArray } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xs = [ops.alloc2f(2, 3), ops.alloc2f(4, 3)];
 * const model = withArray(Relu({ nO: 5 })).initialize({ X: Xs });
 * const Ys = model.predict(Xs) as ReturnType<typeof ops.alloc2f>[];
 * assert.deepEqual(Ys.map((y) => y.shape), [[2, 5], [4, 5]]);
 * ```
 */
export function withArray<T extends ArrayLikeSeq = ArrayLikeSeq>(
  layer: Model<Floats2d, Floats2d>,
  options?: WithArrayOptions,
): Model<T, T>;
/**
 * Apply an `Ints2d -> Floats2d` layer (an embedding) to the rows of a list, Ragged
 * or Padded batch of ids, keeping the container (`with_array.v1`).
 *
 * @param layer the layer applied to the concatenated ids
 * @param options `pad`
 * @returns a model named `"with_array(<layer>)"`
 */
export function withArray<T extends IntsLikeSeq = IntsLikeSeq>(
  layer: Model<Ints2d, Floats2d>,
  options?: WithArrayOptions,
): Model<T, ArrayLikeSeq>;
export function withArray(
  layer: Model<Floats2d, Floats2d> | Model<Ints2d, Floats2d>,
  options: WithArrayOptions = {},
): Model<unknown, unknown> {
  const ints = takesInts(layer as Model);
  checkInputType("withArray", layer as Model, ints ? "Ints2d" : "Floats2d");
  return new Model<unknown, unknown>(`with_array(${layer.name})`, forward, {
    init,
    layers: [layer as Model],
    dims: { nO: layer.maybeGetDim("nO"), nI: layer.maybeGetDim("nI") },
    attrs: { pad: options.pad ?? 0 },
    inputType: ints ? INT_SEQ_TYPES : SEQ_TYPES,
    outputType: SEQ_TYPES,
  });
}

// The ids of an integer layer get no gradient: backprop runs the layer's backward
// pass (which accumulates its parameter gradients) and hands the input back.
function forward(model: Model<unknown, unknown>, X: unknown, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Array2d, Floats2d>;
  const ints = takesInts(layer as Model);
  if (X instanceof NdArray) {
    const [Y, bp] = layer.call(X as Array2d, isTrain);
    return [Y, (dY: unknown) => (ints ? (bp(dY as Floats2d), X) : bp(dY as Floats2d))] as const;
  }
  if (X instanceof Ragged) {
    const [Y, bp] = layer.call(X.data as Array2d, isTrain);
    const backprop = (dY: unknown): unknown => {
      const d = dY as Ragged<"float32">;
      const dX = bp(d.data);
      return ints ? X : new Ragged(dX, d.lengths);
    };
    return [new Ragged(Y, X.lengths), backprop] as const;
  }
  if (X instanceof Padded) {
    const [T, B] = X.data.shape;
    const [Y, bp] = layer.call(toArray(ops, X)!, isTrain);
    const to3d = (a: Array2d) => ops.reshape(a, [T, B, a.shape[1]] as const);
    const backprop = (dY: unknown): unknown => {
      const d = dY as Padded<"float32">;
      const dX = bp(toArray(ops, d) as Floats2d);
      return ints ? X : new Padded(to3d(dX), d.sizeAtT, d.lengths, d.indices);
    };
    return [new Padded(to3d(Y), X.sizeAtT, X.lengths, X.indices), backprop] as const;
  }
  const Xs = X as Array2d[];
  const pad = model.getAttr<number>("pad");
  const lengths = Int32Array.from(Xs, (x) => x.shape[0]);
  const [Y, bp] = layer.call(ops.flatten(Xs, pad), isTrain);
  const backprop = (dYs: unknown): unknown => {
    const dX = bp(ops.flatten(dYs as Floats2d[], pad));
    return ints ? X : ops.unflatten(dX, lengths, pad);
  };
  return [ops.unflatten(Y, lengths, pad), backprop] as const;
}

function init(model: Model<unknown, unknown>, X?: unknown, Y?: unknown): void {
  const layer = model.layers[0]!;
  layer.initialize({ X: toArray(model.ops, X), Y: toArray(model.ops, Y) });
  for (const dim of ["nO", "nI"]) {
    const value = layer.maybeGetDim(dim);
    if (value !== null && model.hasDim(dim) === null) model.setDim(dim, value);
  }
}
