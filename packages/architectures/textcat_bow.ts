import {
  chain,
  Logistic,
  type Model,
  resizable,
  resizeLinearWeighted,
  resizeModel,
  softmaxActivation,
  SparseLinear,
  withCpu,
} from "@weft/layers";
import { type DocLike, type Floats2d, ORTH } from "@weft/types";
import { extractNgrams } from "./extract_ngrams.ts";

/**
 * spaCy's bias for classes added after training started, so they start unlikely.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NEG_VALUE } from "@weft/architectures";
 * assert.equal(NEG_VALUE, -5000);
 * ```
 */
export const NEG_VALUE: number = -5000;

/** Options of `TextCatBOW`. */
export interface TextCatBOWOptions {
  /** Mutually exclusive classes (softmax) or independent ones (logistic). */
  exclusiveClasses: boolean;
  /** Longest n-gram of ORTH ids used as a feature. */
  ngramSize: number;
  /** Return the raw linear scores, without softmax or logistic. */
  noOutputLayer: boolean;
  /** Rows per class of the hashed weights (v3); rounded up to a power of two. */
  length?: number | undefined;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

/** The `resize_output` attribute of resizable text classifiers. */
export type ResizeOutput = (model: Model, newNO: number) => Model;

/**
 * The `resize_output` function spaCy's textcat calls when labels are added:
 * grow the resizable layer's output layer and the model's `nO`. Text
 * classifiers keep it as their `resize_output` attribute.
 *
 * @param resizableLayer the `resizable(...)` node holding the output layer
 * @returns `(model, newNO) => model`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ResizeOutput, TextCatBOW } from "@weft/architectures";
 * const model = TextCatBOW({ exclusiveClasses: true, ngramSize: 1, noOutputLayer: false, length: 8, nO: 2 });
 * model.getAttr<ResizeOutput>("resize_output")(model, 4);
 * assert.equal(model.getRef("output_layer").getDim("nO"), 4);
 * ```
 */
export function resizeAndSetRef(resizableLayer: Model): ResizeOutput {
  return (model, newNO) => {
    resizeModel(resizableLayer as Model<Floats2d, Floats2d>, newNO);
    model.setRef("output_layer", resizableLayer.layers[0]!);
    model.setDim("nO", newNO, { force: true });
    return model;
  };
}

/**
 * A bag-of-n-grams linear text classifier (`spacy.TextCatBOW.v3`, and with
 * `version: 2` or `1` the earlier ones): ORTH n-grams, hashed into a sparse
 * linear layer, then softmax (exclusive classes) or logistic.
 *
 * @param options `exclusiveClasses`, `ngramSize`, `noOutputLayer`, `length`, `nO`
 * @param version 3 (default), 2 or 1
 * @returns a `List[Doc] -> Floats2d` model with ref `output_layer` and attr `multi_label`
 * @throws {RangeError} when `length` is below 1
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TextCatBOW } from "@weft/architectures";
 * const model = TextCatBOW({ exclusiveClasses: true, ngramSize: 1, noOutputLayer: false, length: 1000, nO: 2 });
 * assert.equal(model.getRef("output_layer").getDim("length"), 1024);
 * assert.equal(model.getAttr("multi_label"), false);
 * ```
 */
export function TextCatBOW(options: TextCatBOWOptions, version: 1 | 2 | 3 = 3): Model<
  DocLike[],
  Floats2d
> {
  const { exclusiveClasses, ngramSize, noOutputLayer } = options;
  const nO = options.nO ?? null;
  let sparseLinear: Model;
  if (version === 3) {
    const requested = options.length ?? 262144;
    if (!(requested >= 1)) {
      throw new RangeError(
        `Cannot build spacy.TextCatBOW.v3: length must be at least 1, got ${requested}`,
      );
    }
    sparseLinear = SparseLinear({ nO, length: 2 ** Math.ceil(Math.log2(requested)) }) as Model;
  } else {
    sparseLinear = SparseLinear({ nO, v1Indexing: true }) as Model;
  }
  const fill = { b: noOutputLayer ? 0 : NEG_VALUE, W: 0 };
  const outputLayer = noOutputLayer
    ? null
    : (exclusiveClasses ? softmaxActivation() : Logistic()) as Model;
  let resizableLayer: Model | null = null;
  let inner: Model;
  if (version === 1) {
    inner = chain(extractNgrams({ ngramSize, attr: ORTH }) as Model, sparseLinear);
  } else {
    resizableLayer = resizable(
      sparseLinear as Model<Floats2d, Floats2d>,
      (layer, n) => resizeLinearWeighted(layer, n, fill),
    ) as Model;
    inner = chain(extractNgrams({ ngramSize, attr: ORTH }) as Model, resizableLayer);
  }
  let model: Model = withCpu(inner);
  if (outputLayer !== null) model = chain(model, withCpu(outputLayer));
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setRef("output_layer", sparseLinear);
  model.setAttr("multi_label", !exclusiveClasses);
  if (resizableLayer !== null) model.setAttr("resize_output", resizeAndSetRef(resizableLayer));
  model.inputType = "List[Doc]";
  model.outputType = "Floats2d";
  return model as Model<DocLike[], Floats2d>;
}
