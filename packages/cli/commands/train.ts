/**
 * `weft train [CONFIG] [--output DIR] [--code MODULE] [--backend cpu|webgpu|auto]
 * [--threads 1|2] [--section.key value ...]`: spaCy's `spacy train`. Without CONFIG it runs the
 * main job: the embedded default config on the committed UD English EWT slice.
 *
 * @module
 */
import { join } from "node:path";
import { train, type TrainingEvent } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { checkDataPaths, importCode, readConfig } from "../config_io.ts";
import { type CurvePoint, trainingCurveSvg } from "../plot_svg.ts";
import { progressFrame } from "../progress.ts";
import { validatePipelineConfig } from "./debug_config.ts";
import { defaultJobPaths } from "../default_job.ts";
import { gemmThreads, THREADS_OPTION } from "../threads.ts";

const CLEAR = "\r\x1b[2K";

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["config?"],
    options: {
      output: { type: "string", alias: "o" },
      code: { type: "string", alias: "c" },
      backend: { type: "string", choices: ["cpu", "webgpu", "auto"] },
      threads: THREADS_OPTION,
    },
    overrides: true,
  });
  using threads = await gemmThreads(args.options.threads, args.options.backend);
  await importCode(ctx, args.options.code);
  const isDefault = args.positional.config === undefined;
  const job = isDefault ? await defaultJobPaths() : null;
  const configPath = job ? job.config : args.positional.config!;
  const overrides = job
    ? { "paths.train": job.train, "paths.dev": job.dev, ...args.overrides }
    : args.overrides;
  const output = args.options.output !== undefined
    ? String(args.options.output)
    : isDefault
    ? "training"
    : undefined;
  const config = checkDataPaths(ctx, await readConfig(ctx, configPath, overrides));
  // Report every bad setting at once, as a table, before anything is built or read.
  validatePipelineConfig(config.interpolate());
  const outputDir = output === undefined ? undefined : resolvePath(ctx, output);
  if (isDefault) {
    println(ctx, "ℹ No config given: training the default pipeline (the main job)");
    println(ctx, `ℹ Config: ${configPath}`);
  }
  if (outputDir !== undefined) {
    await Deno.mkdir(outputDir, { recursive: true });
    println(ctx, `ℹ Saving to output directory: ${outputDir}`);
  } else println(ctx, "⚠ No --output given: the trained pipeline will not be saved");

  const points: CurvePoint[] = [];
  const log: string[] = [];
  let barShown = false;
  let evalFrequency = 200;
  let lastEval = 0;
  const write = (text: string) => {
    if (barShown) ctx.stdout(CLEAR);
    barShown = false;
    println(ctx, text);
  };
  const onEvent = (event: TrainingEvent) => {
    if (event.type === "start") evalFrequency = event.evalFrequency;
    else if (event.type === "step" && ctx.isTty) {
      ctx.stdout("\r" + progressFrame(event.step - lastEval, evalFrequency));
      barShown = true;
    } else if (event.type === "eval") {
      lastEval = event.step;
      points.push({
        step: event.step,
        losses: event.losses,
        scores: event.scores,
        score: event.score,
      });
      log.push(JSON.stringify({
        epoch: event.epoch,
        step: event.step,
        losses: event.losses,
        scores: event.scores,
        score: event.score,
        seconds: event.seconds,
        words: event.words,
      }));
    }
  };
  const started = performance.now();
  const result = await train(config, {
    ...(outputDir !== undefined ? { outputDir } : {}),
    writer: write,
    isTty: ctx.isTty,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    // With 2 threads the current backend is the two-thread CPU one.
    ...(args.options.backend !== undefined && threads.threads === 1
      ? { backend: args.options.backend as "cpu" | "webgpu" | "auto" }
      : {}),
    onEvent,
  });
  if (barShown) ctx.stdout(CLEAR);
  const seconds = (performance.now() - started) / 1000;
  if (outputDir !== undefined) {
    await Deno.writeTextFile(
      join(outputDir, "training_log.jsonl"),
      log.map((l) => l + "\n").join(""),
    );
    await Deno.writeTextFile(
      join(outputDir, "training_curve.svg"),
      trainingCurveSvg(points, `weft train ${isDefault ? "(default pipeline)" : configPath}`),
    );
    println(ctx, `ℹ Training log: ${join(outputDir, "training_log.jsonl")}`);
    println(ctx, `ℹ Training curve: ${join(outputDir, "training_curve.svg")}`);
  }
  println(
    ctx,
    `✔ Best score ${
      result.bestScore.toFixed(4)
    } at step ${result.bestStep}; stopped (${result.reason}) after ${seconds.toFixed(1)} s`,
  );
  return 0;
}

/** `train`. */
export const trainCommand: Command = {
  name: "train",
  summary: "Train a pipeline from a config (no config: the default pipeline, the main job)",
  usage:
    "train [CONFIG] [--output DIR] [--code MODULE] [--backend cpu|webgpu|auto] [--threads 1|2] [--section.key value ...]",
  run,
};
