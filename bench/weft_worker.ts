/**
 * Weft side of bench/tagger.ts and bench/textcat.ts: trains a config with
 * `@weft/pipeline`'s training loop (initNlp, createTrainBatches,
 * trainWhileImproving — what `train()` runs, without saving), times
 * evaluation separately, then times inference on the dev docs in batches of
 * about 1000 words. Prints one JSON line. Run in its own process so that its
 * peak RSS is Weft's alone:
 *
 *   deno run -A bench/weft_worker.ts CONFIG.cfg ARGS.json
 *
 * @module
 */
import {
  createTrainBatches,
  type DropoutLike,
  type Example,
  initNlp,
  type Language,
  type LoopOptimizer,
  trainWhileImproving,
} from "@weft/pipeline";
import type { Doc } from "@weft/pipeline";
import { CpuOps, useOps } from "@weft/ops";
import process from "node:process";
import { batchesByWords, peakRssMb, type WorkerArgs, type WorkerResult } from "./common.ts";

function catsAccuracy(nlp: Language, examples: readonly Example[]): number {
  // Language.evaluate annotates copies (as spaCy's does): annotate here, as spacy_bench.py does.
  const docs = [...nlp.pipe(examples.map((eg) => eg.predicted))] as Doc[];
  let right = 0;
  const argmax = (cats: Record<string, number>): string | null => {
    let best: string | null = null;
    let score = -Infinity;
    for (const [k, v] of Object.entries(cats)) if (v > score) [best, score] = [k, v];
    return best;
  };
  examples.forEach((eg, i) => {
    right += Number(argmax(eg.reference.cats) === argmax(docs[i]!.cats));
  });
  return examples.length ? right / examples.length : 0;
}

/**
 * Train, evaluate and time one config.
 *
 * @param configPath the config file
 * @param args overrides and benchmark settings
 * @returns the figures
 */
export async function runWeft(configPath: string, args: WorkerArgs): Promise<WorkerResult> {
  // `threads: 2`: large gemms split across this thread and a worker (opt-in).
  const ops = (args.threads ?? 1) >= 2 ? new CpuOps({ threads: 2 }) : undefined;
  if (ops === undefined) return await timeWeft(configPath, args);
  await ops.ready();
  useOps(ops);
  try {
    return { ...(await timeWeft(configPath, args)), threads: ops.threads };
  } finally {
    ops.dispose();
  }
}

async function timeWeft(configPath: string, args: WorkerArgs): Promise<WorkerResult> {
  const wall0 = performance.now();
  const text = await Deno.readTextFile(configPath);
  let t0 = performance.now();
  const { nlp, training, trainCorpus, devCorpus } = await initNlp(
    { toStr: () => text },
    args.overrides,
  );
  const initSeconds = (performance.now() - t0) / 1000;
  const T = training.raw as Record<string, unknown>;
  const optimizer = training.optimizer as LoopOptimizer;
  const weights = training.scoreWeights;
  let devWords = 0;
  let evalSeconds = 0;
  let evalCpu = 0;
  /** Process CPU seconds (user + system, all threads: JIT and GC included). */
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // A fresh read of the dev corpus for each evaluation, as spaCy's evaluation callback does.
  const evaluate = (): Promise<[number, Record<string, number>]> => {
    const t = performance.now();
    const c = cpu();
    const devExamples: Example[] = [...devCorpus(nlp)];
    devWords = devExamples.reduce((n, e) => n + e.predicted.length, 0);
    const raw = (nlp as Language).evaluate(devExamples);
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === "number") scores[k] = v;
    scores.accuracy = args.task === "tagger"
      ? scores.tag_acc ?? 0
      : catsAccuracy(nlp as Language, devExamples);
    let weighted = 0;
    for (const [k, w] of Object.entries(weights)) if (w !== null) weighted += (scores[k] ?? 0) * w;
    evalSeconds += (performance.now() - t) / 1000;
    evalCpu += cpu() - c;
    return Promise.resolve([weighted, scores]);
  };
  const steps = trainWhileImproving(
    nlp,
    optimizer,
    createTrainBatches(
      () => trainCorpus(nlp),
      training.batcher as (items: Iterable<Example>) => Iterable<Example[]>,
      Number(T.max_epochs ?? 0),
      Number(T.seed ?? 0),
    ),
    evaluate,
    {
      dropout: training.dropout as DropoutLike,
      evalFrequency: Number(T.eval_frequency ?? 200),
      accumulateGradient: Number(T.accumulate_gradient ?? 1),
      patience: Number(T.patience ?? 0),
      maxSteps: Number(T.max_steps ?? 0),
      exclude: (T.frozen_components ?? []) as string[],
      annotatingComponents: (T.annotating_components ?? []) as string[],
      sync: true,
    },
  );
  const evals: WorkerResult["evals"] = [];
  t0 = performance.now();
  const c0 = cpu();
  let lastStep = 0;
  let lastWords = 0;
  for await (const { info, isBestCheckpoint } of steps) {
    lastStep = info.step;
    lastWords = info.words;
    if (isBestCheckpoint !== null) {
      evals.push({
        step: info.step,
        score: info.score ?? 0,
        accuracy: info.otherScores?.accuracy ?? 0,
        seconds: (performance.now() - t0) / 1000 - evalSeconds,
      });
    }
  }
  const trainSeconds = (performance.now() - t0) / 1000 - evalSeconds;
  const trainCpu = cpu() - c0 - evalCpu;
  if (evals.length === 0 || evals[evals.length - 1]!.step !== lastStep) {
    const [score, other] = await evaluate();
    evals.push({ step: lastStep, score, accuracy: other.accuracy ?? 0, seconds: trainSeconds });
  }
  let best = evals[0]!;
  for (const e of evals) if (e.score > best.score) best = e;
  // Inference: batches of ~1000 words of the dev docs, after a warm-up pass.
  const docs: Doc[] = [...devCorpus(nlp)].map((e) => e.predicted);
  const batches = batchesByWords(docs, args.infer_batch_words ?? 1000);
  for (const b of batches.slice(0, Math.max(1, Math.floor(batches.length / 5)))) {
    for (const _ of nlp.pipe(b, { batchSize: b.length })) { /* warm-up */ }
  }
  const reps = args.infer_repeats ?? 3;
  const ti = performance.now();
  const ci = cpu();
  for (let r = 0; r < reps; r++) {
    for (const b of batches) for (const _ of nlp.pipe(b, { batchSize: b.length })) { /* timed */ }
  }
  const inferSeconds = (performance.now() - ti) / 1000;
  const inferCpu = cpu() - ci;
  return {
    impl: "weft",
    version: "0.x",
    steps: lastStep,
    train_words: lastWords,
    train_seconds: trainSeconds,
    train_wps: lastWords / trainSeconds,
    train_cpu_seconds: trainCpu,
    eval_seconds: evalSeconds,
    init_seconds: initSeconds,
    final_accuracy: evals[evals.length - 1]!.accuracy,
    best_accuracy: best.accuracy,
    best_step: best.step,
    evals,
    infer_words: devWords * reps,
    infer_seconds: inferSeconds,
    infer_wps: (devWords * reps) / inferSeconds,
    infer_cpu_seconds: inferCpu,
    peak_rss_mb: peakRssMb(),
    wall_seconds: (performance.now() - wall0) / 1000,
  };
}

if (import.meta.main) {
  const [configPath, argsPath] = Deno.args;
  if (!configPath || !argsPath) {
    throw new TypeError("Usage: deno run -A bench/weft_worker.ts CONFIG.cfg ARGS.json");
  }
  const args = JSON.parse(await Deno.readTextFile(argsPath)) as WorkerArgs;
  console.log(JSON.stringify(await runWeft(configPath, args)));
}
