/**
 * The training side of `Language`: linking tok2vec listeners, initializing,
 * updating, rehearsing, evaluating with speed, and swapping in averaged
 * parameters. `Language`'s methods of the same names call these.
 *
 * @module
 */
import type { OptimizerProtocol } from "@weft/layers";
import type { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import type { Pipe, UpdateOptions } from "./pipe.ts";
import { isModel } from "./pipeline_params.ts";

export { createOptimizer, usePipelineParams } from "./pipeline_params.ts";

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
 * @example A tagger listening to a tok2vec
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, linkComponents, type Tok2Vec } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tok2vec = nlp.addPipe("tok2vec") as Tok2Vec;
 * nlp.addPipe("tagger", { config: { model: {
 *   "@architectures": "spacy.Tagger.v2",
 *   tok2vec: { "@architectures": "spacy.Tok2VecListener.v1", width: 96 },
 * } } });
 * linkComponents(nlp);
 * assert.deepEqual(tok2vec.listeningComponents, ["tagger"]);
 * ```
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
  return examples.map((eg) => new Example(eg.predicted.copy(), eg.reference, eg.alignment));
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
 * @example Losses by component
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, updatePipeline } from "@weft/pipeline";
 * import { Adam } from "@weft/layers";
 * const nlp = Language.blank("en");
 * nlp.addPipe("tagger");
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["Hi", "you"] }), { tags: ["UH", "PRP"] });
 * await nlp.initialize(() => [eg]);
 * const losses = updatePipeline(nlp, [eg], { sgd: Adam() });
 * assert.deepEqual(Object.keys(losses), ["tagger"]);
 * ```
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
 * @example Frozen components are skipped
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, updatePipelineAsync } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("tagger");
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["Hi"] }), { tags: ["UH"] });
 * await nlp.initialize(() => [eg]);
 * assert.deepEqual(await updatePipelineAsync(nlp, [eg], { exclude: ["tagger"] }), {});
 * ```
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
 * @example Nothing to rehearse before resumeTraining
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, rehearsePipeline, resumeTraining } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("tagger");
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["Hi"] }), { tags: ["UH"] });
 * await nlp.initialize(() => [eg]);
 * resumeTraining(nlp);
 * // The model still equals its rehearsal copy: no loss.
 * assert.equal(rehearsePipeline(nlp, [eg]).tagger, 0);
 * ```
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
 * @example A rehearsal copy of the model
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, resumeTraining, type Tagger } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tagger = nlp.addPipe("tagger") as Tagger;
 * resumeTraining(nlp);
 * assert.ok(tagger.rehearsalModel !== null && tagger.rehearsalModel !== tagger.model);
 * ```
 */
export function resumeTraining(nlp: TrainablePipeline): void {
  linkComponents(nlp);
  for (const [, pipe] of nlp.pipeline) {
    const p = pipe as Updatable;
    if ("rehearsalModel" in p && isModel(p.model)) p.rehearsalModel = p.model.copy();
  }
}
