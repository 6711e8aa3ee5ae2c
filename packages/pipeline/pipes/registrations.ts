/**
 * Registers the trainable components' factories (`tagger`, `senter`,
 * `morphologizer`, `tok2vec`, `textcat`, `textcat_multilabel`) with spaCy's
 * default configs, and the architectures they build on.
 *
 * @module
 */
import "@weft/architectures";
import type { Model } from "@weft/layers";
import { registry, schema as s, type SchemaType } from "@weft/config";
import type { DocLike, Floats2d } from "@weft/types";
import type { Vocab } from "../vocab/vocab.ts";
import "../scorer/component_scorers.ts";
import { defaultModelConfig } from "./default_configs.ts";
import { Morphologizer } from "./morphologizer.ts";
import { SentenceRecognizer } from "./senter.ts";
import { Tagger } from "./tagger.ts";
import { TextCategorizer } from "./textcat.ts";
import { MultiLabelTextCategorizer } from "./textcat_multilabel.ts";
import { Tok2Vec } from "./tok2vec.ts";
import type { ScorerFn } from "./trainable_pipe.ts";

type Args = Record<string, unknown>;

const scorer = (name: string): SchemaType => s.any().default({ "@scorers": name });
const model = (factory: string): SchemaType => s.any().default(defaultModelConfig(factory));

function common<Out>(a: Args) {
  return {
    vocab: (a.nlp as { vocab: Vocab }).vocab,
    name: a.name as string,
    model: a.model as Model<DocLike[], Out>,
    scorer: (a.scorer ?? null) as ScorerFn | null,
  };
}

registry.factories.register(
  "tagger",
  (a: Args) =>
    new Tagger({
      ...common<Floats2d[]>(a),
      overwrite: a.overwrite as boolean,
      negPrefix: a.neg_prefix as string,
      labelSmoothing: a.label_smoothing as number,
    }),
  {
    schema: {
      model: model("tagger"),
      overwrite: s.bool().default(false),
      scorer: scorer("spacy.tagger_scorer.v1"),
      neg_prefix: s.str().default("!"),
      label_smoothing: s.float().default(0),
    },
  },
);

registry.factories.register(
  "senter",
  (a: Args) =>
    new SentenceRecognizer({ ...common<Floats2d[]>(a), overwrite: a.overwrite as boolean }),
  {
    schema: {
      model: model("senter"),
      overwrite: s.bool().default(false),
      scorer: scorer("spacy.senter_scorer.v1"),
    },
  },
);

registry.factories.register(
  "morphologizer",
  (a: Args) =>
    new Morphologizer({
      ...common<Floats2d[]>(a),
      overwrite: a.overwrite as boolean,
      extend: a.extend as boolean,
      labelSmoothing: a.label_smoothing as number,
    }),
  {
    schema: {
      model: model("morphologizer"),
      overwrite: s.bool().default(true),
      extend: s.bool().default(false),
      scorer: scorer("spacy.morphologizer_scorer.v1"),
      label_smoothing: s.float().default(0),
    },
  },
);

registry.factories.register(
  "tok2vec",
  (a: Args) => new Tok2Vec(common<Floats2d[]>(a)),
  { schema: { model: model("tok2vec") } },
);

registry.factories.register(
  "textcat",
  (a: Args) => new TextCategorizer({ ...common<Floats2d>(a), threshold: a.threshold as number }),
  {
    schema: {
      threshold: s.float().default(0),
      model: model("textcat"),
      scorer: scorer("spacy.textcat_scorer.v2"),
    },
  },
);

registry.factories.register(
  "textcat_multilabel",
  (a: Args) =>
    new MultiLabelTextCategorizer({ ...common<Floats2d>(a), threshold: a.threshold as number }),
  {
    schema: {
      threshold: s.float().default(0.5),
      model: model("textcat_multilabel"),
      scorer: scorer("spacy.textcat_multilabel_scorer.v2"),
    },
  },
);
