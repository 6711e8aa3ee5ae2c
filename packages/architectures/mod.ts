/**
 * `@weft/architectures`: spaCy's registered model architectures built from
 * `@weft/layers`: token-to-vector networks (`spacy.Tok2Vec.v2`,
 * `spacy.HashEmbedCNN.v2`, `spacy.MultiHashEmbed.v2`, `spacy.CharacterEmbed.v2`,
 * window encoders, the `spacy.Tok2VecListener.v1`), the tagger and the text
 * classifiers. Importing this module registers every one of them in
 * `@weft/config`'s `registry` under spaCy's names, so spaCy's `config.cfg`
 * blocks build them. Architectures see documents only through `DocLike`.
 *
 * @example Building spaCy's default tagger model from its config block
 * ```ts
 * import assert from "node:assert/strict";
 * import { Config, registry } from "@weft/config";
 * import "@weft/architectures";
 * const config = Config.fromStr(`
 * [model]
 * @architectures = "spacy.Tagger.v2"
 * nO = 3
 *
 * [model.tok2vec]
 * @architectures = "spacy.HashEmbedCNN.v2"
 * pretrained_vectors = null
 * width = 16
 * depth = 2
 * embed_size = 100
 * window_size = 1
 * maxout_pieces = 3
 * subword_features = true
 * `);
 * const { model } = registry.resolve(config) as { model: { name: string } };
 * assert.ok(model.name.endsWith(">>with_array(softmax)"));
 * ```
 *
 * @module
 */
export * from "./check_types.ts";
export * from "./feature_extractor.ts";
export * from "./static_vectors.ts";
export * from "./char_embed.ts";
export * from "./extract_ngrams.ts";
export * from "./multi_hash_embed.ts";
export * from "./embed_projection_cache.ts";
export * from "./character_embed.ts";
export * from "./window_encoders.ts";
export * from "./bilstm_encoder.ts";
export * from "./tok2vec.ts";
export * from "./tok2vec_listener.ts";
export * from "./tagger.ts";
export * from "./textcat_bow.ts";
export * from "./textcat_reduce.ts";
export * from "./textcat_ensemble.ts";
export * from "./textcat_ensemble_v1.ts";
export * from "./spancat_layers.ts";
export * from "./registrations.ts";
// The types the public signatures speak in, so that the documentation is complete.
export type {
  AttrId,
  DocLike,
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Floats4d,
  FloatsXd,
  HostArray,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
  Shape1d,
  Shape2d,
  Shape3d,
  Shape4d,
  Storage,
  VectorsLike,
} from "@weft/types";
export type {
  AdamOptions as OpsAdamOptions,
  AdamStepOptions,
  CosineDistanceResult,
  GemmOptions,
  LstmGradients,
  LstmResult,
  LstmState,
  MaxoutResult,
  NormalizeRowsResult,
  Ops,
  ReduceMaxResult,
  SoftmaxOptions as OpsSoftmaxOptions,
} from "@weft/ops";
export type {
  Backprop,
  Forward,
  Init,
  Initializer,
  Model,
  ModelNode,
  NodeState,
  OptimizerProtocol,
  ParamKey,
  SparseFeatures,
  WalkOrder,
} from "@weft/layers";
export type { FunctionSchema, RegisterOptions, SchemaType } from "@weft/config";
