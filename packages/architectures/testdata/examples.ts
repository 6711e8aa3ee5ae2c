/**
 * spaCy's config blocks for each registered name (from spaCy's architecture
 * docs and "Layers and Model Architectures" page), at a tiny width so that
 * gradient checks are quick, with the kind of input each one takes.
 *
 * @module
 */

/** What a network takes and returns, which decides the sample data. */
export type Kind =
  | "docs->tokens" // List[Doc] -> List[Floats2d]
  | "docs->tags" // List[Doc] -> List[Floats2d] ending in Softmax
  | "docs->cats" // List[Doc] -> Floats2d
  | "docs->cats-softmax" // List[Doc] -> Floats2d ending in a Softmax layer (logit gradient)
  | "docs->ragged" // List[Doc] -> Ragged
  | "docs->ints" // List[Doc] -> List[Ints2d]
  | "docs->sparse" // List[Doc] -> SparseFeatures
  | "list->list" // List[Floats2d] -> List[Floats2d]
  | "array->array" // Floats2d -> Floats2d
  | "ragged->array"; // Ragged -> Floats2d

/** One registered name, its config and sample kind. */
export interface Example {
  /** The config, with the block under `[model]`. */
  config: string;
  kind: Kind;
  /** Input width for list/array/ragged kinds. */
  width?: number;
  /** The documents need a vectors table. */
  vectors?: boolean;
  /**
   * Params left out of the gradient check, such as `LSTM`'s initial states `HC0`,
   * which get no gradient by design (as in Thinc).
   */
  ignoreParams?: string[];
}

const TOK2VEC_TINY = `
[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 8
depth = 2
embed_size = 50
window_size = 1
maxout_pieces = 3
subword_features = true
`;

const TOK2VEC_V2_TINY = `
[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 8
rows = [50, 50, 20, 20, 20, 20]
attrs = ["ORTH", "LOWER", "PREFIX", "SUFFIX", "SHAPE", "ID"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = \${model.tok2vec.embed.width}
window_size = 1
maxout_pieces = 3
depth = 2
`;

/** Every registered name and its example. */
export const EXAMPLES: Record<string, Example> = {
  "spacy.Tok2Vec.v1": {
    kind: "docs->tokens",
    config: `
[model]
@architectures = "spacy.Tok2Vec.v1"

[model.embed]
@architectures = "spacy.MultiHashEmbed.v1"
width = 8
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [50, 20, 20, 20]
include_static_vectors = false

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v1"
width = 8
window_size = 1
maxout_pieces = 3
depth = 2
`,
  },
  "spacy.Tok2Vec.v2": {
    kind: "docs->tokens",
    config: `
[model]
@architectures = "spacy.Tok2Vec.v2"

[model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = 8
rows = 70
nM = 4
nC = 4
include_static_vectors = false

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 8
window_size = 1
maxout_pieces = 3
depth = 2
`,
  },
  "spacy.HashEmbedCNN.v1": {
    kind: "docs->tokens",
    config: TOK2VEC_TINY.replace("[model.tok2vec]", "[model]").replace(".v2", ".v1"),
  },
  "spacy.HashEmbedCNN.v2": {
    kind: "docs->tokens",
    vectors: true,
    config: TOK2VEC_TINY.replace("[model.tok2vec]", "[model]").replace(
      "pretrained_vectors = null",
      "pretrained_vectors = true",
    ),
  },
  "spacy.MultiHashEmbed.v1": {
    kind: "docs->tokens",
    config: `
[model]
@architectures = "spacy.MultiHashEmbed.v1"
width = 8
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [40, 20, 20, 20]
include_static_vectors = false
`,
  },
  "spacy.MultiHashEmbed.v2": {
    kind: "docs->tokens",
    vectors: true,
    config: `
[model]
@architectures = "spacy.MultiHashEmbed.v2"
width = 8
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [40, 20, 20, 20]
include_static_vectors = true
`,
  },
  "spacy.CharacterEmbed.v1": {
    kind: "docs->tokens",
    config: `
[model]
@architectures = "spacy.CharacterEmbed.v1"
width = 8
rows = 70
nM = 4
nC = 4
include_static_vectors = false
`,
  },
  "spacy.CharacterEmbed.v2": {
    kind: "docs->tokens",
    vectors: true,
    config: `
[model]
@architectures = "spacy.CharacterEmbed.v2"
width = 8
rows = 70
nM = 4
nC = 4
include_static_vectors = true
feature = "NORM"
`,
  },
  "spacy.MaxoutWindowEncoder.v1": {
    kind: "array->array",
    width: 8,
    config: `
[model]
@architectures = "spacy.MaxoutWindowEncoder.v1"
width = 8
window_size = 1
maxout_pieces = 3
depth = 2
`,
  },
  "spacy.MaxoutWindowEncoder.v2": {
    kind: "list->list",
    width: 8,
    config: `
[model]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 8
window_size = 1
maxout_pieces = 3
depth = 2
`,
  },
  "spacy.MishWindowEncoder.v1": {
    kind: "array->array",
    width: 8,
    config: `
[model]
@architectures = "spacy.MishWindowEncoder.v1"
width = 8
window_size = 1
depth = 2
`,
  },
  "spacy.MishWindowEncoder.v2": {
    kind: "list->list",
    width: 8,
    config: `
[model]
@architectures = "spacy.MishWindowEncoder.v2"
width = 8
window_size = 1
depth = 2
`,
  },
  "spacy.TorchBiLSTMEncoder.v1": {
    kind: "list->list",
    width: 8,
    ignoreParams: ["HC0"],
    config: `
[model]
@architectures = "spacy.TorchBiLSTMEncoder.v1"
width = 8
depth = 2
dropout = 0.0
`,
  },
  "spacy.Tagger.v1": {
    kind: "docs->tags",
    config: `
[model]
@architectures = "spacy.Tagger.v1"
nO = null
` + TOK2VEC_TINY,
  },
  "spacy.Tagger.v2": {
    kind: "docs->tags",
    config: `
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false
` + TOK2VEC_TINY,
  },
  // With conv_depth > 0, v1 puts zero rows between documents BEFORE its first
  // Maxout + LayerNorm, whose zero-variance rows make the bias gradient
  // ill-conditioned (as in spaCy), so finite differences cannot check it.
  "spacy.TextCatEnsemble.v1": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatEnsemble.v1"
exclusive_classes = false
pretrained_vectors = null
width = 8
conv_depth = 0
embed_size = 50
window_size = 1
ngram_size = 1
dropout = 0
nO = null
`,
  },
  "spacy.TextCatEnsemble.v2": {
    kind: "docs->cats-softmax",
    config: `
[model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
length = 64
ngram_size = 1
no_output_layer = false
` + TOK2VEC_V2_TINY,
  },
  "spacy.TextCatBOW.v1": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatBOW.v1"
exclusive_classes = false
ngram_size = 1
no_output_layer = false
nO = null
`,
  },
  "spacy.TextCatBOW.v2": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatBOW.v2"
exclusive_classes = true
ngram_size = 2
no_output_layer = false
nO = null
`,
  },
  "spacy.TextCatBOW.v3": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = false
length = 64
ngram_size = 2
no_output_layer = false
nO = null
`,
  },
  "spacy.TextCatCNN.v1": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatCNN.v1"
exclusive_classes = false
nO = null
` + TOK2VEC_TINY,
  },
  "spacy.TextCatCNN.v2": {
    kind: "docs->cats-softmax",
    config: `
[model]
@architectures = "spacy.TextCatCNN.v2"
exclusive_classes = true
nO = null
` + TOK2VEC_TINY,
  },
  "spacy.TextCatReduce.v1": {
    kind: "docs->cats",
    config: `
[model]
@architectures = "spacy.TextCatReduce.v1"
exclusive_classes = false
use_reduce_first = true
use_reduce_last = true
use_reduce_max = true
use_reduce_mean = true
nO = null
` + TOK2VEC_TINY,
  },
  "spacy.TextCatParametricAttention.v1": {
    kind: "docs->cats-softmax",
    config: `
[model]
@architectures = "spacy.TextCatParametricAttention.v1"
exclusive_classes = true
nO = null
` + TOK2VEC_V2_TINY,
  },
  "spacy.StaticVectors.v1": {
    kind: "docs->ragged",
    vectors: true,
    config: `
[model]
@layers = "spacy.StaticVectors.v1"
nO = 6
nM = null
dropout = null
`,
  },
  "spacy.StaticVectors.v2": {
    kind: "docs->ragged",
    vectors: true,
    config: `
[model]
@layers = "spacy.StaticVectors.v2"
nO = 6
nM = null
dropout = 0.2
key_attr = "ORTH"

[model.init_W]
@initializers = "glorot_uniform_init.v1"
`,
  },
  "spacy.FeatureExtractor.v1": {
    kind: "docs->ints",
    config: `
[model]
@layers = "spacy.FeatureExtractor.v1"
columns = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "ORTH"]
`,
  },
  "spacy.extract_ngrams.v1": {
    kind: "docs->sparse",
    config: `
[model]
@layers = "spacy.extract_ngrams.v1"
ngram_size = 3
attr = "LOWER"
`,
  },
  "spacy.CharEmbed.v1": {
    kind: "docs->tokens",
    config: `
[model]
@layers = "spacy.CharEmbed.v1"
nM = 3
nC = 4
`,
  },
  "spacy.LinearLogistic.v1": {
    kind: "array->array",
    width: 5,
    config: `
[model]
@layers = "spacy.LinearLogistic.v1"
nO = 3
`,
  },
  "spacy.mean_max_reducer.v1": {
    kind: "ragged->array",
    width: 5,
    config: `
[model]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 4
`,
  },
};
