import type { Ops } from "@weft/ops";
import { type Floats2d, type Floats3d, NdArray, Padded, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { checkInputType } from "./util.ts";

/** What `withArray` accepts: a list of arrays, a Ragged, a Padded or a plain array. */
export type ArrayLikeSeq = Floats2d[] | Ragged<"float32"> | Padded<"float32"> | Floats2d;

/** Options of `withArray`. */
export interface WithArrayOptions {
  /** Zero rows put around each sequence of a list before the layer sees it; 0 by default. */
  pad?: number | undefined;
}

const SEQ_TYPES = "List[Floats2d]|Ragged|Padded|Floats2d";

function toArray(ops: Ops, X: unknown): Floats2d | undefined {
  if (X === undefined) return undefined;
  if (X instanceof NdArray) return X as Floats2d;
  if (X instanceof Ragged) return X.data as Floats2d;
  if (X instanceof Padded) {
    const [T, B, N] = X.data.shape;
    return ops.reshape(X.data as Floats3d, [T * B, N] as const);
  }
  return ops.flatten(X as Floats2d[]);
}

/**
 * Apply a `Floats2d -> Floats2d` layer to the rows of a list of arrays, a Ragged
 * or a Padded batch, keeping the container (`with_array.v1`). With `pad`, each
 * sequence of a list is surrounded by that many zero rows (for convolutions).
 *
 * @param layer the layer applied to the concatenated rows
 * @param options `pad`
 * @returns a model named `"with_array(<layer>)"` whose output has the input's container
 * @throws {TypeError} when `layer` does not take `Floats2d`
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
  options: WithArrayOptions = {},
): Model<T, T> {
  checkInputType("withArray", layer as Model, "Floats2d");
  return new Model<T, T>(`with_array(${layer.name})`, forward, {
    init,
    layers: [layer as Model],
    dims: { nO: layer.maybeGetDim("nO"), nI: layer.maybeGetDim("nI") },
    attrs: { pad: options.pad ?? 0 },
    inputType: SEQ_TYPES,
    outputType: SEQ_TYPES,
  });
}

function forward<T extends ArrayLikeSeq>(model: Model<T, T>, X: T, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Floats2d, Floats2d>;
  if (X instanceof NdArray) return layer.call(X, isTrain) as readonly [T, (dY: T) => T];
  if (X instanceof Ragged) {
    const [Y, bp] = layer.call(X.data as Floats2d, isTrain);
    const backprop = (dY: T): T => {
      const d = dY as Ragged<"float32">;
      return new Ragged(bp(d.data as Floats2d), d.lengths) as T;
    };
    return [new Ragged(Y, X.lengths) as T, backprop] as const;
  }
  if (X instanceof Padded) {
    const [T, B] = X.data.shape;
    const [Y, bp] = layer.call(toArray(ops, X)!, isTrain);
    const to3d = (a: Floats2d) => ops.reshape(a, [T, B, a.shape[1]] as const);
    const backprop = (dY: T): T => {
      const d = dY as Padded<"float32">;
      return new Padded(to3d(bp(toArray(ops, d)!)), d.sizeAtT, d.lengths, d.indices) as T;
    };
    return [new Padded(to3d(Y), X.sizeAtT, X.lengths, X.indices) as T, backprop] as const;
  }
  const Xs = X as Floats2d[];
  const pad = model.getAttr<number>("pad");
  const lengths = Int32Array.from(Xs, (x) => x.shape[0]);
  const [Y, bp] = layer.call(ops.flatten(Xs, pad), isTrain);
  const backprop = (dYs: T): T => {
    const dX = bp(ops.flatten(dYs as Floats2d[], pad));
    return ops.unflatten(dX, lengths, pad) as T;
  };
  return [ops.unflatten(Y, lengths, pad) as T, backprop] as const;
}

function init<T extends ArrayLikeSeq>(model: Model<T, T>, X?: T, Y?: T): void {
  const layer = model.layers[0]!;
  layer.initialize({ X: toArray(model.ops, X), Y: toArray(model.ops, Y) });
  for (const dim of ["nO", "nI"]) {
    const value = layer.maybeGetDim(dim);
    if (value !== null && model.hasDim(dim) === null) model.setDim(dim, value);
  }
}
