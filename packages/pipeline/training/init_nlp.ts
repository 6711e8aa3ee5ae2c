/**
 * Preparing a pipeline for training from its config (spaCy's `init_nlp`):
 * overrides, seed, `[training]` resolved, corpora found by dot name,
 * `[initialize]` applied and the components initialized.
 *
 * @module
 */
import { Config, type ConfigSection, registry } from "@weft/config";
import { fixRandomSeed } from "@weft/layers";
import type { Example } from "../gold/example.ts";
import type { Language } from "../language/language.ts";
import { languageFromConfig } from "../language/from_config.ts";
import { combineScoreWeights, DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from "./score_weights.ts";

/** A corpus as a config resolves it: a `Corpus` (with `call(nlp)`) or a function of the pipeline. */
export type CorpusLike =
  | { call(nlp: Language): Iterable<Example> }
  | ((nlp: Language) => Iterable<Example>);

/** The `[training]` section, resolved. */
export interface ResolvedTraining {
  /** The section's data (after interpolation), for settings that are plain values. */
  readonly raw: Record<string, unknown>;
  /** The optimizer. */
  readonly optimizer: unknown;
  /** The batcher. */
  readonly batcher: (items: Iterable<Example>) => Iterable<Example[]>;
  /** The logger setup, when given. */
  readonly logger: unknown;
  /** The dropout rate or schedule. */
  readonly dropout: unknown;
  /** `before_update` callback, when given. */
  readonly beforeUpdate: unknown;
  /** `before_to_disk` callback, when given. */
  readonly beforeToDisk: unknown;
  /** The combined, normalized score weights. */
  readonly scoreWeights: ScoreWeights;
}

/**
 * Read a corpus by dot name (`"corpora.train"`) from the resolved config.
 *
 * @param resolved the resolved sections
 * @param dotName the dot name
 * @returns the examples of one pass, given the pipeline
 * @throws {RangeError} when the name does not lead to a corpus
 * @example Functions and objects with `call`
 * ```ts
 * import assert from "node:assert/strict";
 * import { corpusByDotName } from "@weft/pipeline";
 * const resolved = { corpora: { train: () => [], dev: { call: () => [] } } };
 * assert.equal(typeof corpusByDotName(resolved, "corpora.dev"), "function");
 * assert.throws(() => corpusByDotName(resolved, "corpora.test"), RangeError);
 * ```
 */
export function corpusByDotName(
  resolved: Record<string, unknown>,
  dotName: string,
): (nlp: Language) => Iterable<Example> {
  let node: unknown = resolved;
  for (const part of dotName.split(".")) {
    node = node !== null && typeof node === "object"
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }
  if (typeof node === "function") return node as (nlp: Language) => Iterable<Example>;
  if (node !== null && typeof node === "object" && typeof (node as CorpusLike & object).call) {
    const c = node as { call(nlp: Language): Iterable<Example> };
    if (typeof c.call === "function") return (nlp) => c.call(nlp);
  }
  throw new RangeError(
    `Cannot find a corpus at "${dotName}": add a [${dotName}] section with a reader (@readers)`,
  );
}

/** A training config: a `Config` of `@weft/config`, or anything that writes itself as config text. */
export interface ConfigText {
  /** The config as `config.cfg` text (variables kept). */
  toStr(): string;
}

/**
 * The score weights of a pipeline: each component's defaults (the
 * component's `defaultScoreWeights`, else spaCy's for its factory) combined
 * with the config's `[training.score_weights]`, normalized.
 *
 * @param nlp the pipeline
 * @param configured the config's weights
 * @returns the weights
 * @example A sentencizer's defaults, one hidden
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, pipelineScoreWeights } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("sentencizer");
 * assert.deepEqual(pipelineScoreWeights(nlp, { sents_p: null }), { sents_f: 1, sents_p: null, sents_r: 0 });
 * ```
 */
export function pipelineScoreWeights(
  nlp: Language,
  configured: ScoreWeights = {},
): ScoreWeights {
  const tables = nlp.componentNames.map((name) => {
    const own = (nlp.getPipe(name) as { defaultScoreWeights?: ScoreWeights }).defaultScoreWeights;
    return own ?? DEFAULT_SCORE_WEIGHTS[nlp.factoryName(name)] ?? {};
  });
  return combineScoreWeights(tables, configured);
}

const DEFAULT_OPTIMIZER = { "@optimizers": "Adam.v1" };

/**
 * Resolve the `[training]` section: optimizer, batcher (whose `get_length`
 * defaults to the predicted doc's length), logger, dropout, callbacks.
 *
 * @param training the interpolated `[training]` data
 * @param scoreWeights the combined score weights
 * @returns the resolved settings
 * @example Defaults for a bare section
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveTraining } from "@weft/pipeline";
 * const T = resolveTraining({}, { tag_acc: 1 });
 * assert.equal(T.dropout, 0.1);
 * assert.equal(typeof T.batcher, "function");
 * ```
 */
export function resolveTraining(
  training: Record<string, unknown>,
  scoreWeights: ScoreWeights,
): ResolvedTraining {
  const batcher = { ...(training.batcher as Record<string, unknown> ?? {}) };
  if (batcher["@batchers"] !== undefined && (batcher.get_length ?? null) === null) {
    batcher.get_length = (eg: Example) => eg.predicted.length;
  }
  const section: Record<string, unknown> = {
    optimizer: training.optimizer ?? DEFAULT_OPTIMIZER,
    batcher: batcher["@batchers"] !== undefined ? batcher : {
      "@batchers": "spacy.batch_by_words.v1",
      size: 1000,
      get_length: (eg: Example) => eg.predicted.length,
    },
    logger: training.logger ?? null,
    dropout: training.dropout ?? 0.1,
    before_update: training.before_update ?? null,
    before_to_disk: training.before_to_disk ?? null,
  };
  const r = registry.resolve(section);
  return {
    raw: training,
    optimizer: r.optimizer,
    batcher: r.batcher as (items: Iterable<Example>) => Iterable<Example[]>,
    logger: r.logger,
    dropout: r.dropout,
    beforeUpdate: r.before_update,
    beforeToDisk: r.before_to_disk,
    scoreWeights,
  };
}

/** What {@linkcode initNlp} gives the training loop. */
export interface InitializedTraining {
  /** The initialized pipeline (its `config` is the interpolated config data). */
  nlp: Language;
  /** The resolved `[training]` section. */
  training: ResolvedTraining;
  /** Reads the training examples. */
  trainCorpus: (nlp: Language) => Iterable<Example>;
  /** Reads the development examples. */
  devCorpus: (nlp: Language) => Iterable<Example>;
}

/**
 * Build and initialize a pipeline for training (spaCy's `init_nlp`): seed,
 * `[nlp]`/`[components]`, `[corpora]`, `[training]`, then `[initialize]`
 * (`before_init`, `vectors` from a saved pipeline, `init_tok2vec` weights,
 * component settings, `after_init`) with frozen components left alone.
 *
 * @param config the config
 * @param overrides values by dotted path (`{"paths.train": "train.weftdocs"}`), set before interpolation
 * @param loadVectors loads the `vectors` of a saved pipeline, by path
 * @returns the pipeline, settings and corpora
 * @throws {TypeError} when `[training]` is missing
 */
export async function initNlp(
  config: ConfigText,
  overrides: Record<string, unknown> = {},
  loadVectors?: (path: string) => Promise<Language>,
): Promise<InitializedTraining> {
  const parsed = Config.fromStr(config.toStr(), { overrides, interpolate: false });
  const data = parsed.interpolate().toJSON() as Record<string, Record<string, unknown>>;
  const T = data.training;
  if (!T) throw new TypeError("The config has no [training] section");
  if (typeof T.seed === "number") fixRandomSeed(T.seed);
  const nlp = languageFromConfig(data as ConfigSection);
  const scoreWeights = pipelineScoreWeights(
    nlp,
    (T.score_weights ?? {}) as ScoreWeights,
  );
  data.training = { ...T, score_weights: scoreWeights };
  nlp.config = data;
  const corpora = registry.resolve({ corpora: data.corpora ?? {} });
  const trainCorpus = corpusByDotName(corpora, String(T.train_corpus ?? "corpora.train"));
  const devCorpus = corpusByDotName(corpora, String(T.dev_corpus ?? "corpora.dev"));
  const training = resolveTraining(data.training, scoreWeights);
  const I = (data.initialize ?? {}) as Record<string, unknown>;
  const callbacks = registry.resolve({
    before_init: I.before_init ?? null,
    after_init: I.after_init ?? null,
  });
  (callbacks.before_init as ((nlp: Language) => void) | null)?.(nlp);
  if (typeof I.vectors === "string" && I.vectors !== "") {
    if (!loadVectors) throw new TypeError("[initialize] vectors needs a pipeline loader");
    nlp.vocab.vectors = (await loadVectors(I.vectors)).vocab.vectors;
  }
  const frozen = (T.frozen_components ?? []) as string[];
  const selected = frozen.length ? nlp.selectPipes({ disable: frozen }) : null;
  try {
    const settings = (I.components ?? {}) as Record<string, Record<string, unknown>>;
    await nlp.initialize(() => trainCorpus(nlp), settings);
  } finally {
    selected?.restore();
  }
  if (typeof I.init_tok2vec === "string" && I.init_tok2vec !== "") {
    await loadInitTok2Vec(nlp, I.init_tok2vec, (data.pretraining ?? {}) as Record<string, unknown>);
  }
  (callbacks.after_init as ((nlp: Language) => void) | null)?.(nlp);
  return { nlp, training, trainCorpus, devCorpus };
}

async function loadInitTok2Vec(
  nlp: Language,
  path: string,
  pretraining: Record<string, unknown>,
): Promise<void> {
  const component = String(pretraining.component ?? "tok2vec");
  const layer = String(pretraining.layer ?? "");
  const model = (nlp.getPipe(component) as {
    model?: { getRef(n: string): { fromBytes(b: Uint8Array): Promise<unknown> } } & {
      fromBytes(b: Uint8Array): Promise<unknown>;
    };
  }).model;
  if (!model) throw new TypeError(`[initialize] init_tok2vec: "${component}" has no model`);
  const target = layer ? model.getRef(layer) : model;
  await target.fromBytes(await Deno.readFile(path));
}

/** Re-exported for the loop: a `Language` is what every step gets. */
export type { Language };
