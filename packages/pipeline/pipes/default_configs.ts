/**
 * spaCy's default model configs of the trainable components (their score
 * weights are in `training/score_weights.ts`).
 *
 * @module
 */
import { Config } from "@weft/config";

const HASH_EMBED_CNN = (width: number, depth: number, pieces: number) => `
[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = ${width}
depth = ${depth}
embed_size = 2000
window_size = 1
maxout_pieces = ${pieces}
subword_features = true
`;

const TEXTCAT_ENSEMBLE = (exclusive: boolean) => `
[model]
@architectures = "spacy.TextCatEnsemble.v2"

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 500, 1000, 500]
attrs = ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = \${model.tok2vec.embed.width}
window_size = 1
maxout_pieces = 3
depth = 2

[model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = ${exclusive}
length = 262144
ngram_size = 1
no_output_layer = false
`;

/** spaCy's `default_model_config` of each trainable component, as config text. */
export const DEFAULT_MODEL_CONFIGS: Readonly<Record<string, string>> = {
  tagger: `[model]\n@architectures = "spacy.Tagger.v2"\n${HASH_EMBED_CNN(96, 4, 3)}`,
  senter: `[model]\n@architectures = "spacy.Tagger.v2"\n${HASH_EMBED_CNN(12, 1, 2)}`,
  morphologizer: `
[model]
@architectures = "spacy.Tagger.v2"

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = 128
rows = 7000
nM = 64
nC = 8
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 128
depth = 4
window_size = 1
maxout_pieces = 3
`,
  tok2vec: HASH_EMBED_CNN(96, 4, 3).replace("[model.tok2vec]", "[model]"),
  textcat: TEXTCAT_ENSEMBLE(true),
  textcat_multilabel: TEXTCAT_ENSEMBLE(false),
};

/**
 * The `model` block of a component's default config, as data (a fresh copy).
 *
 * @param factory the factory name
 * @returns the block, with `@architectures` keys
 * @throws {RangeError} for a factory without a default model
 * @example The tagger's default model block
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultModelConfig } from "@weft/pipeline";
 * const model = defaultModelConfig("tagger");
 * assert.equal(model["@architectures"], "spacy.Tagger.v2");
 * assert.equal((model.tok2vec as Record<string, unknown>).width, 96);
 * ```
 */
export function defaultModelConfig(factory: string): Record<string, unknown> {
  const text = DEFAULT_MODEL_CONFIGS[factory];
  if (text === undefined) throw new RangeError(`No default model config for "${factory}"`);
  const data = Config.fromStr(text).interpolate().toJSON() as Record<string, unknown>;
  return data.model as Record<string, unknown>;
}
