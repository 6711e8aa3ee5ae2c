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
import { initNlp } from "@weft/pipeline";
import {
  cpuNow,
  printCategories,
  printProfile,
  profileSteps,
  type ProfileTotals,
  SelfTimer,
  timeModels,
  timeOptimizer,
} from "./self_timer.ts";
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
timeOptimizer(timer, training.optimizer, [...seen][0]!.ops);

if (flags.has("--infer")) {
  const docs = [...devCorpus(nlp)].map((e) => e.predicted);
  const batches = batchesByWords(docs, 1000);
  const totals: ProfileTotals = { words: 0, ms: 0, cpuSeconds: 0 };
  for (let pass = 0; pass <= steps; pass++) {
    timer.enabled = pass > 0;
    const t0 = performance.now();
    const c0 = cpuNow();
    for (const b of batches) for (const _ of nlp.pipe(b, { batchSize: b.length })) { /* run */ }
    if (timer.enabled) {
      totals.ms += performance.now() - t0;
      totals.cpuSeconds += cpuNow() - c0;
      for (const d of docs) totals.words += d.length;
    }
  }
  printProfile(timer, totals, "nlp.pipe, Doc handling");
  Deno.exit(0);
}

const totals = await profileSteps({ nlp, training, trainCorpus }, timer, steps, warmup);
console.log(`${steps - warmup} steps`);
printProfile(timer, totals, "loop, examples, listeners");
printCategories(timer, totals.ms);
