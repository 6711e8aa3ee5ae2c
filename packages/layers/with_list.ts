import type { Ops } from "@weft/ops";
import { type Floats2d, Padded, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { checkInputType } from "./util.ts";

/** What `withList` accepts: a list of arrays, a Ragged or a Padded batch. */
export type ListableSeq = Floats2d[] | Ragged<"float32"> | Padded<"float32">;

function toList(ops: Ops, X: ListableSeq): Floats2d[] {
  if (X instanceof Ragged) return ops.ragged2list(X);
  if (X instanceof Padded) return ops.padded2list(X);
  return X;
}

function fromList(ops: Ops, Ys: Floats2d[], like: ListableSeq): ListableSeq {
  if (like instanceof Ragged) return ops.list2ragged(Ys);
  if (like instanceof Padded) return ops.list2padded(Ys);
  return Ys;
}

/**
 * Apply a `List[Floats2d] -> List[Floats2d]` layer to a Ragged or Padded batch by
 * converting it to a list and back (`with_list.v1`).
 *
 * @param layer the layer that takes lists of arrays
 * @returns a model named `"with_list(<layer>)"` whose output has the input's container
 * @throws {TypeError} when `layer` does not take lists
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { noop, withList } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xr = ops.list2ragged([ops.alloc2f(2, 3), ops.alloc2f(4, 3)]);
 * const Yr = withList(noop()).predict(Xr) as typeof Xr;
 * assert.deepEqual([...Yr.lengths], [2, 4]);
 * ```
 */
export function withList<T extends ListableSeq = ListableSeq>(
  layer: Model<Floats2d[], Floats2d[]>,
): Model<T, T> {
  checkInputType("withList", layer as Model, "List[Floats2d]");
  return new Model<T, T>(`with_list(${layer.name})`, forward, {
    init: (model, X, Y) => {
      const { ops } = model;
      model.layers[0]!.initialize({
        X: X === undefined ? undefined : toList(ops, X),
        Y: Y === undefined ? undefined : toList(ops, Y),
      });
    },
    layers: [layer as Model],
    inputType: "List[Floats2d]|Ragged|Padded",
    outputType: "List[Floats2d]|Ragged|Padded",
  });
}

function forward<T extends ListableSeq>(model: Model<T, T>, X: T, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Floats2d[], Floats2d[]>;
  const [Ys, bp] = layer.call(toList(ops, X), isTrain);
  const backprop = (dY: T): T => fromList(ops, bp(toList(ops, dY)), X) as T;
  return [fromList(ops, Ys, X) as T, backprop] as const;
}
