import {
  chain,
  concatenate,
  Dropout,
  Gelu,
  type Initializer,
  LayerNorm,
  Linear,
  list2ragged,
  Logistic,
  Maxout,
  type Model,
  ParametricAttention,
  reduceSum,
  residual,
  Softmax,
} from "@weft/layers";
import type { Ops } from "@weft/ops";
import type { DocLike, Floats2d, NdArray, Shape } from "@weft/types";
import { checkSublayer } from "./check_types.ts";
import { withInit } from "./with_init.ts";

/** Options of `TextCatEnsemble`. */
export interface TextCatEnsembleOptions {
  /** The token-to-vector subnetwork: `List[Doc] -> List[Floats2d]`. */
  tok2vec: Model<DocLike[], Floats2d[]>;
  /** A linear text classifier (usually `spacy.TextCatBOW`), with attr `multi_label`. */
  linearModel: Model<DocLike[], Floats2d>;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

/**
 * The width of a tok2vec network or of the listener it wraps (spaCy's
 * `get_tok2vec_width`), or `null` when not known yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Tok2VecListener, tok2vecWidth } from "@weft/architectures";
 * assert.equal(tok2vecWidth(new Tok2VecListener({ width: 32 })), 32);
 * ```
 */
export function tok2vecWidth(tok2vec: Model): number | null {
  if (tok2vec.hasDim("nO") === true) return tok2vec.getDim("nO");
  const listener = tok2vec.maybeGetRef("listener");
  return listener?.maybeGetDim("nO") ?? null;
}

/**
 * Weights `(nO, nI)` that are the identity on the first `nO` inputs (the linear
 * model's class probabilities) and zero on the rest (the CNN features).
 */
const leadingIdentityInit: Initializer = <S extends Shape>(ops: Ops, shape: S) => {
  const [nO, nI] = shape as unknown as [number, number];
  const W = new Float32Array(nO * nI);
  for (let i = 0; i < Math.min(nO, nI); i++) W[i * nI + i] = 1;
  return ops.asarray2f(W, nO, nI) as unknown as NdArray<S, "float32">;
};

function setDims(layer: Model, dims: Record<string, number>): void {
  for (const [name, value] of Object.entries(dims)) {
    if (layer.hasDim(name) !== false) layer.setDim(name, value, { force: true });
  }
}

/**
 * An ensemble text classifier (`spacy.TextCatEnsemble.v2`): a linear model and a
 * neural one (token vectors, parametric attention, sum pooling, a residual
 * Maxout + LayerNorm block) are concatenated and combined by a Softmax
 * (exclusive classes) or Linear + Logistic. At `initialize`, the tok2vec is
 * initialized first and its width sizes the attention, Maxout and LayerNorm.
 *
 * Deviation from spaCy: with exclusive classes, the output Softmax starts as
 * the identity on the linear model's inputs (`W[c, c] = 1` for each class `c`,
 * zero elsewhere, CNN columns included) instead of Thinc's all-zero Softmax.
 * With zero weights, every BOW column of the Softmax gets the same gradient
 * (the BOW's softmax output starts uniform, since its table starts at zero), so
 * the columns stay equal; the gradient handed back to the BOW's probabilities
 * is then the same for every class, and the BOW's softmax maps a constant
 * gradient to zero. The BOW table only gets rounding noise (~1e-10, below
 * Adam's eps) and the ensemble trains as its CNN branch alone (spaCy 3.8 on
 * CLINC150 with 16384 BOW rows: the table's norm is 0.004 after 1000 steps). Starting from the
 * identity passes the BOW's probabilities to their own classes, so the BOW
 * learns from the first step as it does on its own. Linear + Logistic keeps
 * Thinc's init (not zero, so no such symmetry).
 *
 * @param options `tok2vec`, `linearModel`, `nO`
 * @returns a `List[Doc] -> Floats2d` model with refs `tok2vec`, `output_layer`,
 *   `attention_layer`, `maxout_layer`, `norm_layer` and attr `multi_label`
 * @throws {TypeError} when a sublayer has the wrong model type, naming it
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TextCatBOW, TextCatEnsemble } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * const linearModel = TextCatBOW({ exclusiveClasses: false, ngramSize: 1, noOutputLayer: false, length: 64 });
 * const model = TextCatEnsemble({ tok2vec, linearModel, nO: 3 });
 * assert.equal(model.getAttr("multi_label"), true);
 * assert.equal(model.getDim("nO"), 3);
 * ```
 */
export function TextCatEnsemble(options: TextCatEnsembleOptions): Model<DocLike[], Floats2d> {
  const { tok2vec, linearModel } = options;
  const name = "spacy.TextCatEnsemble.v2";
  checkSublayer(name, "tok2vec", tok2vec as Model, "List[Doc]", "List[Floats2d]");
  checkSublayer(name, "linear_model", linearModel as Model, "List[Doc]", "Floats2d");
  const nO = options.nO ?? null;
  const exclusiveClasses = !linearModel.getAttr<boolean>("multi_label");
  const width = tok2vec.maybeGetDim("nO");
  const attentionLayer = ParametricAttention({ nO: width }) as Model;
  const maxoutLayer = Maxout({ nO: width, nI: width }) as Model;
  const normLayer = LayerNorm({ nI: width }) as Model;
  const cnnModel = chain(
    chain(chain(chain(tok2vec as Model, list2ragged() as Model), attentionLayer), reduceSum()),
    residual(chain(chain(maxoutLayer, normLayer), Dropout(0) as Model)),
  );
  const nODouble = nO === null ? null : nO * 2;
  const outputLayer = exclusiveClasses
    ? Softmax({ nO, nI: nODouble, initW: leadingIdentityInit }) as Model
    : chain(Linear({ nO, nI: nODouble }) as Model, Logistic() as Model);
  const built = chain(concatenate(linearModel as Model, cnnModel), outputLayer);
  built.setRef("tok2vec", tok2vec as Model);
  const model = withInit(built, (m, X) => {
    const t2v = m.getRef("tok2vec");
    t2v.initialize({ X });
    const w = tok2vecWidth(t2v);
    if (w === null) return;
    setDims(m.getRef("attention_layer"), { nO: w });
    setDims(m.getRef("maxout_layer"), { nO: w, nI: w });
    setDims(m.getRef("norm_layer"), { nI: w, nO: w });
  });
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setRef("output_layer", linearModel.getRef("output_layer"));
  model.setRef("attention_layer", attentionLayer);
  model.setRef("maxout_layer", maxoutLayer);
  model.setRef("norm_layer", normLayer);
  model.setAttr("multi_label", !exclusiveClasses);
  return model as Model<DocLike[], Floats2d>;
}

/** Options of `TextCatParametricAttention`. */
export interface TextCatParametricAttentionOptions {
  /** The token-to-vector subnetwork: `List[Doc] -> List[Floats2d]`. */
  tok2vec: Model<DocLike[], Floats2d[]>;
  /** Mutually exclusive classes (softmax) or independent ones (logistic). */
  exclusiveClasses: boolean;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

/**
 * A text classifier with parametric attention over Gelu keys, sum pooling and a
 * residual Maxout + LayerNorm block (`spacy.TextCatParametricAttention.v1`),
 * then a Softmax (exclusive classes) or Linear + Logistic.
 *
 * @param options `tok2vec`, `exclusiveClasses`, `nO`
 * @returns a `List[Doc] -> Floats2d` model with ref `output_layer` and attr `multi_label`
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TextCatParametricAttention } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * const model = TextCatParametricAttention({ tok2vec, exclusiveClasses: true, nO: 2 });
 * assert.ok(model.name.endsWith(">>softmax"));
 * ```
 */
export function TextCatParametricAttention(
  options: TextCatParametricAttentionOptions,
): Model<DocLike[], Floats2d> {
  const { tok2vec, exclusiveClasses } = options;
  const name = "spacy.TextCatParametricAttention.v1";
  checkSublayer(name, "tok2vec", tok2vec as Model, "List[Doc]", "List[Floats2d]");
  const nO = options.nO ?? null;
  const width = tok2vec.maybeGetDim("nO");
  const keyTransform = Gelu({ nI: width, nO: width }) as Model;
  const nonlinearLayer = Maxout({ nI: width, nO: width }) as Model;
  const attentionLayer = ParametricAttention({
    nO: width,
    keyTransform: keyTransform as Model<Floats2d, Floats2d>,
  }) as Model;
  const normLayer = LayerNorm({ nI: width }) as Model;
  const inner = chain(
    chain(chain(chain(tok2vec as Model, list2ragged() as Model), attentionLayer), reduceSum()),
    residual(chain(chain(nonlinearLayer, normLayer), Dropout(0) as Model)),
  );
  const attention = withInit(inner, (m, X) => {
    const t2v = m.getRef("tok2vec");
    t2v.initialize({ X });
    const w = tok2vecWidth(t2v);
    if (w === null) return;
    setDims(m.getRef("attention_layer"), { nO: w });
    setDims(m.getRef("key_transform"), { nI: w, nO: w });
    setDims(m.getRef("nonlinear_layer"), { nI: w, nO: w });
    setDims(m.getRef("norm_layer"), { nI: w, nO: w });
  });
  attention.setRef("tok2vec", tok2vec as Model);
  attention.setRef("attention_layer", attentionLayer);
  attention.setRef("key_transform", keyTransform);
  attention.setRef("nonlinear_layer", nonlinearLayer);
  attention.setRef("norm_layer", normLayer);
  const outputLayer = exclusiveClasses
    ? Softmax({ nO }) as Model
    : chain(Linear({ nO }) as Model, Logistic() as Model);
  const model = chain(attention, outputLayer);
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setRef("output_layer", outputLayer);
  model.setAttr("multi_label", !exclusiveClasses);
  return model as Model<DocLike[], Floats2d>;
}
