import type { Floats2d, Ints1d, Ints2d } from "@weft/types";
import { Model } from "./model.ts";

/** Options of `uniqued`. */
export interface UniquedOptions {
  /** The column whose values identify a row; 0 by default. */
  column?: number | undefined;
}

/**
 * Run a layer only on the unique rows of an `Ints2d` batch, keyed by one column,
 * and copy the results back (`uniqued.v1`): a per-batch cache for embeddings.
 * Gradients of repeated rows are summed before the layer's backprop.
 *
 * Finding unique ids needs them on the host (`ops.readSync`); on a backend
 * without synchronous reads the layer simply runs on every row.
 *
 * @param layer an `Ints2d -> Floats2d` layer
 * @param options `column`
 * @returns a model named `"uniqued(<layer>)"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { HashEmbed, uniqued } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = uniqued(HashEmbed({ nO: 3, nV: 20, column: 0 })).initialize();
 * const Y = ops.readSync!(model.predict(ops.asarray2i([5, 9, 5], 3, 1)));
 * assert.deepEqual([...Y.slice(0, 3)], [...Y.slice(6, 9)]);
 * ```
 */
export function uniqued(
  layer: Model<Ints2d, Floats2d> | Model<Ints1d | Ints2d, Floats2d>,
  options: UniquedOptions = {},
): Model<Ints2d, Floats2d> {
  return new Model<Ints2d, Floats2d>(`uniqued(${layer.name})`, forward, {
    init: (model, X, Y) => {
      const inner = model.layers[0]!;
      inner.initialize({ X, Y });
      for (const dim of ["nO", "nI"]) {
        const value = inner.maybeGetDim(dim);
        if (value !== null && model.hasDim(dim) === null) model.setDim(dim, value);
      }
    },
    layers: [layer as Model],
    dims: { nO: null, nI: null },
    attrs: { column: options.column ?? 0 },
    inputType: "Ints2d",
    outputType: "Floats2d",
  });
}

function forward(model: Model<Ints2d, Floats2d>, X: Ints2d, isTrain: boolean) {
  const { ops } = model;
  const layer = model.layers[0]! as Model<Ints2d, Floats2d>;
  if (X.size < 2 || ops.readSync === undefined) return layer.call(X, isTrain);
  const [N, K] = X.shape;
  const column = model.getAttr<number>("column");
  const data = ops.readSync(X);
  const first = new Map<number, number>();
  const inv = new Int32Array(N);
  const rows: number[] = [];
  for (let i = 0; i < N; i++) {
    const key = data[i * K + column]!;
    let u = first.get(key);
    if (u === undefined) {
      u = rows.length;
      first.set(key, u);
      rows.push(i);
    }
    inv[i] = u;
  }
  const uniq = new (data.constructor as Int32ArrayConstructor)(rows.length * K);
  rows.forEach((r, u) => uniq.set(data.subarray(r * K, (r + 1) * K), u * K));
  const Xu = ops.asarray2i(uniq, rows.length, K, X.dtype);
  const [Yu, bp] = layer.call(Xu, isTrain);
  const invIds: Ints1d = ops.asarray1i(inv);
  const Y = ops.gatherRows(Yu, invIds);
  function backprop(dY: Floats2d): Ints2d {
    const dYu = ops.alloc2f(rows.length, Yu.shape[1]);
    ops.scatterAdd(dYu, invIds, dY);
    bp(dYu);
    return X;
  }
  return [Y, backprop] as const;
}
