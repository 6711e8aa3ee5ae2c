import {
  chain,
  clone,
  concatenate,
  Dropout,
  expandWindow,
  HashEmbed,
  Linear,
  list2ragged,
  Logistic,
  Maxout,
  type Model,
  ParametricAttention,
  reduceSum,
  residual,
  Softmax,
  uniqued,
  withArray,
} from "@weft/layers";
import { ATTRS, type DocLike, type Floats2d, type Ints2d } from "@weft/types";
import { FeatureExtractor } from "./feature_extractor.ts";
import { StaticVectors } from "./static_vectors.ts";
import { TextCatBOW } from "./textcat_bow.ts";

/** Options of `TextCatEnsembleV1`. */
export interface TextCatEnsembleV1Options {
  /** Width of the embeddings and of the CNN. */
  width: number;
  /** Rows of each hash-embedding table. */
  embedSize: number;
  /** Also embed static vectors. */
  pretrainedVectors: boolean | null;
  /** Mutually exclusive classes (softmax) or independent ones (logistic). */
  exclusiveClasses: boolean;
  /** Longest n-gram of the bag-of-words model. */
  ngramSize: number;
  /** Tokens on either side of each convolution window. */
  windowSize: number;
  /** Number of convolutional layers. */
  convDepth: number;
  /** Dropout rate of the hash embeddings. */
  dropout: number | null;
  /** Number of classes; inferred at `initialize` when omitted. */
  nO?: number | null | undefined;
}

const COLS = [ATTRS.ORTH, ATTRS.LOWER, ATTRS.PREFIX, ATTRS.SUFFIX, ATTRS.SHAPE, ATTRS.ID];

/**
 * The first ensemble text classifier (`spacy.TextCatEnsemble.v1`), which builds
 * its own CNN over LOWER, PREFIX, SUFFIX and SHAPE hash embeddings (seeds 10-13,
 * computed once per distinct ORTH) beside a `spacy.TextCatBOW.v1`.
 *
 * @param options the v1 hyperparameters
 * @returns a `List[Doc] -> Floats2d` model with refs `tok2vec`, `output_layer`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TextCatEnsembleV1 } from "@weft/architectures";
 * const model = TextCatEnsembleV1({
 *   width: 8, embedSize: 50, pretrainedVectors: null, exclusiveClasses: true,
 *   ngramSize: 1, windowSize: 1, convDepth: 1, dropout: null, nO: 2,
 * });
 * assert.equal(model.getDim("nO"), 2);
 * ```
 */
export function TextCatEnsembleV1(options: TextCatEnsembleV1Options): Model<DocLike[], Floats2d> {
  const { width, embedSize, exclusiveClasses, windowSize, convDepth } = options;
  const nO = options.nO ?? null;
  const dropout = options.dropout;
  const half = Math.floor(width / 2);
  const embed = (nOut: number, attr: number, seed: number) =>
    HashEmbed({ nO: nOut, nV: embedSize, column: COLS.indexOf(attr), dropout, seed }) as Model;
  const lower = embed(width, ATTRS.LOWER, 10);
  const prefix = embed(half, ATTRS.PREFIX, 11);
  const suffix = embed(half, ATTRS.SUFFIX, 12);
  const shape = embed(half, ATTRS.SHAPE, 13);
  const widthNI = width + 3 * half;
  const embeddings = concatenate(lower, prefix, suffix, shape);
  const mixed = chain(embeddings, Maxout({ nO: width, nI: widthNI, normalize: true }) as Model);
  const trainedVectors = chain(
    FeatureExtractor(COLS) as Model,
    withArray(uniqued(mixed as Model<Ints2d, Floats2d>, { column: 0 })) as Model,
  );
  let vectorLayer: Model = trainedVectors;
  let vectorsWidth = width;
  if (options.pretrainedVectors) {
    vectorLayer = concatenate(trainedVectors, StaticVectors({ nO: width }) as Model);
    vectorsWidth = width * 2;
  }
  const conv = chain(
    expandWindow<Floats2d>(windowSize) as Model,
    Maxout({ nO: width, nI: width * (windowSize * 2 + 1), normalize: true }) as Model,
  );
  const tok2vec = chain(
    vectorLayer,
    withArray<Floats2d[]>(
      chain(
        Maxout({ nO: width, nI: vectorsWidth, normalize: true }) as Model,
        clone(residual(conv), convDepth),
      ) as Model<Floats2d, Floats2d>,
      { pad: convDepth },
    ) as Model,
  );
  const cnnModel = chain(
    chain(
      chain(
        chain(chain(tok2vec, list2ragged() as Model), ParametricAttention({ nO: width }) as Model),
        reduceSum() as Model,
      ),
      residual(Maxout({ nO: width, nI: width }) as Model),
    ),
    Linear({ nO, nI: width }) as Model,
  );
  const cnnWithDropout = chain(cnnModel, Dropout(0) as Model);
  const linearModel = TextCatBOW({
    nO,
    ngramSize: options.ngramSize,
    exclusiveClasses,
    noOutputLayer: false,
  }, 1);
  const nODouble = nO === null ? null : nO * 2;
  const outputLayer = exclusiveClasses
    ? Softmax({ nO, nI: nODouble }) as Model
    : chain(chain(Linear({ nO, nI: nODouble }) as Model, Dropout(0) as Model), Logistic() as Model);
  const model = chain(concatenate(linearModel as Model, cnnWithDropout), outputLayer);
  model.setRef("tok2vec", tok2vec);
  if (nO !== null) model.setDim("nO", nO, { force: true });
  model.setRef("output_layer", linearModel.getRef("output_layer"));
  model.setAttr("multi_label", !exclusiveClasses);
  return model as Model<DocLike[], Floats2d>;
}
