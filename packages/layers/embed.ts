import type { Floats1d, Floats2d, Ints1d, Ints2d } from "@weft/types";
import { chain } from "./chain.ts";
import { intsColumn } from "./ints_column.ts";
import type { Initializer } from "./initializers/initializer.ts";
import { uniformInit } from "./initializers/uniform.ts";
import { Model } from "./model.ts";
import { drawSeed } from "./random.ts";
import { getWidth, inferDim } from "./util.ts";

/** Options of `Embed`. */
export interface EmbedOptions {
  /** Vector width; inferred from `Y` when omitted. */
  nO?: number | null | undefined;
  /** Number of rows of the table. */
  nV?: number | null | undefined;
  /** Initializer of the table `E [nV, nO]`; `uniformInit` by default. */
  initializer?: Initializer | undefined;
  /** Embed this column of an `Ints2d` input (chains an `intsColumn`). */
  column?: number | null | undefined;
  /** Dropout of whole output columns during training. */
  dropout?: number | null | undefined;
}

/**
 * Map integer ids to vectors with a lookup table (`Embed.v1`): `Y = E[ids % nV]`.
 * (Ids at or past `nV` wrap around instead of failing.)
 *
 * @param options `nO`, `nV`, `initializer`, `dropout`
 * @returns an `Ints1d -> Floats2d` model named `"embed"` (with `column`: `Ints2d` input)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Embed } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Embed({ nO: 4, nV: 10 }).initialize();
 * const Y = ops.readSync!(model.predict(ops.asarray1i([3, 3, 13])));
 * assert.deepEqual([...Y.slice(0, 4)], [...Y.slice(4, 8)]);
 * assert.deepEqual([...Y.slice(0, 4)], [...Y.slice(8, 12)]);
 * ```
 */
export function Embed(options: EmbedOptions = {}): Model<Ints1d | Ints2d, Floats2d> {
  const attrs: Record<string, unknown> = {};
  if (options.dropout !== undefined && options.dropout !== null) {
    attrs.dropout_rate = options.dropout;
  }
  const initializer = options.initializer ?? uniformInit;
  const model = new Model<Ints1d, Floats2d>("embed", forward, {
    init: (model, _X, Y) => {
      if (Y !== undefined) inferDim(model, "nO", getWidth(Y), "Y");
      model.setParam("E", initializer(model.ops, [model.getDim("nV"), model.getDim("nO")]));
    },
    dims: { nO: options.nO, nV: options.nV },
    params: { E: null },
    attrs,
    inputType: "Ints1d",
    outputType: "Floats2d",
  });
  model.setAttr("column", options.column ?? null);
  if (options.column !== undefined && options.column !== null) {
    return chain(intsColumn(options.column), model) as Model<Ints1d | Ints2d, Floats2d>;
  }
  return model as Model<Ints1d | Ints2d, Floats2d>;
}

function forward(model: Model<Ints1d, Floats2d>, ids: Ints1d, isTrain: boolean) {
  const { ops } = model;
  const E = model.getParam2d("E");
  const rows = ops.remainder(ids, model.getDim("nV"));
  let Y = ops.gatherRows(E, rows);
  const rate = model.maybeGetAttr<number>("dropout_rate") ?? 0;
  let mask: Floats1d | null = null;
  if (isTrain && rate > 0) {
    mask = ops.getDropoutMask([E.shape[1]] as const, rate, drawSeed());
    Y = ops.scaleColumns(Y, mask);
  }
  function backprop(dY: Floats2d): Ints1d {
    const dE = ops.alloc2f(E.shape[0], E.shape[1]);
    ops.scatterAdd(dE, rows, mask === null ? dY : ops.scaleColumns(dY, mask));
    model.incGrad("E", dE);
    return ids;
  }
  return [Y, backprop] as const;
}
