/**
 * PRIVATE STAND-IN, to be replaced by `@weft/layers`' `ParametricAttention`
 * once it can be built without a `key_transform` child: Thinc's
 * `ParametricAttention.v1` (used by spaCy's `TextCatEnsemble`) has no child
 * layer, and the structure spaCy saves has none.
 *
 * @module
 */
import { getWidth, inferDim, Model, uniformInit } from "@weft/layers";
import { type Floats1d, type Floats2d, Ragged } from "@weft/types";

type RaggedF = Ragged<"float32">;

/**
 * Weight each row by its softmax-normalized similarity to a learned vector `Q`,
 * within its sequence (Thinc's `ParametricAttention.v1`): `a = softmax_seq(X @ Q)`,
 * `Y = X * a`.
 *
 * @param nO the width; inferred from `X` when omitted
 * @returns a `Ragged -> Ragged` model named `"para-attn"`
 */
export function ParametricAttentionV1(nO: number | null = null): Model<RaggedF, RaggedF> {
  return new Model<RaggedF, RaggedF>("para-attn", forward, {
    init: (model, X) => {
      inferDim(model, "nO", X === undefined ? null : getWidth(X), "X");
      model.setParam("Q", uniformInit(model.ops, [model.getDim("nO")] as const));
    },
    params: { Q: null },
    dims: { nO },
    inputType: "Ragged",
    outputType: "Ragged",
  });
}

function forward(model: Model<RaggedF, RaggedF>, Xr: RaggedF, _isTrain: boolean) {
  const { ops } = model;
  const X = Xr.dataXd as Floats2d;
  const N = X.shape[0];
  const nO = model.getDim("nO");
  const Q = model.getParam1d("Q");
  const lengths = Xr.lengths;
  const scores = ops.gemm(X, ops.reshape(Q, [nO, 1] as const));
  const attention = ops.softmaxSequences(scores, lengths);
  const a1d = ops.reshape(attention, [N] as const) as Floats1d;
  const Y = ops.mulRows(X, a1d);
  function backprop(dYr: RaggedF): RaggedF {
    const dY = dYr.dataXd as Floats2d;
    const dAttention = ops.reshape(ops.rowDots(X, dY), [N, 1] as const) as Floats2d;
    const dScores = ops.backpropSoftmaxSequences(dAttention, attention, lengths);
    model.incGrad("Q", ops.reshape(ops.gemm(X, dScores, { transA: true }), [nO] as const));
    const dX = ops.mulRows(dY, a1d);
    ops.addInPlace(dX, ops.gemm(dScores, ops.reshape(Q, [1, nO] as const)));
    return new Ragged(dX, lengths);
  }
  return [new Ragged(Y, lengths), backprop] as const;
}
