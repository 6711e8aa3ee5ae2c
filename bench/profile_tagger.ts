/**
 * Where Weft's tagger training step spends its time: every layer's forward and
 * backward pass (self time, children excluded), the loss, the optimizer and
 * the rest of the loop (batching, examples, listeners), with manual timers.
 *
 *   deno run -A bench/profile_tagger.ts TRAIN.weftdocs DEV.weftdocs [STEPS] [--ops] [--infer]
 *
 * `--ops` also times every CPU op (self time, so `ops.affine` excludes the
 * `ops.gemm` it calls). `--infer` profiles inference instead: the dev docs in
 * batches of about 1000 words through `nlp.pipe` (as bench/tagger.ts times it),
 * STEPS passes after one warm-up pass, with the components' `predict` and
 * `setAnnotations` timed too.
 *
 * (bench/tagger.ts --data DIR writes DIR/train.weftdocs and DIR/dev.weftdocs.)
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
import { SelfTimer, timeModels } from "./self_timer.ts";
import process from "node:process";
import { batchesByWords, BENCH_DIR } from "./common.ts";

const flags = new Set(Deno.args.filter((a) => a.startsWith("--")));
const [train, dev, stepsArg] = Deno.args.filter((a) => !a.startsWith("--"));
if (!train || !dev) throw new TypeError("Usage: profile_tagger.ts TRAIN DEV [STEPS]");
const steps = Number(stepsArg ?? 300);
const warmup = Math.min(50, Math.floor(steps / 5));
const text = await Deno.readTextFile(`${BENCH_DIR}configs/tagger.cfg`);
const { nlp, training, trainCorpus, devCorpus } = await initNlp({ toStr: () => text }, {
  "paths.train": train,
  "paths.dev": dev,
});

const timer = new SelfTimer();
const timed = timer.timed.bind(timer);
const { self, calls } = timer;

const seen = timeModels(timer, nlp.pipeline);
for (const [name, pipe] of nlp.pipeline) {
  const p = pipe as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
  for (const method of ["getLoss", "predict", "setAnnotations"]) {
    const f = p[method];
    if (f) p[method] = timed(`${name} ${method}`, f.bind(pipe));
  }
}
if (flags.has("--ops")) {
  const ops = [...seen][0]!.ops as unknown as Record<string, unknown>;
  for (let proto = Object.getPrototypeOf(ops); proto && proto !== Object.prototype;) {
    for (const k of Object.getOwnPropertyNames(proto)) {
      const f = ops[k];
      if (k === "constructor" || typeof f !== "function" || Object.hasOwn(ops, k)) continue;
      ops[k] = timed(`ops.${k}`, (f as (...a: unknown[]) => unknown).bind(ops));
    }
    proto = Object.getPrototypeOf(proto);
  }
}
const optimizer = training.optimizer as Optimizer & LoopOptimizer;
const update = optimizer.update.bind(optimizer);
optimizer.update = timed("optimizer.update (L2, clip, Adam)", update);
const ops = [...seen][0]!.ops;
const fill = ops.fill.bind(ops);
(ops as { fill: typeof ops.fill }).fill = timed("zero grads (ops.fill)", fill);

/** CPU seconds (user + system) of this process spent in the profiled steps. */
let cpuSeconds = 0;
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function report(total: number, words: number, what: string): void {
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
  const accounted = rows.reduce((n, [, v]) => n + v, 0);
  rows.push([`(rest: ${what})`, total - accounted]);
  console.log(
    `${words} words, ${(total / 1000).toFixed(2)} s, ${
      Math.round(words / (total / 1000))
    } words/s; ${cpuSeconds.toFixed(2)} CPU s, ${
      Math.round(words / cpuSeconds)
    } words per CPU-second`,
  );
  for (const [k, v] of rows) {
    console.log(
      `${(100 * v / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(3).padStart(7)} s  ${
        String(calls.get(k) ?? "").padStart(6)
      }  ${k}`,
    );
  }
}

if (flags.has("--infer")) {
  const docs = [...devCorpus(nlp)].map((e) => e.predicted);
  const batches = batchesByWords(docs, 1000);
  let words = 0;
  let total = 0;
  for (let pass = 0; pass <= steps; pass++) {
    timer.enabled = pass > 0;
    const t0 = performance.now();
    const c0 = cpuNow();
    for (const b of batches) for (const _ of nlp.pipe(b, { batchSize: b.length })) { /* run */ }
    if (timer.enabled) {
      total += performance.now() - t0;
      cpuSeconds += cpuNow() - c0;
      for (const d of docs) words += d.length;
    }
  }
  report(total, words, "nlp.pipe, Doc handling");
  Deno.exit(0);
}

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
  const c0 = cpuNow();
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
    cpuSeconds += cpuNow() - c0;
    for (const eg of batch) words += eg.predicted.length;
  }
}
console.log(`${steps - warmup} steps`);
report(total, words, "loop, examples, listeners");
const rows = [...self.entries()];
rows.push(["rest", total - rows.reduce((n, [, v]) => n + v, 0)]);
const category = (k: string): string =>
  /optimizer|zero grads/.test(k)
    ? "optimizer"
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
