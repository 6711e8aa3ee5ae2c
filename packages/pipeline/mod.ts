/**
 * `@weft/pipeline`: spaCy's processing pipeline in TypeScript — `Vocab` and its
 * `StringStore`, `Doc`/`Token`/`Span`, `Example`, corpora and batchers,
 * `Language` and the `Scorer`.
 *
 * @example Tokens, lexical attributes and arrays
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab } from "@weft/pipeline";
 * import { LOWER, SHAPE } from "@weft/types";
 * const vocab = new Vocab({ lang: "en" });
 * const doc = new Doc(vocab, { words: ["Hello", "world"] });
 * const arr = doc.toArray([LOWER, SHAPE]);
 * assert.equal(arr.length, 4);
 * assert.equal(arr[0], Number(vocab.strings.key("hello") & 0xffffffffn));
 * ```
 *
 * @module
 */
export * from "./vocab/hash.ts";
export * from "./vocab/string_store.ts";
export * from "./vocab/lex_attrs.ts";
export * from "./vocab/base_norms.ts";
export * from "./vocab/lang_data.ts";
export * from "./vocab/lang_en.ts";
export * from "./vocab/lexeme.ts";
export * from "./vocab/vectors.ts";
export * from "./vocab/vectors_io.ts";
export * from "./vocab/vocab.ts";
export * from "./vocab/vocab_io.ts";
export * from "./doc/morph.ts";
export * from "./doc/pos.ts";
export * from "./doc/sent_starts.ts";
export * from "./doc/doc.ts";
export * from "./doc/token.ts";
export * from "./doc/span.ts";
export * from "./doc/doc_ents.ts";
export * from "./doc/doc_array.ts";
export * from "./doc/doc_json.ts";
export type {
  AttrId,
  AttrName,
  DocLike,
  DType,
  Floats2d,
  NdArray,
  Shape,
  Shape2d,
  Storage,
  VectorsLike,
} from "@weft/types";
export * from "./gold/alignment.ts";
export * from "./gold/biluo_utils.ts";
export * from "./gold/example_dict.ts";
export * from "./gold/example.ts";
export * from "./tokenizer/exports.ts";
export * from "./readers/exports.ts";
export * from "./doc/doc_slice.ts";
export * from "./corpus/docbin.ts";
export * from "./corpus/shuffle.ts";
export * from "./corpus/batchers.ts";
export * from "./corpus/corpus.ts";
export * from "./corpus/jsonl_corpus.ts";
import "./corpus/registrations.ts";
export * from "./scorer/prf.ts";
export * from "./scorer/score_tokens.ts";
export * from "./scorer/score_spans.ts";
export * from "./scorer/score_cats.ts";
export * from "./scorer/score_deps.ts";
export * from "./scorer/scorer.ts";
export * from "./scorer/component_scorers.ts";
export * from "./language/pipe.ts";
export * from "./language/doc_stream.ts";
export * from "./language/language.ts";
export * from "./language/from_config.ts";
export * from "./language/pipeline_training.ts";
export * from "./language/replace_listeners.ts";
export * from "./components/sentencizer.ts";
import "./language/registrations.ts";
export * from "./pipes/trainable_pipe.ts";
export * from "./pipes/aligned.ts";
export * from "./pipes/default_configs.ts";
export * from "./pipes/tagger.ts";
export * from "./pipes/senter.ts";
export * from "./pipes/morphologizer.ts";
export * from "./pipes/textcat.ts";
export * from "./pipes/textcat_multilabel.ts";
export * from "./pipes/tok2vec.ts";
import "./pipes/registrations.ts";
export * from "./training/exports.ts";
// The types the components' public signatures speak in.
export type {
  Floats1d,
  Floats3d,
  Floats4d,
  FloatsXd,
  HostArray,
  Ints1d,
  Ints2d,
  Padded,
  Ragged,
  Shape1d,
  Shape3d,
  Shape4d,
} from "@weft/types";
export type {
  AdamOptions as OpsAdamOptions,
  AdamStepOptions,
  CosineDistanceResult,
  GemmOptions,
  LayerNormGradients,
  LayerNormResult,
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
  Model,
  ModelNode,
  NodeState,
  OptimizerProtocol,
  ParamKey,
  WalkOrder,
} from "@weft/layers";
export type { Docs, DocWithTensor, Tok2VecListener } from "@weft/architectures";
