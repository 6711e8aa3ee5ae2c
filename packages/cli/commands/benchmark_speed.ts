/**
 * `weft benchmark speed MODEL DATA [--batch-size N] [--n-batches N] [--warmup N]
 * [--no-shuffle] [--json]`: spaCy's `spacy benchmark speed`.
 *
 * @module
 */
import type { Doc } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { importCode } from "../config_io.ts";
import { type CliContext, println } from "../context.ts";
import { toJsonText } from "../json_text.ts";
import { loadModel, readExamples } from "../model_io.ts";
import { bootstrapMean, outliers } from "../stats.ts";

function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  for (let i = items.length - 1; i > 0; i--) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const j = a % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["model", "data"],
    options: {
      code: { type: "string", alias: "c" },
      "batch-size": { type: "int", alias: "b" },
      "n-batches": { type: "int" },
      warmup: { type: "int", alias: "w" },
      "no-shuffle": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  await importCode(ctx, args.options.code);
  const nlp = await loadModel(ctx, args.positional.model!);
  let docs: Doc[] = readExamples(ctx, nlp, args.positional.data!).map((e) => e.predicted);
  if (docs.length === 0) throw new RangeError(`No documents in ${args.positional.data}`);
  const batchSize = Number(args.options["batch-size"] ?? nlp.batchSize);
  const nBatches = Number(args.options["n-batches"] ?? 50);
  const warmupEpochs = Number(args.options.warmup ?? 3);
  if (batchSize < 1 || nBatches < 1 || warmupEpochs < 0) {
    throw new RangeError("--batch-size and --n-batches must be positive, --warmup at least 0");
  }
  const doShuffle = args.options["no-shuffle"] !== true;
  if (doShuffle) docs = shuffle(docs, 0);
  const json = args.options.json === true;
  if (!json) println(ctx, `ℹ Warming up for ${warmupEpochs} epochs...`);
  for (let e = 0; e < warmupEpochs; e++) {
    for await (const _ of nlp.pipe(docs, { batchSize })) { /* warming up */ }
  }
  if (!json) println(ctx, `ℹ Benchmarking ${nBatches} batches of ${batchSize} docs...`);
  const wps: number[] = [];
  let seed = 1;
  for (let b = 0; b < nBatches; b++) {
    if (doShuffle) shuffle(docs, seed++);
    const batch: Doc[] = [];
    for (let i = 0; i < batchSize; i++) batch.push(docs[(b * batchSize + i) % docs.length]!);
    const words = batch.reduce((n, d) => n + d.length, 0);
    const start = performance.now();
    for await (const _ of nlp.pipe(batch, { batchSize })) { /* timing */ }
    const seconds = Math.max((performance.now() - start) / 1000, 1e-9);
    wps.push(words / seconds);
  }
  const { mean, low, high } = bootstrapMean(wps);
  const out = outliers(wps);
  const extreme = outliers(wps, 3);
  if (json) {
    println(
      ctx,
      toJsonText({
        mean,
        ci_low: low,
        ci_high: high,
        n_batches: nBatches,
        batch_size: batchSize,
        words_per_second: wps,
        outliers: out.low.length + out.high.length,
        extreme_outliers: extreme.low.length + extreme.high.length,
      }),
    );
    return 0;
  }
  const pct = (o: { low: number[]; high: number[] }) =>
    `${(100 * (o.low.length + o.high.length) / wps.length).toFixed(1)}%`;
  println(ctx, `Outliers: ${pct(out)}, extreme outliers: ${pct(extreme)}`);
  println(
    ctx,
    `Mean: ${mean.toFixed(1)} words/s (95% CI: -${(mean - low).toFixed(1)} +${
      (high - mean).toFixed(1)
    })`,
  );
  return 0;
}

/** `benchmark speed`. */
export const benchmarkSpeedCommand: Command = {
  name: "benchmark speed",
  summary: "Measure a pipeline's speed in words per second, with a 95% interval",
  usage:
    "benchmark speed MODEL DATA [--batch-size N] [--n-batches N] [--warmup N] [--no-shuffle] [--json] [--code MODULE]",
  run,
};
