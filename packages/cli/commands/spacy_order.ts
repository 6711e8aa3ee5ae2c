/**
 * The order in which `spacy init fill-config` writes a filled config, so that
 * `weft init fill-config` output diffs cleanly against spaCy's.
 *
 * spaCy merges the base config into its defaults keeping the base's order:
 * the base's sections and keys come first, as given, then the defaults it
 * lacks in the order of spaCy's `default_config.cfg`. `[components]` and
 * `[pretraining]` are taken out while the rest is filled and put back last,
 * components in pipeline order.
 *
 * @module
 */

type Tree = Record<string, unknown>;

// spaCy's default_config.cfg, in file order; score_weights is filled from the
// pipeline after the rest, so it comes last when the base does not set it.
const DEFAULT_ORDER: Readonly<Record<string, readonly string[]>> = {
  "": ["paths", "system", "nlp", "corpora", "training", "initialize"],
  paths: ["train", "dev", "vectors", "init_tok2vec"],
  system: ["seed", "gpu_allocator"],
  nlp: [
    "lang",
    "pipeline",
    "disabled",
    "before_creation",
    "after_creation",
    "after_pipeline_creation",
    "batch_size",
    "tokenizer",
    "vectors",
  ],
  corpora: ["train", "dev"],
  "corpora.train": ["@readers", "path", "gold_preproc", "max_length", "limit", "augmenter"],
  "corpora.dev": ["@readers", "path", "gold_preproc", "max_length", "limit", "augmenter"],
  training: [
    "seed",
    "gpu_allocator",
    "dropout",
    "accumulate_gradient",
    "patience",
    "max_epochs",
    "max_steps",
    "eval_frequency",
    "frozen_components",
    "annotating_components",
    "dev_corpus",
    "train_corpus",
    "before_to_disk",
    "before_update",
    "logger",
    "batcher",
    "optimizer",
    "score_weights",
  ],
  initialize: [
    "vectors",
    "init_tok2vec",
    "vocab_data",
    "lookups",
    "before_init",
    "after_init",
    "tokenizer",
    "components",
  ],
};

const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);

function keyOrder(path: string, value: Tree, base: Tree | undefined): string[] {
  const keys = Object.keys(value);
  // spaCy rebuilds the score weights from the pipeline: their order is the filled one.
  const given = path === "training.score_weights" ? [] : Object.keys(base ?? {});
  const order = [
    ...given,
    ...(DEFAULT_ORDER[path] ?? []),
    ...keys,
  ];
  return [...new Set(order)].filter((k) => k in value);
}

function reorder(path: string, value: Tree, base: Tree | undefined): Tree {
  const out: Tree = {};
  for (const key of keyOrder(path, value, base)) {
    const child = value[key];
    const sub = path === "" ? key : `${path}.${key}`;
    // Only the default sections are reordered; components keep the order their
    // factories' defaults give them.
    const known = sub in DEFAULT_ORDER || sub.split(".")[0]! in DEFAULT_ORDER;
    out[key] = isTree(child) && known
      ? reorder(sub, child, isTree(base?.[key]) ? base[key] as Tree : undefined)
      : child;
  }
  return out;
}

/**
 * Order a filled config's data as `spacy init fill-config` writes it, given
 * the base config it was filled from.
 *
 * @param filled the filled config's data
 * @param base the base config's data (its order wins)
 * @returns the same data, reordered
 */
export function spacyFillOrder(filled: Tree, base: Tree): Tree {
  const { components, pretraining, ...rest } = filled;
  const { components: baseComponents, pretraining: _p, ...baseRest } = base;
  const out = reorder("", rest, baseRest);
  if (components !== undefined) {
    const pipeline = isTree(filled.nlp) && Array.isArray(filled.nlp.pipeline)
      ? filled.nlp.pipeline as string[]
      : [];
    const byPipeline: Tree = {};
    if (isTree(components)) {
      for (const name of [...pipeline, ...Object.keys(baseComponents ?? {})]) {
        if (name in components && !(name in byPipeline)) byPipeline[name] = components[name];
      }
      for (const [name, block] of Object.entries(components)) {
        if (!(name in byPipeline)) byPipeline[name] = block;
      }
    }
    out.components = isTree(components) ? byPipeline : components;
  }
  if (pretraining !== undefined) out.pretraining = pretraining;
  return out;
}
