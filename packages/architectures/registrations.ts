/**
 * Registers spaCy's architectures under their exact names, in the namespaces
 * spaCy uses (`architectures`, and `layers` for `spacy.StaticVectors.v2`,
 * `spacy.FeatureExtractor.v1`, `spacy.extract_ngrams.v1`, `spacy.CharEmbed.v1`,
 * `spacy.LinearLogistic.v1`, `spacy.mean_max_reducer.v1`, which are also put in
 * `architectures` because spaCy's documentation refers to them that way), adapting the config
 * keys as written (`embed_size`, `exclusive_classes`, `nO`) to each
 * constructor's options. Importing `@weft/architectures` runs this on the
 * shared `registry`.
 *
 * @module
 */
import { type RegisterOptions, registry, schema as s, type SchemaType } from "@weft/config";
import { type Initializer, Model } from "@weft/layers";
import type { DocLike, Floats2d } from "@weft/types";
import { CharEmbed } from "./char_embed.ts";
import { CharacterEmbed } from "./character_embed.ts";
import { BiLSTMEncoder } from "./bilstm_encoder.ts";
import { type AttrSpec, FeatureExtractor, intifyAttrs } from "./feature_extractor.ts";
import { extractNgrams } from "./extract_ngrams.ts";
import { MultiHashEmbed } from "./multi_hash_embed.ts";
import { LinearLogistic, meanMaxReducer } from "./spancat_layers.ts";
import { StaticVectors } from "./static_vectors.ts";
import { Tagger, TaggerV1 } from "./tagger.ts";
import { TextCatBOW } from "./textcat_bow.ts";
import { TextCatEnsemble, TextCatParametricAttention } from "./textcat_ensemble.ts";
import { TextCatEnsembleV1 } from "./textcat_ensemble_v1.ts";
import { TextCatCNN, TextCatCNNV1, TextCatReduce } from "./textcat_reduce.ts";
import { HashEmbedCNN, Tok2Vec, Tok2VecV1 } from "./tok2vec.ts";
import { Tok2VecListener } from "./tok2vec_listener.ts";
import {
  MaxoutWindowEncoder,
  MaxoutWindowEncoderV1,
  MishWindowEncoder,
  MishWindowEncoderV1,
} from "./window_encoders.ts";

type Args = Record<string, unknown>;
type ListModel = Model<DocLike[], Floats2d[]>;

const model = (): SchemaType => s.instance(Model);
const optInt = (): SchemaType => s.optional(s.int());
const attrList = (): SchemaType => s.list(s.union(s.str(), s.int()));
const initializer = (): SchemaType => s.custom("initializer", (v) => typeof v === "function");

/**
 * Every architecture name this package registers in `architectures`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { registry } from "@weft/config";
 * import { ARCHITECTURE_NAMES } from "@weft/architectures";
 * assert.ok(ARCHITECTURE_NAMES.every((name) => registry.architectures.has(name)));
 * ```
 */
export const ARCHITECTURE_NAMES: readonly string[] = [
  "spacy.Tok2Vec.v1",
  "spacy.Tok2Vec.v2",
  "spacy.HashEmbedCNN.v1",
  "spacy.HashEmbedCNN.v2",
  "spacy.MultiHashEmbed.v1",
  "spacy.MultiHashEmbed.v2",
  "spacy.CharacterEmbed.v1",
  "spacy.CharacterEmbed.v2",
  "spacy.MaxoutWindowEncoder.v1",
  "spacy.MaxoutWindowEncoder.v2",
  "spacy.MishWindowEncoder.v1",
  "spacy.MishWindowEncoder.v2",
  "spacy.TorchBiLSTMEncoder.v1",
  "spacy.Tok2VecListener.v1",
  "spacy.Tagger.v1",
  "spacy.Tagger.v2",
  "spacy.TextCatEnsemble.v1",
  "spacy.TextCatEnsemble.v2",
  "spacy.TextCatBOW.v1",
  "spacy.TextCatBOW.v2",
  "spacy.TextCatBOW.v3",
  "spacy.TextCatCNN.v1",
  "spacy.TextCatCNN.v2",
  "spacy.TextCatReduce.v1",
  "spacy.TextCatParametricAttention.v1",
];

/**
 * Every name this package registers in `layers`, where spaCy registers them
 * (and, as spaCy's documentation writes them, in `architectures` too).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { registry } from "@weft/config";
 * import { ARCHITECTURE_LAYER_NAMES } from "@weft/architectures";
 * assert.ok(ARCHITECTURE_LAYER_NAMES.every((name) => registry.layers.has(name)));
 * ```
 */
export const ARCHITECTURE_LAYER_NAMES: readonly string[] = [
  "spacy.StaticVectors.v1",
  "spacy.StaticVectors.v2",
  "spacy.FeatureExtractor.v1",
  "spacy.extract_ngrams.v1",
  "spacy.CharEmbed.v1",
  "spacy.LinearLogistic.v1",
  "spacy.mean_max_reducer.v1",
];

const hashEmbedCNNSchema = {
  width: s.int(),
  depth: s.int(),
  embed_size: s.int(),
  window_size: s.int(),
  maxout_pieces: s.int(),
  subword_features: s.bool(),
  pretrained_vectors: s.nullable(s.bool()),
};

function hashEmbedCNN(a: Args) {
  return HashEmbedCNN({
    width: a.width as number,
    depth: a.depth as number,
    embedSize: a.embed_size as number,
    windowSize: a.window_size as number,
    maxoutPieces: a.maxout_pieces as number,
    subwordFeatures: a.subword_features as boolean,
    pretrainedVectors: a.pretrained_vectors as boolean | null,
  });
}

const multiHashEmbedSchema = {
  width: s.int(),
  attrs: attrList(),
  rows: s.list(s.int()),
  include_static_vectors: s.bool(),
};

function multiHashEmbed(a: Args) {
  return MultiHashEmbed({
    width: a.width as number,
    attrs: a.attrs as AttrSpec[],
    rows: a.rows as number[],
    includeStaticVectors: a.include_static_vectors as boolean,
  });
}

const characterEmbedSchema = {
  width: s.int(),
  rows: s.int(),
  nM: s.int(),
  nC: s.int(),
  include_static_vectors: s.bool(),
  feature: s.union(s.str(), s.int()).default("LOWER"),
};

function characterEmbed(a: Args) {
  return CharacterEmbed({
    width: a.width as number,
    rows: a.rows as number,
    nM: a.nM as number,
    nC: a.nC as number,
    includeStaticVectors: a.include_static_vectors as boolean,
    feature: a.feature as AttrSpec,
  });
}

const maxoutEncoderSchema = {
  width: s.int(),
  window_size: s.int(),
  maxout_pieces: s.int(),
  depth: s.int(),
};

function maxoutOptions(a: Args) {
  return {
    width: a.width as number,
    windowSize: a.window_size as number,
    maxoutPieces: a.maxout_pieces as number,
    depth: a.depth as number,
  };
}

const mishEncoderSchema = { width: s.int(), window_size: s.int(), depth: s.int() };

function mishOptions(a: Args) {
  return {
    width: a.width as number,
    windowSize: a.window_size as number,
    depth: a.depth as number,
  };
}

const textcatCNNSchema = { tok2vec: model(), exclusive_classes: s.bool(), nO: optInt() };

const bowSchema = {
  exclusive_classes: s.bool(),
  ngram_size: s.int(),
  no_output_layer: s.bool(),
  nO: optInt(),
};

function bow(a: Args, version: 1 | 2 | 3) {
  return TextCatBOW({
    exclusiveClasses: a.exclusive_classes as boolean,
    ngramSize: a.ngram_size as number,
    noOutputLayer: a.no_output_layer as boolean,
    length: a.length as number | undefined,
    nO: a.nO as number | null,
  }, version);
}

const staticVectorsSchema = {
  nO: optInt(),
  nM: optInt(),
  dropout: s.optional(s.float()),
  init_W: s.optional(initializer()),
  key_attr: s.str().default("ORTH"),
};

function staticVectors(a: Args) {
  return StaticVectors({
    nO: a.nO as number | null,
    nM: a.nM as number | null,
    dropout: a.dropout as number | null,
    initW: (a.init_W ?? undefined) as Initializer | undefined,
    keyAttr: a.key_attr as string,
  });
}

/** A registry namespace as `registerArchitectures` uses it. */
export interface RegistryNamespaceTarget {
  /** Register a function under a name. */
  register(
    name: string,
    fn: (args: Record<string, unknown>) => unknown,
    options?: RegisterOptions,
  ): unknown;
}

/** The part of a registry that `registerArchitectures` fills. */
export interface ArchitectureRegistryTarget {
  /** The `architectures` namespace. */
  readonly architectures: RegistryNamespaceTarget;
  /** The `layers` namespace. */
  readonly layers: RegistryNamespaceTarget;
}

/**
 * Register every architecture (and spaCy's architecture-level layers) in `target`.
 * The shared `registry` gets them when `@weft/architectures` is imported.
 *
 * @param target the registry to fill
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry } from "@weft/config";
 * import { registerArchitectures } from "@weft/architectures";
 * const fresh = createRegistry();
 * registerArchitectures(fresh);
 * assert.ok(fresh.architectures.has("spacy.Tok2Vec.v2"));
 * assert.ok(fresh.layers.has("spacy.StaticVectors.v2"));
 * ```
 */
export function registerArchitectures(target: ArchitectureRegistryTarget): void {
  const arch = target.architectures;
  const tok2vecSchema = { embed: model(), encode: model() };
  arch.register(
    "spacy.Tok2Vec.v1",
    (a: Args) =>
      Tok2VecV1({ embed: a.embed as ListModel, encode: a.encode as Model<Floats2d, Floats2d> }),
    { schema: tok2vecSchema },
  );
  arch.register(
    "spacy.Tok2Vec.v2",
    (a: Args) =>
      Tok2Vec({ embed: a.embed as ListModel, encode: a.encode as Model<Floats2d[], Floats2d[]> }),
    { schema: tok2vecSchema },
  );
  for (const v of ["v1", "v2"]) {
    arch.register(`spacy.HashEmbedCNN.${v}`, hashEmbedCNN, { schema: hashEmbedCNNSchema });
    arch.register(`spacy.MultiHashEmbed.${v}`, multiHashEmbed, { schema: multiHashEmbedSchema });
    arch.register(`spacy.CharacterEmbed.${v}`, characterEmbed, { schema: characterEmbedSchema });
  }
  arch.register(
    "spacy.MaxoutWindowEncoder.v1",
    (a: Args) => MaxoutWindowEncoderV1(maxoutOptions(a)),
    {
      schema: maxoutEncoderSchema,
    },
  );
  arch.register(
    "spacy.MaxoutWindowEncoder.v2",
    (a: Args) => MaxoutWindowEncoder(maxoutOptions(a)),
    {
      schema: maxoutEncoderSchema,
    },
  );
  arch.register("spacy.MishWindowEncoder.v1", (a: Args) => MishWindowEncoderV1(mishOptions(a)), {
    schema: mishEncoderSchema,
  });
  arch.register("spacy.MishWindowEncoder.v2", (a: Args) => MishWindowEncoder(mishOptions(a)), {
    schema: mishEncoderSchema,
  });
  arch.register(
    "spacy.TorchBiLSTMEncoder.v1",
    (a: Args) =>
      BiLSTMEncoder({
        width: a.width as number,
        depth: a.depth as number,
        dropout: a.dropout as number,
      }),
    { schema: { width: s.int(), depth: s.int(), dropout: s.float() } },
  );
  arch.register(
    "spacy.Tok2VecListener.v1",
    (a: Args) =>
      new Tok2VecListener({ width: a.width as number, upstreamName: a.upstream as string }),
    { schema: { width: s.int(), upstream: s.str().default("*") } },
  );
  arch.register(
    "spacy.Tagger.v1",
    (a: Args) => TaggerV1({ tok2vec: a.tok2vec as ListModel, nO: a.nO as number | null }),
    { schema: { tok2vec: model(), nO: optInt() } },
  );
  arch.register(
    "spacy.Tagger.v2",
    (a: Args) =>
      Tagger({
        tok2vec: a.tok2vec as ListModel,
        nO: a.nO as number | null,
        normalize: a.normalize as boolean,
      }),
    { schema: { tok2vec: model(), nO: optInt(), normalize: s.bool().default(false) } },
  );
  arch.register(
    "spacy.TextCatEnsemble.v1",
    (a: Args) =>
      TextCatEnsembleV1({
        width: a.width as number,
        embedSize: a.embed_size as number,
        pretrainedVectors: a.pretrained_vectors as boolean | null,
        exclusiveClasses: a.exclusive_classes as boolean,
        ngramSize: a.ngram_size as number,
        windowSize: a.window_size as number,
        convDepth: a.conv_depth as number,
        dropout: a.dropout as number | null,
        nO: a.nO as number | null,
      }),
    {
      schema: {
        width: s.int(),
        embed_size: s.int(),
        pretrained_vectors: s.nullable(s.bool()),
        exclusive_classes: s.bool(),
        ngram_size: s.int(),
        window_size: s.int(),
        conv_depth: s.int(),
        dropout: s.nullable(s.float()),
        nO: optInt(),
      },
    },
  );
  arch.register(
    "spacy.TextCatEnsemble.v2",
    (a: Args) =>
      TextCatEnsemble({
        tok2vec: a.tok2vec as ListModel,
        linearModel: a.linear_model as Model<DocLike[], Floats2d>,
        nO: a.nO as number | null,
      }),
    { schema: { tok2vec: model(), linear_model: model(), nO: optInt() } },
  );
  arch.register("spacy.TextCatBOW.v1", (a: Args) => bow(a, 1), { schema: bowSchema });
  arch.register("spacy.TextCatBOW.v2", (a: Args) => bow(a, 2), { schema: bowSchema });
  arch.register("spacy.TextCatBOW.v3", (a: Args) => bow(a, 3), {
    schema: { ...bowSchema, length: s.int().default(262144) },
  });
  arch.register(
    "spacy.TextCatCNN.v1",
    (a: Args) =>
      TextCatCNNV1({
        tok2vec: a.tok2vec as ListModel,
        exclusiveClasses: a.exclusive_classes as boolean,
        nO: a.nO as number | null,
      }),
    { schema: textcatCNNSchema },
  );
  arch.register(
    "spacy.TextCatCNN.v2",
    (a: Args) =>
      TextCatCNN({
        tok2vec: a.tok2vec as ListModel,
        exclusiveClasses: a.exclusive_classes as boolean,
        nO: a.nO as number | null,
      }),
    { schema: textcatCNNSchema },
  );
  arch.register(
    "spacy.TextCatReduce.v1",
    (a: Args) =>
      TextCatReduce({
        tok2vec: a.tok2vec as ListModel,
        exclusiveClasses: a.exclusive_classes as boolean,
        useReduceFirst: a.use_reduce_first as boolean,
        useReduceLast: a.use_reduce_last as boolean,
        useReduceMax: a.use_reduce_max as boolean,
        useReduceMean: a.use_reduce_mean as boolean,
        nO: a.nO as number | null,
      }),
    {
      schema: {
        tok2vec: model(),
        exclusive_classes: s.bool(),
        use_reduce_first: s.bool(),
        use_reduce_last: s.bool(),
        use_reduce_max: s.bool(),
        use_reduce_mean: s.bool(),
        nO: optInt(),
      },
    },
  );
  arch.register(
    "spacy.TextCatParametricAttention.v1",
    (a: Args) =>
      TextCatParametricAttention({
        tok2vec: a.tok2vec as ListModel,
        exclusiveClasses: a.exclusive_classes as boolean,
        nO: a.nO as number | null,
      }),
    { schema: textcatCNNSchema },
  );

  // spaCy registers these in `layers`; its documentation writes them with
  // `@architectures`, so both namespaces have them here.
  for (const layers of [target.layers, target.architectures]) {
    layers.register("spacy.StaticVectors.v1", staticVectors, { schema: staticVectorsSchema });
    layers.register("spacy.StaticVectors.v2", staticVectors, { schema: staticVectorsSchema });
    layers.register(
      "spacy.FeatureExtractor.v1",
      (a: Args) => FeatureExtractor(a.columns as AttrSpec[]),
      { schema: { columns: attrList() } },
    );
    layers.register(
      "spacy.extract_ngrams.v1",
      (a: Args) =>
        extractNgrams({
          ngramSize: a.ngram_size as number,
          attr: intifyAttrs([a.attr as AttrSpec])[0],
        }),
      { schema: { ngram_size: s.int(), attr: s.union(s.str(), s.int()).default("LOWER") } },
    );
    layers.register(
      "spacy.CharEmbed.v1",
      (a: Args) => CharEmbed({ nM: a.nM as number, nC: a.nC as number }),
      { schema: { nM: s.int(), nC: s.int() } },
    );
    layers.register(
      "spacy.LinearLogistic.v1",
      (a: Args) => LinearLogistic({ nO: a.nO as number | null, nI: a.nI as number | null }),
      { schema: { nO: optInt(), nI: optInt() } },
    );
    layers.register(
      "spacy.mean_max_reducer.v1",
      (a: Args) => meanMaxReducer(a.hidden_size as number),
      { schema: { hidden_size: s.int() } },
    );
  }
}

registerArchitectures(registry);
