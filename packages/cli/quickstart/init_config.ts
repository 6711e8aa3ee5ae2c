/**
 * The config `spacy init config` writes for CPU training (spaCy 3.8's
 * quickstart template, filled with every default), written by Weft.
 *
 * @module
 */
import { pyFloat, SectionTree } from "./sections.ts";

/** Options of {@linkcode quickstartConfig}. */
export interface QuickstartOptions {
  /** The language code (default `"en"`). */
  lang?: string;
  /** The components, in order (default `["tagger"]`). */
  pipeline?: readonly string[];
  /** Optimize for `"efficiency"` (default) or `"accuracy"` (bigger tok2vec, word vectors). */
  optimize?: "efficiency" | "accuracy";
}

/** The components `init config` knows. */
export const QUICKSTART_COMPONENTS: readonly string[] = [
  "tagger",
  "morphologizer",
  "senter",
  "parser",
  "ner",
  "textcat",
  "textcat_multilabel",
];

/** Components that listen to a shared `tok2vec`. */
const LISTENERS = ["tagger", "morphologizer", "parser", "ner"];

/** The word vectors the quickstart recommends for `accuracy`, by language. */
const WORD_VECTORS: Readonly<Record<string, string>> = {
  da: "da_core_news_lg",
  de: "de_core_news_lg",
  el: "el_core_news_lg",
  en: "en_core_web_lg",
  es: "es_core_news_lg",
  fr: "fr_core_news_lg",
  it: "it_core_news_lg",
  ja: "ja_core_news_lg",
  lt: "lt_core_news_lg",
  nb: "nb_core_news_lg",
  nl: "nl_core_news_lg",
  pl: "pl_core_news_lg",
  pt: "pt_core_news_lg",
  ro: "ro_core_news_lg",
  zh: "zh_core_web_lg",
};

/** spaCy's default score weights of each component, in spaCy's key order. */
const SCORE_WEIGHTS: Readonly<Record<string, readonly [string, number | null][]>> = {
  tagger: [["tag_acc", 1], ["pos_acc", 0], ["tag_micro_p", null], ["tag_micro_r", null], [
    "tag_micro_f",
    null,
  ]],
  morphologizer: [["pos_acc", 0.5], ["morph_acc", 0.5], ["morph_per_feat", null]],
  senter: [["sents_f", 1], ["sents_p", 0], ["sents_r", 0]],
  parser: [
    ["dep_uas", 0.5],
    ["dep_las", 0.5],
    ["dep_las_per_type", null],
    ["sents_p", null],
    ["sents_r", null],
    ["sents_f", 0],
  ],
  ner: [["ents_f", 1], ["ents_p", 0], ["ents_r", 0], ["ents_per_type", null]],
  textcat: [
    ["cats_score", 1],
    ["cats_score_desc", null],
    ["cats_micro_p", null],
    ["cats_micro_r", null],
    ["cats_micro_f", null],
    ["cats_macro_p", null],
    ["cats_macro_r", null],
    ["cats_macro_f", null],
    ["cats_macro_auc", null],
    ["cats_f_per_type", null],
  ],
};

const WIDTH_REF = "${components.tok2vec.model.encode.width}";

function listener(node: SectionTree): void {
  node.set(
    ["@architectures", '"spacy.Tok2VecListener.v1"'],
    ["width", WIDTH_REF],
    ["upstream", '"*"'],
  );
}

function textcatBow(node: SectionTree, exclusive: boolean, templateOrder: boolean): void {
  node.set(["@architectures", '"spacy.TextCatBOW.v3"'], ["exclusive_classes", String(exclusive)]);
  // The template's own values come first; filled defaults follow in signature order.
  if (templateOrder) {
    node.set(["ngram_size", "1"], ["no_output_layer", "false"], ["length", "262144"]);
  } else node.set(["length", "262144"], ["ngram_size", "1"], ["no_output_layer", "false"]);
  node.set(["nO", "null"]);
}

function component(
  root: SectionTree,
  name: string,
  accuracy: boolean,
): void {
  const c = root.at(`components.${name}`).set(["factory", `"${name}"`]);
  const tagger = (scorer: string) => {
    c.at("model").set(
      ["@architectures", '"spacy.Tagger.v2"'],
      ["nO", "null"],
      ["normalize", "false"],
    );
    return () => c.at("scorer").set(["@scorers", `"${scorer}"`]);
  };
  const parser = (state: string, hidden: number, pieces: number) => {
    c.at("model").set(
      ["@architectures", '"spacy.TransitionBasedParser.v2"'],
      ["state_type", `"${state}"`],
      ["extra_state_tokens", "false"],
      ["hidden_width", String(hidden)],
      ["maxout_pieces", String(pieces)],
      ["use_upper", "true"],
      ["nO", "null"],
    );
    listener(c.at("model.tok2vec"));
  };
  switch (name) {
    case "tagger": {
      c.set(["label_smoothing", "0.05"], ["overwrite", "false"], ["neg_prefix", '"!"']);
      const scorer = tagger("spacy.tagger_scorer.v1");
      listener(c.at("model.tok2vec"));
      scorer();
      break;
    }
    case "morphologizer": {
      c.set(["label_smoothing", "0.05"], ["overwrite", "true"], ["extend", "false"]);
      const scorer = tagger("spacy.morphologizer_scorer.v1");
      listener(c.at("model.tok2vec"));
      scorer();
      break;
    }
    case "senter": {
      c.set(["overwrite", "false"]);
      const scorer = tagger("spacy.senter_scorer.v1");
      c.at("model.tok2vec").set(
        ["@architectures", '"spacy.HashEmbedCNN.v2"'],
        ["pretrained_vectors", "null"],
        ["width", "12"],
        ["depth", "1"],
        ["embed_size", "2000"],
        ["window_size", "1"],
        ["maxout_pieces", "2"],
        ["subword_features", "true"],
      );
      scorer();
      break;
    }
    case "parser":
      c.set(
        ["moves", "null"],
        ["update_with_oracle_cut_size", "100"],
        ["learn_tokens", "false"],
        ["min_action_freq", "30"],
      );
      parser("parser", 128, 3);
      c.at("scorer").set(["@scorers", '"spacy.parser_scorer.v1"']);
      break;
    case "ner":
      c.set(["moves", "null"], ["update_with_oracle_cut_size", "100"], [
        "incorrect_spans_key",
        "null",
      ]);
      parser("ner", 64, 2);
      c.at("scorer").set(["@scorers", '"spacy.ner_scorer.v1"']);
      break;
    case "textcat":
    case "textcat_multilabel": {
      const multi = name === "textcat_multilabel";
      c.set(["threshold", multi ? "0.5" : "0.0"]);
      if (accuracy) {
        c.at("model").set(["@architectures", '"spacy.TextCatEnsemble.v2"'], ["nO", "null"]);
        listener(c.at("model.tok2vec"));
        textcatBow(c.at("model.linear_model"), !multi, false);
      } else textcatBow(c.at("model"), !multi, !multi);
      c.at("scorer").set([
        "@scorers",
        multi ? '"spacy.textcat_multilabel_scorer.v2"' : '"spacy.textcat_scorer.v2"',
      ]);
      break;
    }
    default:
      throw new RangeError(
        `init config: unknown component "${name}" (known: ${QUICKSTART_COMPONENTS.join(", ")})`,
      );
  }
}

/**
 * spaCy's `combine_score_weights`: each component's weights divided by their
 * sum and by the number of components, rounded to two decimals.
 *
 * @param pipeline the components' factories
 * @returns `[key, weight]` in order (`null` kept)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreWeights } from "@weft/cli";
 * assert.deepEqual(scoreWeights(["tagger", "senter"]).filter(([, w]) => w !== null), [
 *   ["tag_acc", 0.5], ["pos_acc", 0], ["sents_f", 0.5], ["sents_p", 0], ["sents_r", 0],
 * ]);
 * ```
 */
export function scoreWeights(pipeline: readonly string[]): [string, number | null][] {
  const tables = pipeline.map((p) =>
    SCORE_WEIGHTS[p === "textcat_multilabel" ? "textcat" : p] ?? []
  ).filter((t) => t.length > 0);
  const out = new Map<string, number | null>();
  for (const table of tables) {
    const total = table.reduce((n, [, w]) => n + (w ?? 0), 0);
    for (const [k, w] of table) {
      out.set(
        k,
        w === null ? null : total ? Math.round((w / total / tables.length) * 100) / 100 : 0,
      );
    }
  }
  return [...out];
}

/**
 * The base config of every training config: `[paths]`, `[system]`, `[nlp]`,
 * `[corpora]`, `[training]`, `[initialize]`, `[components]`, `[pretraining]`
 * with spaCy's defaults.
 *
 * @param options language, pipeline, word vectors
 * @returns the section tree
 */
export function baseConfigTree(
  options: { lang?: string; pipeline?: readonly string[]; vectors?: string | null } = {},
): SectionTree {
  const root = new SectionTree();
  root.at("paths").set(
    ["train", "null"],
    ["dev", "null"],
    ["vectors", options.vectors ? `"${options.vectors}"` : "null"],
    ["init_tok2vec", "null"],
  );
  root.at("system").set(["gpu_allocator", "null"], ["seed", "0"]);
  root.at("nlp").set(
    ["lang", `"${options.lang ?? "en"}"`],
    ["pipeline", `[${(options.pipeline ?? []).map((p) => `"${p}"`).join(", ")}]`],
    ["batch_size", "1000"],
    ["disabled", "[]"],
    ["before_creation", "null"],
    ["after_creation", "null"],
    ["after_pipeline_creation", "null"],
  );
  root.at("nlp.tokenizer").set(["@tokenizers", '"spacy.Tokenizer.v1"']);
  root.at("nlp.vectors").set(["@vectors", '"spacy.Vectors.v1"']);
  for (const split of ["train", "dev"]) {
    root.at(`corpora.${split}`).set(
      ["@readers", '"spacy.Corpus.v1"'],
      ["path", `\${paths.${split}}`],
      ["max_length", "0"],
      ["gold_preproc", "false"],
      ["limit", "0"],
      ["augmenter", "null"],
    );
  }
  root.at("training").set(
    ["dev_corpus", '"corpora.dev"'],
    ["train_corpus", '"corpora.train"'],
    ["seed", "${system.seed}"],
    ["gpu_allocator", "${system.gpu_allocator}"],
    ["dropout", "0.1"],
    ["accumulate_gradient", "1"],
    ["patience", "1600"],
    ["max_epochs", "0"],
    ["max_steps", "20000"],
    ["eval_frequency", "200"],
    ["frozen_components", "[]"],
    ["annotating_components", "[]"],
    ["before_to_disk", "null"],
    ["before_update", "null"],
  );
  root.at("training.optimizer").set(
    ["@optimizers", '"Adam.v1"'],
    ["beta1", "0.9"],
    ["beta2", "0.999"],
    ["L2_is_weight_decay", "true"],
    ["L2", "0.01"],
    ["grad_clip", "1.0"],
    ["use_averages", "false"],
    ["eps", "1e-08"],
    ["learn_rate", "0.001"],
  );
  root.at("training.batcher").set(
    ["@batchers", '"spacy.batch_by_words.v1"'],
    ["discard_oversize", "false"],
    ["tolerance", "0.2"],
    ["get_length", "null"],
  );
  root.at("training.batcher.size").set(
    ["@schedules", '"compounding.v1"'],
    ["start", "100"],
    ["stop", "1000"],
    ["compound", "1.001"],
    ["t", "0.0"],
  );
  root.at("training.logger").set(["@loggers", '"spacy.ConsoleLogger.v1"'], [
    "progress_bar",
    "false",
  ]);
  const weights = root.at("training.score_weights");
  for (const [k, w] of scoreWeights(options.pipeline ?? [])) {
    weights.set([k, w === null ? "null" : pyFloat(w)]);
  }
  root.at("initialize").set(
    ["vectors", "${paths.vectors}"],
    ["init_tok2vec", "${paths.init_tok2vec}"],
    ["vocab_data", "null"],
    ["lookups", "null"],
    ["before_init", "null"],
    ["after_init", "null"],
  );
  root.at("initialize.tokenizer");
  root.at("initialize.components");
  root.at("components");
  root.at("pretraining");
  return root;
}

/**
 * The text of `spacy init config --lang L --pipeline P --optimize O` (CPU):
 * the quickstart template's choices, filled with every default.
 *
 * @param options language, components, optimization
 * @returns the config text (no final newline, as spaCy writes it)
 * @throws {RangeError} for a component the quickstart does not know
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Config } from "@weft/config";
 * import { quickstartConfig } from "@weft/cli";
 * const text = quickstartConfig({ lang: "en", pipeline: ["tagger"] });
 * const config = Config.fromStr(text);
 * const data = config.data as Record<string, Record<string, unknown>>;
 * assert.deepEqual(data.nlp?.pipeline, ["tok2vec", "tagger"]);
 * assert.match(text, /\[components\.tok2vec\.model\.encode\]\n@architectures = "spacy\.MaxoutWindowEncoder\.v2"\nwidth = 96/);
 * ```
 */
export function quickstartConfig(options: QuickstartOptions = {}): string {
  const lang = options.lang ?? "en";
  const components = [...(options.pipeline ?? ["tagger"])];
  const accuracy = options.optimize === "accuracy";
  for (const name of components) {
    if (!QUICKSTART_COMPONENTS.includes(name)) {
      throw new RangeError(
        `init config: unknown component "${name}" (known: ${QUICKSTART_COMPONENTS.join(", ")})`,
      );
    }
  }
  const hasTextcat = components.includes("textcat") || components.includes("textcat_multilabel");
  const needsTok2vec = components.some((c) => LISTENERS.includes(c)) || (hasTextcat && accuracy);
  const pipeline = needsTok2vec ? ["tok2vec", ...components] : components;
  const root = baseConfigTree({
    lang,
    pipeline,
    vectors: accuracy ? WORD_VECTORS[lang] ?? null : null,
  });
  for (const name of pipeline) {
    if (name === "tok2vec") {
      root.at("components.tok2vec").set(["factory", '"tok2vec"']);
      root.at("components.tok2vec.model").set(["@architectures", '"spacy.Tok2Vec.v2"']);
      root.at("components.tok2vec.model.embed").set(
        ["@architectures", '"spacy.MultiHashEmbed.v2"'],
        ["width", WIDTH_REF],
        ["attrs", '["NORM", "PREFIX", "SUFFIX", "SHAPE"]'],
        ["rows", "[5000, 1000, 2500, 2500]"],
        ["include_static_vectors", String(accuracy)],
      );
      root.at("components.tok2vec.model.encode").set(
        ["@architectures", '"spacy.MaxoutWindowEncoder.v2"'],
        ["width", accuracy ? "256" : "96"],
        ["depth", accuracy ? "8" : "4"],
        ["window_size", "1"],
        ["maxout_pieces", "3"],
      );
    } else component(root, name, accuracy);
  }
  return root.toStr();
}
