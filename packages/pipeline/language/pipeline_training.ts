/**
 * The training side of `Language`: linking tok2vec listeners, initializing,
 * updating, rehearsing, evaluating with speed, and swapping in averaged
 * parameters. `Language`'s methods of the same names call these.
 *
 * @module
 */
import type { Model, OptimizerProtocol } from "@weft/layers";
import type { FloatsXd } from "@weft/types";
import { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import type { Pipe, UpdateOptions } from "./pipe.ts";

/** What these functions need of a pipeline (a `Language`). */
export interface TrainablePipeline {
  /** The enabled components. */
  readonly pipeline: [string, Pipe][];
  /** The pipeline's config data. */
  config: Record<string, unknown>;
  /**
   * A component by name.
   *
   * @param name the name
   */
  getPipe(name: string): Pipe;
}

/** Options of `Language.update` (spaCy's keyword arguments). */
export interface LanguageUpdateOptions extends UpdateOptions {
  /** Components not to update (the frozen ones). */
  exclude?: readonly string[];
  /** Components that annotate the predicted docs after their update. */
  annotates?: readonly string[];
  /** Per-component options (e.g. `drop`), by name. */
  componentCfg?: Readonly<Record<string, UpdateOptions>>;
}

interface Updatable {
  update?(examples: readonly Example[], options: UpdateOptions): unknown;
  updateAsync?(examples: readonly Example[], options: UpdateOptions): Promise<unknown>;
  rehearse?(examples: readonly Example[], options: UpdateOptions): unknown;
  finishUpdate?(sgd: OptimizerProtocol): void;
  isTrainable?: boolean;
  model?: unknown;
  rehearsalModel?: unknown;
}

interface ListenedTo {
  listenerMap: Map<string, unknown[]>;
  findListeners(component: { name: string; model?: unknown }): void;
}

function isModel(m: unknown): m is Model {
  return m !== null && typeof m === "object" && typeof (m as Model).walk === "function" &&
    typeof (m as Model).useParams === "function";
}

function trainable(pipe: Pipe): Updatable | null {
  const p = pipe as Updatable;
  if (typeof p.finishUpdate !== "function" || p.isTrainable === false) return null;
  return isModel(p.model) ? p : null;
}

/**
 * Connect every tok2vec component to the listener layers of the components
 * after it (spaCy's `_link_components`): listener maps are rebuilt from scratch.
 *
 * @param nlp the pipeline
 */
export function linkComponents(nlp: TrainablePipeline): void {
  const pipes = nlp.pipeline;
  pipes.forEach(([, pipe], i) => {
    const t = pipe as unknown as Partial<ListenedTo>;
    if (typeof t.findListeners !== "function" || !(t.listenerMap instanceof Map)) return;
    t.listenerMap.clear();
    for (const [name, other] of pipes.slice(i)) {
      t.findListeners({ name, model: (other as Updatable).model });
    }
  });
}

function copyPredicted(examples: readonly Example[]): Example[] {
  return examples.map((eg) => {
    const x = eg.predicted;
    const copy = new Doc(x.vocab, { words: x.words, spaces: [...x.cols.spaces].map(Boolean) });
    for (const key of Object.keys(x.cols) as (keyof Doc["cols"])[]) copy.cols[key].set(x.cols[key]);
    copy.cats = { ...x.cats };
    copy.tensor = x.tensor;
    return new Example(copy, eg.reference);
  });
}

function runUpdates(
  nlp: TrainablePipeline,
  examples: readonly Example[],
  options: LanguageUpdateOptions,
  step: (pipe: Updatable, egs: Example[], o: UpdateOptions) => void,
  annotate: (pipe: Pipe, docs: Doc[]) => void,
): Record<string, number> {
  const losses = options.losses ?? {};
  if (examples.length === 0) return losses;
  const exclude = new Set(options.exclude ?? []);
  const annotates = new Set(options.annotates ?? []);
  // Annotating components write into the predicted docs: keep the caller's intact.
  const egs = annotates.size > 0 ? copyPredicted(examples) : [...examples];
  const sgd = options.sgd as OptimizerProtocol | undefined | null | false;
  for (const [name, pipe] of nlp.pipeline) {
    const p = pipe as Updatable;
    if (!exclude.has(name) && typeof p.update === "function") {
      const cfg = options.componentCfg?.[name] ?? {};
      step(p, egs, { drop: options.drop ?? 0, ...cfg, sgd: undefined, losses });
    }
    if (sgd && !exclude.has(name)) trainable(pipe)?.finishUpdate?.(sgd);
    if (annotates.has(name)) annotate(pipe, egs.map((eg) => eg.predicted));
  }
  return losses;
}

/**
 * One training step over the enabled components, as spaCy's `Language.update`:
 * each component not excluded runs `update` without the optimizer, then (with
 * `sgd`) `finishUpdate`; components in `annotates` then annotate the batch.
 * Reads losses synchronously (CPU).
 *
 * @param nlp the pipeline
 * @param examples the batch
 * @param options dropout, optimizer, losses, exclude, annotates, per-component options
 * @returns the losses by component name
 */
export function updatePipeline(
  nlp: TrainablePipeline,
  examples: readonly Example[],
  options: LanguageUpdateOptions = {},
): Record<string, number> {
  return runUpdates(
    nlp,
    examples,
    options,
    (p, egs, o) => p.update!(egs, o),
    (pipe, docs) => pipe.callBatch ? pipe.callBatch(docs) : docs.forEach((d) => pipe.call(d)),
  );
}

/**
 * `updatePipeline` on any backend: components' `updateAsync` when they have it.
 *
 * @param nlp the pipeline
 * @param examples the batch
 * @param options as `updatePipeline`
 * @returns the losses by component name
 */
export async function updatePipelineAsync(
  nlp: TrainablePipeline,
  examples: readonly Example[],
  options: LanguageUpdateOptions = {},
): Promise<Record<string, number>> {
  const losses = options.losses ?? {};
  const exclude = new Set(options.exclude ?? []);
  const annotates = new Set(options.annotates ?? []);
  if (examples.length === 0) return losses;
  const egs = annotates.size > 0 ? copyPredicted(examples) : [...examples];
  const sgd = options.sgd as OptimizerProtocol | undefined | null | false;
  for (const [name, pipe] of nlp.pipeline) {
    const p = pipe as Updatable;
    if (!exclude.has(name) && typeof p.update === "function") {
      const cfg = options.componentCfg?.[name] ?? {};
      const o = { drop: options.drop ?? 0, ...cfg, sgd: undefined, losses };
      await (p.updateAsync ? p.updateAsync(egs, o) : p.update!(egs, o));
    }
    if (sgd && !exclude.has(name)) trainable(pipe)?.finishUpdate?.(sgd);
    if (annotates.has(name)) {
      const docs = egs.map((eg) => eg.predicted);
      if (pipe.processBatch) await pipe.processBatch(docs);
      else docs.forEach((d) => pipe.call(d));
    }
  }
  return losses;
}

/**
 * A rehearsal step (spaCy's `Language.rehearse`): every component with a
 * rehearsal model (see {@linkcode resumeTraining}) learns to keep its earlier
 * predictions on the batch.
 *
 * @param nlp the pipeline
 * @param examples the batch (raw text examples suffice)
 * @param options dropout, optimizer, losses, exclude
 * @returns the losses by component name
 */
export function rehearsePipeline(
  nlp: TrainablePipeline,
  examples: readonly Example[],
  options: LanguageUpdateOptions = {},
): Record<string, number> {
  const losses = options.losses ?? {};
  if (examples.length === 0) return losses;
  const exclude = new Set(options.exclude ?? []);
  for (const [name, pipe] of nlp.pipeline) {
    const p = pipe as Updatable;
    if (exclude.has(name) || typeof p.rehearse !== "function") continue;
    p.rehearse(examples, { drop: options.drop ?? 0, sgd: options.sgd, losses });
  }
  return losses;
}

/**
 * Prepare for more training of an already trained pipeline (spaCy's
 * `resume_training`): link listeners and keep a copy of each component's model
 * as the teacher of `rehearse`.
 *
 * @param nlp the pipeline
 */
export function resumeTraining(nlp: TrainablePipeline): void {
  linkComponents(nlp);
  for (const [, pipe] of nlp.pipeline) {
    const p = pipe as Updatable;
    if ("rehearsalModel" in p && isModel(p.model)) p.rehearsalModel = p.model.copy();
  }
}

/**
 * Run `fn` with every component's parameters swapped for those in `params`
 * (an optimizer's `averages`), restoring them afterwards, also after a
 * returned promise settles (spaCy's `use_params`).
 *
 * @param nlp the pipeline
 * @param params parameters keyed by `paramKeyString`
 * @param fn the work to do
 * @returns what `fn` returns
 */
export function usePipelineParams<T>(
  nlp: TrainablePipeline,
  params: ReadonlyMap<string, FloatsXd> | undefined | null,
  fn: () => T,
): T {
  if (!params || params.size === 0) return fn();
  const models = nlp.pipeline.map(([, p]) => (p as Updatable).model).filter(isModel);
  const nest = (
    i: number,
  ): T => (i === models.length ? fn() : models[i]!.useParams(params, () => nest(i + 1)));
  return nest(0);
}
