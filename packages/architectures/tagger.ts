import { chain, type Model, Softmax, withArray, zeroInit } from "@weft/layers";
import type { DocLike, Floats2d } from "@weft/types";
import { checkSublayer } from "./check_types.ts";

/** Options of `Tagger`. */
export interface TaggerOptions {
  /** The token-to-vector subnetwork: `List[Doc] -> List[Floats2d]`. */
  tok2vec: Model<DocLike[], Floats2d[]>;
  /** Number of tags; inferred from the labels at `initialize` when omitted. */
  nO?: number | null | undefined;
  /** Normalize outputs with softmax at prediction time too (v2); false by default. */
  normalize?: boolean | undefined;
}

/**
 * A tagger (`spacy.Tagger.v2`): the token vectors go through a zero-initialized
 * Softmax layer, one row of tag probabilities per token. Refs: `tok2vec`,
 * `softmax` and `output_layer`. Without `normalize`, prediction skips the
 * softmax (the argmax is the same); training always normalizes.
 *
 * @param options `tok2vec`, `nO`, `normalize`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, Tagger } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * const model = Tagger({ tok2vec, nO: 5 });
 * assert.equal(model.getRef("output_layer").getDim("nI"), 8);
 * ```
 */
export function Tagger(options: TaggerOptions): Model<DocLike[], Floats2d[]> {
  return build("spacy.Tagger.v2", options, options.normalize ?? false);
}

/**
 * The first tagger (`spacy.Tagger.v1`): as v2, always normalizing outputs.
 *
 * @param options `tok2vec`, `nO`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {TypeError} when `tok2vec` is not a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN, TaggerV1 } from "@weft/architectures";
 * const tok2vec = HashEmbedCNN({
 *   width: 8, depth: 1, embedSize: 50, windowSize: 1, maxoutPieces: 2,
 *   subwordFeatures: false, pretrainedVectors: null,
 * });
 * assert.equal(TaggerV1({ tok2vec }).getRef("softmax").getAttr("softmax_normalize"), true);
 * ```
 */
export function TaggerV1(options: Omit<TaggerOptions, "normalize">): Model<DocLike[], Floats2d[]> {
  return build("spacy.Tagger.v1", options, true);
}

function build(
  name: string,
  options: TaggerOptions,
  normalize: boolean,
): Model<DocLike[], Floats2d[]> {
  const { tok2vec } = options;
  checkSublayer(name, "tok2vec", tok2vec as Model, "List[Doc]", "List[Floats2d]");
  const outputLayer = Softmax({
    nO: options.nO ?? null,
    nI: tok2vec.maybeGetDim("nO"),
    initW: zeroInit,
    normalizeOutputs: normalize,
  });
  const model = chain(tok2vec, withArray<Floats2d[]>(outputLayer));
  model.setRef("tok2vec", tok2vec as Model);
  model.setRef("softmax", outputLayer as Model);
  model.setRef("output_layer", outputLayer as Model);
  return model as Model<DocLike[], Floats2d[]>;
}
