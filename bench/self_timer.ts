/**
 * Self-time accounting for the profiling scripts: `timed` wraps a function so
 * that its time, minus the time of timed calls inside it, is added to a label;
 * `timeModels` wraps every layer's forward and backward pass of a pipeline;
 * `profileSteps` runs timed training steps and `printProfile`/`printCategories`
 * report them.
 *
 * @module
 */
import type { Model, Optimizer } from "@weft/layers";
import {
  createTrainBatches,
  type DropoutLike,
  type Example,
  finishUpdates,
  type initNlp,
  type LoopOptimizer,
  updateComponents,
} from "@weft/pipeline";
import process from "node:process";

/** Self time and call counts by label, collected while `enabled` is true. */
export class SelfTimer {
  /** Milliseconds of self time by label. */
  readonly self: Map<string, number> = new Map();
  /** Calls by label. */
  readonly calls: Map<string, number> = new Map();
  /** Whether wrapped calls are timed (off during warm-up). */
  enabled = false;
  readonly #stack: number[] = [];

  /** `fn`, timed under `label` whenever the timer is enabled. */
  timed<A extends unknown[], R>(label: string, fn: (...a: A) => R): (...a: A) => R {
    return (...a: A): R => {
      if (!this.enabled) return fn(...a);
      const stack = this.#stack;
      const t0 = performance.now();
      stack.push(0);
      try {
        return fn(...a);
      } finally {
        const dt = performance.now() - t0;
        const child = stack.pop()!;
        this.self.set(label, (this.self.get(label) ?? 0) + dt - child);
        this.calls.set(label, (this.calls.get(label) ?? 0) + 1);
        if (stack.length) stack[stack.length - 1]! += dt;
      }
    };
  }
}

/**
 * Wrap the forward pass (and the backprop it returns) of every layer of every
 * pipe, each once, labelled `pipe/layer fwd|bwd`; returns the layers wrapped.
 */
export function timeModels(
  timer: SelfTimer,
  pipeline: Iterable<readonly [string, unknown]>,
): Set<Model> {
  const seen = new Set<Model>();
  for (const [name, pipe] of pipeline) {
    const model = (pipe as { model?: Model }).model;
    if (!model) continue;
    for (const node of model.walk()) {
      if (seen.has(node)) continue;
      seen.add(node);
      const label = `${name}/${node.name}`;
      const forward = node.forward;
      const wrapped = timer.timed(`${label} fwd`, (m: Model, X: unknown, isTrain: boolean) => {
        const [Y, back] = forward(m, X, isTrain);
        return [Y, timer.timed(`${label} bwd`, back)] as const;
      });
      Object.defineProperty(node, "forward", { value: wrapped });
    }
  }
  return seen;
}

/** Time the optimizer's updates and the gradient zeroing (`ops.fill`). */
export function timeOptimizer(timer: SelfTimer, optimizer: unknown, ops: Model["ops"]): void {
  const opt = optimizer as Optimizer;
  opt.update = timer.timed("optimizer.update (L2, clip, Adam)", opt.update.bind(opt));
  (ops as { fill: typeof ops.fill }).fill = timer.timed(
    "zero grads (ops.fill)",
    ops.fill.bind(ops),
  );
}

/** CPU seconds (user + system) this process has used so far. */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** What the profiled steps or passes covered. */
export interface ProfileTotals {
  /** Words processed while the timer was enabled. */
  words: number;
  /** Wall milliseconds while the timer was enabled. */
  ms: number;
  /** CPU seconds while the timer was enabled. */
  cpuSeconds: number;
}

type Loaded = Awaited<ReturnType<typeof initNlp>>;

/**
 * Run `steps + 1` training steps of `nlp` as the training loop does (sync
 * updates, the config's dropout, schedules), timing those from `warmup` on.
 */
export async function profileSteps(
  { nlp, training, trainCorpus }: Pick<Loaded, "nlp" | "training" | "trainCorpus">,
  timer: SelfTimer,
  steps: number,
  warmup: number,
): Promise<ProfileTotals> {
  const optimizer = training.optimizer as Optimizer & LoopOptimizer;
  const T = training.raw as Record<string, unknown>;
  const batches = createTrainBatches(
    () => trainCorpus(nlp),
    training.batcher as (items: Iterable<Example>) => Iterable<Example[]>,
    0,
    Number(T.seed ?? 0),
  );
  const drop = training.dropout as DropoutLike;
  const totals: ProfileTotals = { words: 0, ms: 0, cpuSeconds: 0 };
  const losses: Record<string, number> = {};
  for (let step = 0; step <= steps; step++) {
    if (step === warmup) timer.enabled = true;
    const t0 = performance.now();
    const c0 = cpuNow();
    const next = timer.timed("batching + corpus", () => batches.next())();
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
      totals.ms += performance.now() - t0;
      totals.cpuSeconds += cpuNow() - c0;
      for (const eg of batch) totals.words += eg.predicted.length;
    }
  }
  return totals;
}

/** Print the rates, then every label's share of the time, largest first. */
export function printProfile(timer: SelfTimer, totals: ProfileTotals, rest: string): void {
  const { words, ms, cpuSeconds } = totals;
  const rows = [...timer.self.entries()].sort((a, b) => b[1] - a[1]);
  rows.push([`(rest: ${rest})`, ms - rows.reduce((n, [, v]) => n + v, 0)]);
  console.log(
    `${words} words, ${(ms / 1000).toFixed(2)} s, ${Math.round(words / (ms / 1000))} words/s; ${
      cpuSeconds.toFixed(2)
    } CPU s, ${Math.round(words / cpuSeconds)} words per CPU-second`,
  );
  for (const [k, v] of rows) {
    console.log(
      `${(100 * v / ms).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(3).padStart(7)} s  ${
        String(timer.calls.get(k) ?? "").padStart(6)
      }  ${k}`,
    );
  }
}

/**
 * Print, as JSON, the share of the time by category: the optimizer, then the
 * `extra` categories (first match wins), feature extraction, hashing/embedding,
 * the encoder and output layers, and the rest.
 */
export function printCategories(
  timer: SelfTimer,
  ms: number,
  extra: readonly (readonly [RegExp, string])[] = [],
): void {
  const category = (k: string): string => {
    if (/optimizer|zero grads/.test(k)) return "optimizer";
    for (const [pattern, name] of extra) if (pattern.test(k)) return name;
    if (
      /extract_features|FeatureExtractor|remap|ints_getitem|with_array_ints|list2ragged|extract/i
        .test(k)
    ) {
      return "feature extraction";
    }
    if (/hashembed/i.test(k)) return "hashing/embedding";
    if (/maxout|expand_window|seq2col|layernorm|residual|mish|dense|softmax|linear/i.test(k)) {
      return "encoder/output layers (gemm, seq2col, maxout, layernorm)";
    }
    return "other";
  };
  const rows = [...timer.self.entries()];
  rows.push(["rest", ms - rows.reduce((n, [, v]) => n + v, 0)]);
  const byCat = new Map<string, number>();
  for (const [k, v] of rows) byCat.set(category(k), (byCat.get(category(k)) ?? 0) + v);
  console.log(JSON.stringify(
    Object.fromEntries([...byCat].map(([k, v]) => [k, Math.round(1000 * v / ms) / 10])),
  ));
}
