/**
 * The steps of spaCy's training loop (`train_while_improving`): batches over
 * epochs, one optimizer step per batch, evaluation every `eval_frequency`
 * steps with averaged parameters, and stopping on `patience` or `max_steps`.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import type { Pipe } from "../language/pipe.ts";
import type { TrainingInfo } from "./events.ts";
import { subdivideBatch } from "./batches.ts";

export * from "./batches.ts";

/** The optimizer, as the loop uses it (a `@weft/layers` `Optimizer`). */
export interface LoopOptimizer {
  /** The current step. */
  readonly step: number;
  /** The current learning rate. */
  readonly learnRate: number;
  /** Averaged parameters, when kept. */
  readonly averages?: ReadonlyMap<string, unknown> | undefined;
  /** Advance the schedules by one step. */
  stepSchedules(): void;
  /**
   * Record an evaluation score.
   *
   * @param score the score
   */
  setLastScore(score: number): void;
}

/** What the loop needs of a pipeline (`Language` has it). */
export interface LoopPipeline {
  /** The enabled components. */
  readonly pipeline: [string, Pipe][];
}

/** A dropout rate: a number, or a schedule over optimizer steps. */
export type DropoutLike = number | { at(step: number): number };

/** Settings of {@linkcode trainWhileImproving} (spaCy's `[training]` keys). */
export interface LoopSettings {
  /** Dropout rate or schedule. */
  dropout: DropoutLike;
  /** Evaluate every this many steps. */
  evalFrequency: number;
  /** Split each batch into this many sub-batches before the optimizer step. */
  accumulateGradient: number;
  /** Stop after this many steps without improvement (0: never). */
  patience: number;
  /** Stop after this many steps (0: never). */
  maxSteps: number;
  /** Components not updated. */
  exclude: readonly string[];
  /** Components that annotate the predicted docs after their update. */
  annotatingComponents: readonly string[];
  /** Called before each step with `{ step, epoch }`. */
  beforeUpdate?: ((nlp: LoopPipeline, args: { step: number; epoch: number }) => void) | null;
  /** Update synchronously (default true; false where the backend reads asynchronously). */
  sync?: boolean;
  /** Stops the loop (checked before each step). */
  signal?: AbortSignal | undefined;
}

/** One yielded step: the batch, its info, and whether it is the best checkpoint (`null`: not evaluated). */
export interface LoopStep {
  /** The batch. */
  batch: Example[];
  /** The step's info. */
  info: TrainingInfo;
  /** `true`/`false` on evaluation steps, `null` otherwise. */
  isBestCheckpoint: boolean | null;
}

/** A component's update methods, as the loop calls them. */
interface Updatable {
  update?(e: readonly Example[], o: { drop: number; losses: Record<string, number> }): unknown;
  updateAsync?(
    e: readonly Example[],
    o: { drop: number; losses: Record<string, number> },
  ): Promise<unknown>;
  processBatch?(docs: Doc[]): Promise<Doc[]>;
}

/**
 * Update the components with one (sub-)batch, as spaCy's `Language.update`
 * without an optimizer: gradients accumulate; annotating components then set
 * their annotations on the predicted docs. With `sync: false`, components'
 * `updateAsync`/`processBatch` are used where they exist (backends that read
 * values asynchronously).
 *
 * @param nlp the pipeline
 * @param examples the batch
 * @param options dropout, losses, excluded and annotating components
 */
export async function updateComponents(
  nlp: LoopPipeline,
  examples: readonly Example[],
  options: {
    drop: number;
    losses: Record<string, number>;
    exclude: readonly string[];
    annotates: readonly string[];
    sync?: boolean;
  },
): Promise<void> {
  const sync = options.sync ?? true;
  // Annotating components write into the predicted docs: they get copies, as in
  // spaCy, so the corpus' examples stay unannotated for the next epoch.
  if (options.annotates.length > 0) examples = examples.map(copyPredicted);
  for (const [name, pipe] of nlp.pipeline) {
    const p = pipe as Pipe & Updatable;
    if (!options.exclude.includes(name)) {
      const o = { drop: options.drop, losses: options.losses };
      if (!sync && typeof p.updateAsync === "function") await p.updateAsync(examples, o);
      else if (typeof p.update === "function") p.update(examples, o);
    }
    if (options.annotates.includes(name)) {
      const docs = examples.map((e) => e.predicted);
      if (!sync && p.processBatch) await p.processBatch(docs);
      else if (p.callBatch) p.callBatch(docs);
      else for (const d of docs) p.call(d);
    }
  }
}

function copyPredicted(eg: Example): Example {
  return new Example(eg.predicted.copy(), eg.reference, eg.alignment);
}

/** A trainable component's model, as far as the loop needs it. */
interface UpdatableModel {
  finishUpdate(optimizer: unknown): void;
}

/**
 * Apply accumulated gradients of every trainable, not excluded component
 * (spaCy's `finish_update` loop).
 *
 * @param nlp the pipeline
 * @param optimizer the optimizer
 * @param exclude components to skip
 */
export function finishUpdates(
  nlp: LoopPipeline,
  optimizer: unknown,
  exclude: readonly string[],
): void {
  for (const [name, pipe] of nlp.pipeline) {
    if (exclude.includes(name)) continue;
    const p = pipe as {
      finishUpdate?: (o: unknown) => void;
      model?: unknown;
      update?: unknown;
      isTrainable?: boolean;
    };
    if (typeof p.update !== "function" || p.isTrainable === false) continue;
    if (typeof p.finishUpdate === "function") p.finishUpdate(optimizer);
    else if (
      p.model && typeof (p.model as Partial<UpdatableModel>).finishUpdate === "function"
    ) {
      (p.model as UpdatableModel).finishUpdate(optimizer);
    }
  }
}

/**
 * The training loop (spaCy's `train_while_improving`): one optimizer step per
 * batch, evaluation at step 0 and every `evalFrequency` steps, losses reset
 * after each evaluation; stops after `patience` steps without a better score
 * (the earliest step wins a tie) or at `maxSteps`.
 *
 * @param nlp the pipeline
 * @param optimizer the optimizer
 * @param batches `[epoch, batch]` pairs
 * @param evaluate returns `[weightedScore, scores]`, run with averaged parameters by the caller
 * @param settings the `[training]` settings
 * @returns the steps
 */
export async function* trainWhileImproving(
  nlp: LoopPipeline,
  optimizer: LoopOptimizer,
  batches: Iterable<[number, Example[]]>,
  evaluate: () => Promise<[number, Record<string, number>]>,
  settings: LoopSettings,
): AsyncGenerator<LoopStep, void, void> {
  const { dropout, evalFrequency, accumulateGradient, patience, maxSteps } = settings;
  const results: [number, number][] = [];
  let losses: Record<string, number> = {};
  let words = 0;
  const start = performance.now();
  let step = 0;
  for (const [epoch, batch] of batches) {
    if (settings.signal?.aborted) return;
    settings.beforeUpdate?.(nlp, { step, epoch });
    const drop = typeof dropout === "number" ? dropout : dropout.at(optimizer.step);
    for (const sub of subdivideBatch(batch, accumulateGradient)) {
      await updateComponents(nlp, sub, {
        sync: settings.sync ?? true,
        drop,
        losses,
        exclude: settings.exclude,
        annotates: settings.annotatingComponents,
      });
    }
    finishUpdates(nlp, optimizer, settings.exclude);
    optimizer.stepSchedules();
    let score: number | null = null;
    let other: Record<string, number> | null = null;
    let isBest: boolean | null = null;
    if (step % evalFrequency === 0) {
      [score, other] = await evaluate();
      optimizer.setLastScore(score);
      results.push([score, step]);
      isBest = score === Math.max(...results.map(([s]) => s));
    }
    for (const eg of batch) words += eg.predicted.length;
    const info: TrainingInfo = {
      epoch,
      step,
      score,
      otherScores: other,
      losses,
      checkpoints: results.map(([s, t]) => [s, t]),
      seconds: Math.floor((performance.now() - start) / 1000),
      words,
    };
    yield { batch, info, isBestCheckpoint: isBest };
    if (isBest !== null) losses = {};
    if (results.length) {
      let best = results[0]!;
      for (const r of results) if (r[0] > best[0]) best = r;
      if (patience && step - best[1] >= patience) return;
    }
    if (maxSteps && step >= maxSteps) return;
    step++;
  }
}
