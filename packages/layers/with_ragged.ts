import type { Ops } from "@weft/ops";
import { type Floats2d, Padded, Ragged } from "@weft/types";
import { Model } from "./model.ts";
import { checkInputType } from "./util.ts";

/** What `withRagged` accepts: a list of arrays, a Padded or a Ragged batch. */
export type RaggableSeq = Floats2d[] | Ragged<"float32"> | Padded<"float32">;

function toRagged(ops: Ops, X: RaggableSeq): Ragged<"float32"> {
  if (X instanceof Ragged) return X;
  if (X instanceof Padded) return ops.list2ragged(ops.padded2list(X));
  return ops.list2ragged(X);
}

function fromRagged(ops: Ops, Yr: Ragged<"float32">, like: RaggableSeq): RaggableSeq {
  if (like instanceof Ragged) return Yr;
  const Ys = ops.ragged2list(Yr);
  return like instanceof Padded ? ops.list2padded(Ys) : Ys;
}

/**
 * Apply a `Ragged -> Ragged` layer to a list of arrays or a Padded batch by
 * converting it to Ragged and back (`with_ragged.v1`).
 *
 * @param layer the layer that takes Ragged batches
 * @returns a model named `"with_ragged(<layer>)"` whose output has the input's container
 * @throws {TypeError} when `layer` does not take `Ragged`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { noop, withRagged } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xs = [ops.alloc2f(2, 3), ops.alloc2f(4, 3)];
 * const Ys = withRagged(noop()).predict(Xs) as typeof Xs;
 * assert.deepEqual(Ys.map((y) => y.shape), [[2, 3], [4, 3]]);
 * ```
 */
export function withRagged<T extends RaggableSeq = RaggableSeq>(
  layer: Model<Ragged<"float32">, Ragged<"float32">>,
): Model<T, T> {
  checkInputType("withRagged", layer as Model, "Ragged");
  return new Model<T, T>(`with_ragged(${layer.name})`, forward, {
    init: (model, X, Y) => {
      const { ops } = model;
      model.layers[0]!.initialize({
        X: X === undefined ? undefined : toRagged(ops, X),
        Y: Y === undefined ? undefined : toRagged(ops, Y),
      });
    },
    layers: [layer as Model],
    inputType: "List[Floats2d]|Ragged|Padded",
    outputType: "List[Floats2d]|Ragged|Padded",
  });
}

function forward<T extends RaggableSeq>(model: Model<T, T>, X: T, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Ragged<"float32">, Ragged<"float32">>;
  const [Yr, bp] = layer.call(toRagged(ops, X), isTrain);
  const backprop = (dY: T): T => fromRagged(ops, bp(toRagged(ops, dY)), X) as T;
  return [fromRagged(ops, Yr, X) as T, backprop] as const;
}
