/**
 * `train()`: spaCy's `spacy train` loop over a config, saving `model-last`
 * and `model-best`.
 *
 * @module
 */
import type { Optimizer } from "@weft/layers";
import { getCurrentOps, getOps, type Ops, useOps } from "@weft/ops";
import type { Example } from "../gold/example.ts";
import type { Language } from "../language/language.ts";
import {
  consoleLogger,
  type LoggerSetup,
  scoreColumns,
  trainablePipeNames,
} from "./console_logger.ts";
import type { TrainingEndEvent, TrainingEvent, TrainingInfo } from "./events.ts";
import { type ConfigText, initNlp } from "./init_nlp.ts";
import {
  createTrainBatches,
  type DropoutLike,
  type LoopOptimizer,
  trainWhileImproving,
} from "./loop.ts";
import { load, pipelineFiles } from "./pipeline_io.ts";
import { writeDirAtomic } from "./atomic_dir.ts";
import { evalEvent, updateMeta, withAverages } from "./train_util.ts";

/** Options of {@linkcode train}. */
export interface TrainOptions {
  /** Where to save `model-last` and `model-best` (nothing is saved without it). */
  outputDir?: string;
  /** Config overrides by dotted path (`{"paths.train": "train.weftdocs"}`). */
  overrides?: Record<string, unknown>;
  /** Receives the logger's lines (the CLI passes the console). */
  writer?: (text: string) => void;
  /** Whether the writer is a terminal. */
  isTty?: boolean;
  /** Stops training after the current step; `model-last` is still saved. */
  signal?: AbortSignal;
  /** The backend to train on (default: the current ops). */
  backend?: "cpu" | "webgpu" | "auto";
  /** Receives structured events: start, each step, each evaluation, end. */
  onEvent?: (event: TrainingEvent) => void;
}

/** What {@linkcode train} returns. */
export interface TrainResult {
  /** The trained pipeline (with the last weights). */
  nlp: Language;
  /** The best weighted score. */
  bestScore: number;
  /** The step of the best score (the earliest, on ties). */
  bestStep: number;
  /** The scores of the last evaluation. */
  finalScores: Record<string, unknown>;
  /** The scores of the best evaluation. */
  bestScores: Record<string, unknown>;
  /** Why training stopped. */
  reason: TrainingEndEvent["reason"];
}

function pyList(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(", ")}]`;
}

/**
 * Train a pipeline from a config, as `spacy train` does: components built and
 * initialized from `[nlp]`, `[components]`, `[corpora]` and `[initialize]`,
 * then the `[training]` loop (seed, dropout, accumulate_gradient, patience,
 * max_epochs, max_steps, eval_frequency, score_weights, frozen_components,
 * annotating_components, before_update, batcher, optimizer, logger).
 * Evaluations use the optimizer's averaged weights; every evaluation saves
 * `model-last` (and `model-best` when it is the best so far) atomically.
 *
 * @param config the training config
 * @param options output folder, overrides, writer, abort signal, backend, events
 * @returns the pipeline, best score and step, and the last scores
 * @example Train a tagger for a few steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { Config } from "@weft/config";
 * import { Doc, DocBin, train, Vocab } from "@weft/pipeline";
 * const dir = await Deno.makeTempDir();
 * const vocab = new Vocab({ lang: "en" });
 * const docs = [new Doc(vocab, { words: ["I", "run", "."], tags: ["PRON", "VERB", "PUNCT"] })];
 * await new DocBin({ docs }).toDisk(`${dir}/train.weftdocs`);
 * const config = Config.fromStr(`
 * [paths]
 * train = null
 * [nlp]
 * lang = "en"
 * pipeline = ["tagger"]
 * [components]
 * [components.tagger]
 * factory = "tagger"
 * [corpora]
 * [corpora.train]
 * @readers = "spacy.Corpus.v1"
 * path = \${paths.train}
 * [corpora.dev]
 * @readers = "spacy.Corpus.v1"
 * path = \${paths.train}
 * [training]
 * max_steps = 20
 * eval_frequency = 10
 * [training.optimizer]
 * @optimizers = "Adam.v1"
 * learn_rate = 0.01
 * `, { interpolate: false });
 * const lines: string[] = [];
 * const result = await train(config, {
 *   overrides: { "paths.train": `${dir}/train.weftdocs` },
 *   outputDir: `${dir}/out`,
 *   writer: (line) => lines.push(line),
 * });
 * assert.equal(result.bestScore, 1);
 * assert.equal(lines[2], "E    #       LOSS TAGGER  TAG_ACC  POS_ACC  SCORE ");
 * assert.ok(Deno.statSync(`${dir}/out/model-best/meta.json`).isFile);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function train(
  config: ConfigText,
  options: TrainOptions = {},
): Promise<TrainResult> {
  let previousOps: Ops | null = null;
  if (options.backend !== undefined) {
    const ops = options.backend === "cpu" ? getOps("cpu") : await getOps(options.backend);
    previousOps = useOps(ops);
  }
  try {
    return await trainOn(config, options);
  } finally {
    if (previousOps !== null) useOps(previousOps);
  }
}

async function trainOn(config: ConfigText, options: TrainOptions): Promise<TrainResult> {
  const { nlp, training, trainCorpus, devCorpus } = await initNlp(
    config,
    options.overrides,
    (p) => load(p),
  );
  const T = training.raw;
  const optimizer = training.optimizer as Optimizer & LoopOptimizer;
  const write = options.writer ?? (() => {});
  const emit = options.onEvent ?? (() => {});
  const frozen = (T.frozen_components ?? []) as string[];
  const annotating = (T.annotating_components ?? []) as string[];
  const weights = training.scoreWeights;
  const beforeToDisk = (training.beforeToDisk ?? null) as ((nlp: Language) => Language) | null;
  const evaluate = async (): Promise<[number, Record<string, number>]> => {
    const examples: Example[] = [...devCorpus(nlp)];
    const started = performance.now();
    const raw = getCurrentOps().readSync
      ? nlp.evaluate(examples)
      : await nlp.evaluateAsync(examples);
    const seconds = (performance.now() - started) / 1000;
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === "number") scores[k] = v;
    const words = examples.reduce((n, e) => n + e.predicted.length, 0);
    scores.speed ??= seconds > 0 ? words / seconds : 0;
    let weighted = 0;
    for (const [k, w] of Object.entries(weights)) {
      if (w === null) continue;
      if (k in raw && typeof raw[k] !== "number" && raw[k] !== null) {
        throw new TypeError(`Score "${k}" is not a number and cannot be weighted`);
      }
      weighted += (scores[k] ?? 0) * w;
    }
    return [weighted, scores];
  };
  const save = async (isBest: boolean, info: TrainingInfo | null) => {
    if (options.outputDir === undefined) return;
    const target = beforeToDisk ? beforeToDisk(nlp) : nlp;
    const files = await withAverages(nlp, optimizer.averages, () => pipelineFiles(target));
    const writeAll = (dir: string) =>
      writeDirAtomic(dir, async (tmp) => {
        for (const [path, bytes] of files) {
          const at = path.lastIndexOf("/");
          if (at > 0) await Deno.mkdir(`${tmp}/${path.slice(0, at)}`, { recursive: true });
          await Deno.writeFile(`${tmp}/${path}`, bytes);
        }
      });
    await writeAll(`${options.outputDir}/model-last`);
    if (isBest) await writeAll(`${options.outputDir}/model-best`);
    if (info) info.outputPath = `${options.outputDir}/model-last`;
  };
  const logged = (() => {
    const s = frozen.length ? nlp.selectPipes({ disable: frozen }) : null;
    try {
      return trainablePipeNames(nlp);
    } finally {
      s?.restore();
    }
  })();
  write(`ℹ Pipeline: ${pyList(nlp.pipeNames)}`);
  if (frozen.length) write(`ℹ Frozen components: ${pyList(frozen)}`);
  if (annotating.length) write(`ℹ Set annotations on update for: ${pyList(annotating)}`);
  write(`ℹ Initial learn rate: ${optimizer.learnRate}`);
  emit({
    type: "start",
    pipeNames: nlp.pipeNames,
    loggedPipes: logged,
    scoreCols: scoreColumns(weights),
    maxSteps: Number(T.max_steps ?? 0),
    evalFrequency: Number(T.eval_frequency ?? 200),
    learnRate: optimizer.learnRate,
  });
  const setup = (training.logger ?? consoleLogger()) as LoggerSetup;
  const io = { write, ...(options.isTty !== undefined ? { isTty: options.isTty } : {}) };
  const logger = (() => {
    const s = frozen.length ? nlp.selectPipes({ disable: frozen }) : null;
    try {
      return setup(nlp, io);
    } finally {
      s?.restore();
    }
  })();
  const maxEpochs = Number(T.max_epochs ?? 0);
  const maxSteps = Number(T.max_steps ?? 0);
  const steps = trainWhileImproving(
    nlp,
    optimizer,
    createTrainBatches(() => trainCorpus(nlp), training.batcher, maxEpochs, Number(T.seed ?? 0)),
    () => withAverages(nlp, optimizer.averages, evaluate),
    {
      dropout: training.dropout as DropoutLike,
      evalFrequency: Number(T.eval_frequency ?? 200),
      accumulateGradient: Number(T.accumulate_gradient ?? 1),
      patience: Number(T.patience ?? 0),
      maxSteps,
      exclude: frozen,
      annotatingComponents: annotating,
      beforeUpdate: (training.beforeUpdate ?? null) as
        | ((nlp: unknown, a: { step: number; epoch: number }) => void)
        | null,
      signal: options.signal,
      sync: getCurrentOps().readSync !== undefined,
    },
  );
  let best: { score: number; step: number; scores: Record<string, unknown> } = {
    score: -Infinity,
    step: 0,
    scores: {},
  };
  let last: TrainingInfo | null = null;
  let finalScores: Record<string, unknown> = {};
  try {
    for await (const { info, isBestCheckpoint } of steps) {
      last = info;
      if (isBestCheckpoint !== null) {
        finalScores = info.otherScores ?? {};
        if (isBestCheckpoint && info.score! > best.score) {
          best = { score: info.score!, step: info.step, scores: finalScores };
        }
        updateMeta(nlp, weights, info, logged);
        await save(isBestCheckpoint, info);
        emit(evalEvent(info, isBestCheckpoint, logged, scoreColumns(weights)));
      } else emit({ type: "step", epoch: info.epoch, step: info.step, words: info.words });
      logger.logStep(isBestCheckpoint !== null ? info : null);
      // Let timers and signal handlers run between steps.
      await new Promise((r) => setTimeout(r, 0));
    }
  } catch (e) {
    await save(false, null).catch(() => {});
    throw e;
  } finally {
    logger.finalize();
  }
  await save(false, null);
  const reason: TrainingEndEvent["reason"] = options.signal?.aborted
    ? "aborted"
    : last && maxSteps && last.step >= maxSteps
    ? "max_steps"
    : last && Number(T.patience ?? 0) && last.step - best.step >= Number(T.patience)
    ? "patience"
    : maxEpochs > 0
    ? "max_epochs"
    : "exhausted";
  emit({ type: "end", bestScore: best.score, bestStep: best.step, reason });
  if (options.outputDir !== undefined) {
    write(`✔ Saved pipeline to output directory`);
    write(`${options.outputDir}/model-last`);
  }
  return {
    nlp,
    bestScore: best.score,
    bestStep: best.step,
    finalScores,
    bestScores: best.scores,
    reason,
  };
}
