import {
  chain,
  concatenate,
  Linear,
  list2ragged,
  Logistic,
  type Model,
  reduceFirst,
  reduceLast,
  reduceMax,
  reduceMean,
  resizable,
  resizeLinearWeighted,
  Softmax,
} from "@weft/layers";
import type { DocLike, Floats2d } from "@weft/types";
import { checkSublayer } from "./check_types.ts";
import { NEG_VALUE, resizeAndSetRef } from "./textcat_bow.ts";

/** Options of `TextCatReduce`. */
export interface TextCatReduceOptions {
  /** The token-to-vector subnetwork: `List[Doc] -> List[Floats2d]`. */
  tok2vec: Model<DocLike[], Floats2d[]>;
  /** Mutually exclusive classes (softmax) or independent ones (logistic). */
  exclusiveClasses: boolean;
  /** Pool with the first token's vector. */
  useReduceFirst: boolean;
  /** Pool with the last token's vector. */
  useReduceLast: boolean;
  /** Pool with the per-column maximum. */
  useReduceMax: boolean;
  /** Pool with the mean. */
  useReduceMean: boolean;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

/**
 * A text classifier over pooled token vectors (`spacy.TextCatReduce.v1`): the
 * chosen reductions (first, last, max, mean) are concatenated and fed to a
 * resizable Softmax (exclusive classes) or Linear + Logistic.
 *
 * @param options `tok2vec`, `exclusiveClasses`, `useReduceFirst`, `useReduceLast`, `useReduceMax`, `useReduceMean`, `nO`
 * @returns a `List[Doc] -> Floats2d` model with refs `tok2vec`, `output_layer`
 * @throws {RangeError} when no reduction is chosen
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TextCatReduce } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * const model = TextCatReduce({
 *   tok2vec, exclusiveClasses: false, useReduceFirst: false, useReduceLast: false,
 *   useReduceMax: true, useReduceMean: true, nO: 3,
 * });
 * assert.equal(model.getRef("output_layer").getDim("nI"), 16);
 * ```
 */
export function TextCatReduce(options: TextCatReduceOptions): Model<DocLike[], Floats2d> {
  return build("spacy.TextCatReduce.v1", options);
}

/** Options of `TextCatCNN`. */
export interface TextCatCNNOptions {
  /** The token-to-vector subnetwork: `List[Doc] -> List[Floats2d]`. */
  tok2vec: Model<DocLike[], Floats2d[]>;
  /** Mutually exclusive classes (softmax) or independent ones (logistic). */
  exclusiveClasses: boolean;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

/**
 * A text classifier over mean-pooled token vectors (`spacy.TextCatCNN.v2`):
 * `TextCatReduce` with the mean only.
 *
 * @param options `tok2vec`, `exclusiveClasses`, `nO`
 * @returns a `List[Doc] -> Floats2d` model
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TextCatCNN } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * assert.ok(TextCatCNN({ tok2vec, exclusiveClasses: true }).name.endsWith("reduce_mean>>resizable(softmax)"));
 * ```
 */
export function TextCatCNN(options: TextCatCNNOptions): Model<DocLike[], Floats2d> {
  return build("spacy.TextCatCNN.v2", {
    ...options,
    useReduceFirst: false,
    useReduceLast: false,
    useReduceMax: false,
    useReduceMean: true,
  });
}

/**
 * The first mean-pooling text classifier (`spacy.TextCatCNN.v1`): as v2 without
 * the resizable output layer.
 *
 * @param options `tok2vec`, `exclusiveClasses`, `nO`
 * @returns a `List[Doc] -> Floats2d` model
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TextCatCNNV1 } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * assert.ok(TextCatCNNV1({ tok2vec, exclusiveClasses: false }).name.endsWith("reduce_mean>>linear>>logistic"));
 * ```
 */
export function TextCatCNNV1(options: TextCatCNNOptions): Model<DocLike[], Floats2d> {
  const { tok2vec, exclusiveClasses } = options;
  checkSublayer("spacy.TextCatCNN.v1", "tok2vec", tok2vec as Model, "List[Doc]", "List[Floats2d]");
  const nO = options.nO ?? null;
  const width = tok2vec.maybeGetDim("nO");
  const cnn = chain(chain(tok2vec as Model, list2ragged() as Model), reduceMean() as Model);
  let model: Model;
  let outputLayer: Model;
  if (exclusiveClasses) {
    outputLayer = Softmax({ nO, nI: width }) as Model;
    model = chain(cnn, outputLayer);
  } else {
    outputLayer = Linear({ nO, nI: width }) as Model;
    model = chain(chain(cnn, outputLayer), Logistic() as Model);
  }
  model.setRef("output_layer", outputLayer);
  model.setRef("tok2vec", tok2vec as Model);
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setAttr("multi_label", !exclusiveClasses);
  return model as Model<DocLike[], Floats2d>;
}

function build(name: string, options: TextCatReduceOptions): Model<DocLike[], Floats2d> {
  const { tok2vec, exclusiveClasses } = options;
  checkSublayer(name, "tok2vec", tok2vec as Model, "List[Doc]", "List[Floats2d]");
  const nO = options.nO ?? null;
  const reductions: Model[] = [];
  if (options.useReduceFirst) reductions.push(reduceFirst() as Model);
  if (options.useReduceLast) reductions.push(reduceLast() as Model);
  if (options.useReduceMax) reductions.push(reduceMax() as Model);
  if (options.useReduceMean) reductions.push(reduceMean() as Model);
  if (reductions.length === 0) {
    throw new RangeError(`Cannot build ${name}: at least one reduction must be enabled`);
  }
  const cnn = chain(
    chain(tok2vec as Model, list2ragged() as Model),
    concatenate(...(reductions as [Model, ...Model[]])),
  );
  const width = tok2vec.maybeGetDim("nO");
  const nI = width === null ? null : width * reductions.length;
  const fill = { b: 0, W: 0 };
  let outputLayer: Model<Floats2d, Floats2d>;
  let resizableLayer: Model;
  let model: Model;
  if (exclusiveClasses) {
    outputLayer = Softmax({ nO, nI });
    fill.b = NEG_VALUE;
    resizableLayer = resizable(outputLayer, (l, n) => resizeLinearWeighted(l, n, fill)) as Model;
    model = chain(cnn, resizableLayer);
  } else {
    outputLayer = Linear({ nO, nI });
    resizableLayer = resizable(outputLayer, (l, n) => resizeLinearWeighted(l, n, fill)) as Model;
    model = chain(chain(cnn, resizableLayer), Logistic() as Model);
  }
  model.setRef("output_layer", outputLayer as Model);
  model.setAttr("resize_output", resizeAndSetRef(resizableLayer));
  model.setRef("tok2vec", tok2vec as Model);
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setAttr("multi_label", !exclusiveClasses);
  return model as Model<DocLike[], Floats2d>;
}
