import { Model } from "./model.ts";

/**
 * Apply a layer over lists to a list of lists, by flattening the outer level and
 * splitting the output back (`with_flatten.v1`).
 *
 * @param layer a layer taking and returning flat lists of equal length
 * @returns a model named `"with_flatten(<layer>)"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Model, withFlatten } from "@weft/layers";
 * const double = new Model<number[], number[]>("double", (_m, X) => [X.map((x) => 2 * x), (d) => d]);
 * assert.deepEqual(withFlatten(double).predict([[1, 2], [], [3]]), [[2, 4], [], [6]]);
 * ```
 */
export function withFlatten<In, Out>(layer: Model<In[], Out[]>): Model<In[][], Out[][]> {
  return new Model<In[][], Out[][]>(`with_flatten(${layer.name})`, forward, {
    init: (model, X, Y) => {
      model.layers[0]!.initialize({ X: X?.flat(), Y: Y?.flat() });
    },
    layers: [layer as Model],
  });
}

function split<T>(flat: T[], lengths: number[]): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (const n of lengths) {
    out.push(flat.slice(start, start + n));
    start += n;
  }
  return out;
}

function forward<In, Out>(model: Model<In[][], Out[][]>, X: In[][], isTrain: boolean) {
  const layer = model.layers[0]! as Model<In[], Out[]>;
  const lengths = X.map((x) => x.length);
  const [Y, bp] = layer.call(X.flat() as In[], isTrain);
  const backprop = (dY: Out[][]): In[][] => split(bp(dY.flat() as Out[]), lengths);
  return [split(Y, lengths), backprop] as const;
}
