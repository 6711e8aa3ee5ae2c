import type { Ops } from "@weft/ops";
import { type Floats2d, Padded, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { checkInputType } from "./util.ts";

/** What `withPadded` accepts: a list of arrays, a Ragged or a Padded batch. */
export type PaddableSeq = Floats2d[] | Ragged<"float32"> | Padded<"float32">;

function toPadded(ops: Ops, X: PaddableSeq): Padded<"float32"> {
  if (X instanceof Padded) return X;
  if (X instanceof Ragged) return ops.list2padded(ops.ragged2list(X));
  return ops.list2padded(X);
}

function fromPadded(ops: Ops, Yp: Padded<"float32">, like: PaddableSeq): PaddableSeq {
  if (like instanceof Padded) return Yp;
  const Ys = ops.padded2list(Yp);
  return like instanceof Ragged ? ops.list2ragged(Ys) : Ys;
}

/**
 * Apply a `Padded -> Padded` layer to a list of arrays or a Ragged batch by
 * padding it first and unpadding the result (`with_padded.v1`).
 *
 * @param layer the layer that takes Padded batches
 * @returns a model named `"with_padded(<layer>)"` whose output has the input's container
 * @throws {TypeError} when `layer` does not take `Padded`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { noop, withPadded } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xs = [ops.alloc2f(2, 3), ops.alloc2f(4, 3)];
 * const Ys = withPadded(noop()).predict(Xs) as typeof Xs;
 * assert.deepEqual(Ys.map((y) => y.shape), [[2, 3], [4, 3]]);
 * ```
 */
export function withPadded<T extends PaddableSeq = PaddableSeq>(
  layer: Model<Padded<"float32">, Padded<"float32">>,
): Model<T, T> {
  checkInputType("withPadded", layer as Model, "Padded");
  return new Model<T, T>(`with_padded(${layer.name})`, forward, {
    init: (model, X, Y) => {
      const { ops } = model;
      model.layers[0]!.initialize({
        X: X === undefined ? undefined : toPadded(ops, X),
        Y: Y === undefined ? undefined : toPadded(ops, Y),
      });
    },
    layers: [layer as Model],
    inputType: "List[Floats2d]|Ragged|Padded",
    outputType: "List[Floats2d]|Ragged|Padded",
  });
}

function forward<T extends PaddableSeq>(model: Model<T, T>, X: T, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Padded<"float32">, Padded<"float32">>;
  const [Yp, bp] = layer.call(toPadded(ops, X), isTrain);
  const backprop = (dY: T): T => fromPadded(ops, bp(toPadded(ops, dY)), X) as T;
  return [fromPadded(ops, Yp, X) as T, backprop] as const;
}
