/**
 * Config blocks copied verbatim from spaCy's architecture documentation
 * (website/docs/api/architectures.mdx), with the "# ..." elisions filled by
 * another documented block.
 *
 * @module
 */

const HASH_EMBED_CNN = `@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
`;

const TOK2VEC_64 = `
[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 1000, 1000, 1000, 1000]
attrs = ["ORTH", "LOWER", "PREFIX", "SUFFIX", "SHAPE", "ID"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = \${model.tok2vec.embed.width}
window_size = 1
maxout_pieces = 3
depth = 2
`;

/** Name → documented config, and the sample each one takes. */
export const SPACY_DOC_CONFIGS: Record<string, { config: string; input: "docs" | "list" }> = {
  "spacy.HashEmbedCNN.v2": { input: "docs", config: `[model]\n${HASH_EMBED_CNN}` },
  "spacy.MultiHashEmbed.v2": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [2000, 1000, 1000, 1000]
include_static_vectors = true
`,
  },
  "spacy.MaxoutWindowEncoder.v2": {
    input: "list",
    config: `
[model]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 128
window_size = 1
maxout_pieces = 3
depth = 4
`,
  },
  "spacy.MishWindowEncoder.v2": {
    input: "list",
    config: `
[model]
@architectures = "spacy.MishWindowEncoder.v2"
width = 64
window_size = 1
depth = 4
`,
  },
  "spacy.TorchBiLSTMEncoder.v1": {
    input: "list",
    config: `
[model]
@architectures = "spacy.TorchBiLSTMEncoder.v1"
width = 64
depth = 2
dropout = 0.0
`,
  },
  "spacy.StaticVectors.v2": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.StaticVectors.v2"
nO = null
nM = null
dropout = 0.2
key_attr = "ORTH"

[model.init_W]
@initializers = "glorot_uniform_init.v1"
`,
  },
  "spacy.FeatureExtractor.v1": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.FeatureExtractor.v1"
columns = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "ORTH"]
`,
  },
  "spacy.Tagger.v2": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
${HASH_EMBED_CNN}`,
  },
  "spacy.TextCatEnsemble.v2": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
length = 262144
ngram_size = 1
no_output_layer = false
${TOK2VEC_64}`,
  },
  "spacy.TextCatBOW.v3": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = false
length = 262144
ngram_size = 1
no_output_layer = false
nO = null
`,
  },
  "spacy.TextCatParametricAttention.v1": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.TextCatParametricAttention.v1"
exclusive_classes = true
nO = null
${TOK2VEC_64}`,
  },
  "spacy.TextCatReduce.v1": {
    input: "docs",
    config: `
[model]
@architectures = "spacy.TextCatReduce.v1"
exclusive_classes = false
use_reduce_first = false
use_reduce_last = false
use_reduce_max = false
use_reduce_mean = true
nO = null

[model.tok2vec]
${HASH_EMBED_CNN}`,
  },
};
