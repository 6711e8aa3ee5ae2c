import {
  chain,
  concatenate,
  glorotUniformInit,
  Linear,
  Logistic,
  Maxout,
  type Model,
  reduceFirst,
  reduceLast,
  reduceMax,
  reduceMean,
} from "@weft/layers";
import type { Floats2d, Ragged } from "@weft/types";

/** Options of `LinearLogistic`. */
export interface LinearLogisticOptions {
  /** Output width; inferred when omitted. */
  nO?: number | null | undefined;
  /** Input width; inferred when omitted. */
  nI?: number | null | undefined;
}

/**
 * A multi-label output layer (`spacy.LinearLogistic.v1`): a Glorot-initialized
 * Linear layer followed by a logistic.
 *
 * @param options `nO`, `nI`
 * @returns a `Floats2d -> Floats2d` model named `"linear>>logistic"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LinearLogistic } from "@weft/architectures";
 * assert.equal(LinearLogistic({ nO: 3, nI: 4 }).name, "linear>>logistic");
 * ```
 */
export function LinearLogistic(options: LinearLogisticOptions = {}): Model<Floats2d, Floats2d> {
  return chain(
    Linear({ nO: options.nO ?? null, nI: options.nI ?? null, initW: glorotUniformInit }),
    Logistic(),
  );
}

/**
 * Pool spans by concatenating their last, first, mean and max vectors, then mix
 * with a Maxout layer with LayerNorm (`spacy.mean_max_reducer.v1`).
 *
 * @param hiddenSize the output width
 * @returns a `Ragged -> Floats2d` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { meanMaxReducer } from "@weft/architectures";
 * const ops = getOps("cpu");
 * const spans = ops.list2ragged([ops.alloc2f(2, 4), ops.alloc2f(3, 4)]);
 * const model = meanMaxReducer(6).initialize({ X: spans });
 * assert.deepEqual(model.predict(spans).shape, [2, 6]);
 * assert.ok(model.name.startsWith("reduce_last|reduce_first|reduce_mean|reduce_max>>maxout"));
 * ```
 */
export function meanMaxReducer(hiddenSize: number): Model<Ragged<"float32">, Floats2d> {
  return chain(
    concatenate(
      reduceLast() as Model,
      reduceFirst() as Model,
      reduceMean() as Model,
      reduceMax() as Model,
    ),
    Maxout({ nO: hiddenSize, normalize: true, dropout: 0 }) as Model,
  ) as Model<Ragged<"float32">, Floats2d>;
}
