/**
 * Where Weft's textcat training step spends its time (bench/profile_tagger.ts
 * for any config): every layer's forward and backward pass (self time,
 * children excluded), the loss, the optimizer and the rest of the loop, with
 * manual timers.
 *
 *   deno run -A bench/accuracy/profile_textcat.ts CONFIG TRAIN.weftdocs DEV.weftdocs [STEPS] [--key value ...]
 *
 * Prints a table sorted by time and a JSON summary by category.
 *
 * @module
 */
import { initNlp } from "@weft/pipeline";
import {
  printCategories,
  printProfile,
  profileSteps,
  SelfTimer,
  timeModels,
  timeOptimizer,
} from "../self_timer.ts";
import { Config, parseCliOverrides } from "@weft/config";

const [cfg, train, dev, stepsArg, ...rest] = Deno.args;
if (!cfg || !train || !dev) {
  throw new TypeError("Usage: profile_textcat.ts CONFIG TRAIN DEV [STEPS] [--key value ...]");
}
const steps = Number(stepsArg ?? 300);
const warmup = Math.min(50, Math.floor(steps / 5));
const { nlp, training, trainCorpus } = await initNlp(
  Config.fromDisk(cfg, { interpolate: false }),
  { "paths.train": train, "paths.dev": dev, ...parseCliOverrides(rest) },
);

const timer = new SelfTimer();
const timed = timer.timed.bind(timer);

const seen = timeModels(timer, nlp.pipeline);
for (const [name, pipe] of nlp.pipeline) {
  const p = pipe as unknown as { getLoss?: (...a: unknown[]) => unknown };
  if (p.getLoss) p.getLoss = timed(`${name} getLoss`, p.getLoss.bind(pipe));
}
timeOptimizer(timer, training.optimizer, [...seen][0]!.ops);

const totals = await profileSteps({ nlp, training, trainCorpus }, timer, steps, warmup);
console.log(`${steps - warmup} steps`);
printProfile(timer, totals, "loop, examples, listeners");
printCategories(timer, totals.ms, [
  [/extract_ngrams/, "n-gram features"],
  [/sparse_linear/, "SparseLinear"],
  [/getLoss/, "textcat loss"],
]);
