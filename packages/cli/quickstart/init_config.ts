/**
 * The config `spacy init config` writes for CPU training (spaCy 3.8's
 * quickstart template, filled with every default), written by Weft.
 *
 * @module
 */
import { pyFloat, SectionTree } from "./sections.ts";
import { component, QUICKSTART_COMPONENTS, WIDTH_REF } from "./components.ts";
import { scoreWeights } from "./score_weights.ts";

export { QUICKSTART_COMPONENTS } from "./components.ts";
export { scoreWeights } from "./score_weights.ts";

/** Options of {@linkcode quickstartConfig}. */
export interface QuickstartOptions {
  /** The language code (default `"en"`). */
  lang?: string;
  /** The components, in order (default `["tagger"]`). */
  pipeline?: readonly string[];
  /** Optimize for `"efficiency"` (default) or `"accuracy"` (bigger tok2vec, word vectors). */
  optimize?: "efficiency" | "accuracy";
}

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
