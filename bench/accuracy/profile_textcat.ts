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
import {
  createTrainBatches,
  type DropoutLike,
  type Example,
  finishUpdates,
  initNlp,
  type LoopOptimizer,
  updateComponents,
} from "@weft/pipeline";
import type { Optimizer } from "@weft/layers";
import { SelfTimer, timeModels } from "../self_timer.ts";
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
const { self, calls } = timer;

const seen = timeModels(timer, nlp.pipeline);
for (const [name, pipe] of nlp.pipeline) {
  const p = pipe as unknown as { getLoss?: (...a: unknown[]) => unknown };
  if (p.getLoss) p.getLoss = timed(`${name} getLoss`, p.getLoss.bind(pipe));
}
const optimizer = training.optimizer as Optimizer & LoopOptimizer;
const update = optimizer.update.bind(optimizer);
optimizer.update = timed("optimizer.update (L2, clip, Adam)", update);
const ops = [...seen][0]!.ops;
const fill = ops.fill.bind(ops);
(ops as { fill: typeof ops.fill }).fill = timed("zero grads (ops.fill)", fill);

const T = training.raw as Record<string, unknown>;
const batches = createTrainBatches(
  () => trainCorpus(nlp),
  training.batcher as (items: Iterable<Example>) => Iterable<Example[]>,
  0,
  Number(T.seed ?? 0),
);
const drop = training.dropout as DropoutLike;
let words = 0;
let total = 0;
const losses: Record<string, number> = {};
for (let step = 0; step <= steps; step++) {
  if (step === warmup) timer.enabled = true;
  const t0 = performance.now();
  const next = timed("batching + corpus", () => batches.next())();
  if (next.done) break;
  const [, batch] = next.value;
  await updateComponents(nlp, batch, {
    sync: true,
    drop: typeof drop === "number" ? drop : drop.at(step),
    losses,
    exclude: [],
    annotates: [],
  });
  finishUpdates(nlp, optimizer, []);
  optimizer.stepSchedules();
  if (timer.enabled) {
    total += performance.now() - t0;
    for (const eg of batch) words += eg.predicted.length;
  }
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
const accounted = rows.reduce((n, [, v]) => n + v, 0);
rows.push(["(rest of the step: loop, examples, listeners)", total - accounted]);
console.log(
  `${steps - warmup} steps, ${words} words, ${(total / 1000).toFixed(2)} s, ${
    Math.round(words / (total / 1000))
  } words/s`,
);
for (const [k, v] of rows) {
  console.log(
    `${(100 * v / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(3).padStart(7)} s  ${
      String(calls.get(k) ?? "").padStart(6)
    }  ${k}`,
  );
}
const category = (k: string): string =>
  /optimizer|zero grads/.test(k)
    ? "optimizer"
    : /extract_ngrams/.test(k)
    ? "n-gram features"
    : /sparse_linear/.test(k)
    ? "SparseLinear"
    : /getLoss/.test(k)
    ? "textcat loss"
    : /extract_features|FeatureExtractor|remap|ints_getitem|with_array_ints|list2ragged|extract/i
        .test(k)
    ? "feature extraction"
    : /hashembed/i.test(k)
    ? "hashing/embedding"
    : /maxout|expand_window|seq2col|layernorm|residual|mish|dense|softmax|linear/i.test(k)
    ? "encoder/output layers (gemm, seq2col, maxout, layernorm)"
    : "other";
const byCat = new Map<string, number>();
for (const [k, v] of rows) byCat.set(category(k), (byCat.get(category(k)) ?? 0) + v);
console.log(JSON.stringify(
  Object.fromEntries([...byCat].map(([k, v]) => [k, Math.round(1000 * v / total) / 10])),
));
