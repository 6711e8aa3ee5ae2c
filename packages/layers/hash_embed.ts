import type { Floats2d, Ints1d, Ints2d } from "@weft/types";
import { chain } from "./chain.ts";
import type { Initializer } from "./initializers/initializer.ts";
import { uniformInit } from "./initializers/uniform.ts";
import { intsColumn } from "./ints_column.ts";
import { Model } from "./model.ts";
import { getWidth, inferDim } from "./util.ts";

/** Options of `HashEmbed`. */
export interface HashEmbedOptions {
  /** Vector width. */
  nO: number;
  /** Number of rows of the table. */
  nV: number;
  /** Hash seed; the model's id by default, as in Thinc. */
  seed?: number | null | undefined;
  /** Embed this column of an `Ints2d` input (chains an `intsColumn`). */
  column?: number | null | undefined;
  /** Initializer of the table `E [nV, nO]`; `uniformInit` by default. */
  initializer?: Initializer | undefined;
  /** Kept as the `dropout_rate` attribute, as in Thinc. */
  dropout?: number | null | undefined;
}

/**
 * An embedding table addressed by the hashing trick (`HashEmbed.v1`): each key is
 * hashed four times (seeded MurmurHash3), each hash picks a row `h % nV`, and the
 * four rows are summed, so distinct keys rarely share all their rows even in a small table.
 *
 * @param options `nO`, `nV`, `seed`, `column`, `initializer`, `dropout`
 * @returns an `Ints1d -> Floats2d` model named `"hashembed"` (with `column`: `Ints2d` input)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { HashEmbed } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = HashEmbed({ nO: 4, nV: 50, seed: 1 }).initialize();
 * const Y = ops.readSync!(model.predict(ops.asarray1i([7, 8, 7], "uint32")));
 * assert.deepEqual([...Y.slice(0, 4)], [...Y.slice(8, 12)]);
 * assert.notDeepEqual([...Y.slice(0, 4)], [...Y.slice(4, 8)]);
 * ```
 */
export function HashEmbed(options: HashEmbedOptions): Model<Ints1d | Ints2d, Floats2d> {
  const attrs: Record<string, unknown> = {
    column: options.column ?? null,
    seed: options.seed ?? null,
  };
  if (options.dropout !== undefined && options.dropout !== null) {
    attrs.dropout_rate = options.dropout;
  }
  const initializer = options.initializer ?? uniformInit;
  const model = new Model<Ints1d, Floats2d>("hashembed", forward, {
    init: (model, _X, Y) => {
      if (Y !== undefined) inferDim(model, "nO", getWidth(Y), "Y");
      model.setParam("E", initializer(model.ops, [model.getDim("nV"), model.getDim("nO")]));
    },
    dims: { nO: options.nO, nV: options.nV, nI: null },
    params: { E: null },
    attrs,
    inputType: "Ints1d",
    outputType: "Floats2d",
  });
  if (options.seed === undefined || options.seed === null) model.setAttr("seed", model.id);
  if (options.column !== undefined && options.column !== null) {
    return chain(intsColumn(options.column), model) as Model<Ints1d | Ints2d, Floats2d>;
  }
  return model as Model<Ints1d | Ints2d, Floats2d>;
}

function forward(model: Model<Ints1d, Floats2d>, ids: Ints1d, _isTrain: boolean) {
  const { ops } = model;
  const E = model.getParam2d("E");
  const rows = ops.remainder(ops.hash(ids, model.getAttr<number>("seed")), model.getDim("nV"));
  const Y = ops.gatherAdd(E, rows);
  function backprop(dY: Floats2d): Ints1d {
    // Scatter straight into the table's gradient: a dense [nV, nO] temporary
    // (and adding it to the gradient) cost two passes over the whole table per call.
    let dE = model.maybeGetGrad("E") as Floats2d | null;
    if (dE === null) {
      dE = ops.alloc2f(E.shape[0], E.shape[1]);
      model.setGrad("E", dE);
    }
    ops.scatterAdd(dE, rows, dY);
    return ids;
  }
  return [Y, backprop] as const;
}
