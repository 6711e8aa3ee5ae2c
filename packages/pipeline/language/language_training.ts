/**
 * `LanguageTraining`: the training side of `Language` (updating, rehearsing,
 * tok2vec listeners, averaged parameters) over its component list.
 *
 * @module
 */
import type { OptimizerProtocol } from "@weft/layers";
import type { FloatsXd } from "@weft/types";
import type { Example } from "../gold/example.ts";
import { PipelineComponents } from "./pipeline_components.ts";
import {
  createOptimizer,
  type LanguageUpdateOptions,
  linkComponents,
  rehearsePipeline,
  resumeTraining,
  updatePipeline,
  updatePipelineAsync,
  usePipelineParams,
} from "./pipeline_training.ts";
import { replaceListeners } from "./replace_listeners.ts";

/**
 * The training methods of a pipeline, the base of {@linkcode Language} (see
 * there for construction): `update`, `rehearse`, `useParams`, linking and
 * replacing tok2vec listeners, and the default optimizer.
 *
 * @example A step without an optimizer changes no weights
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("tagger");
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["I", "run"] }), {
 *   tags: ["PRP", "VBP"],
 * });
 * await nlp.initialize(() => [eg]);
 * const losses = nlp.update([eg], { sgd: null });
 * assert.ok(losses.tagger! > 0);
 * ```
 */
export abstract class LanguageTraining extends PipelineComponents {
  /** The config the pipeline was built from, where it was. */
  config: Record<string, unknown> = {};
  #optimizer: OptimizerProtocol | undefined;

  /**
   * Connect tok2vec components to the listener layers of later components
   * (done by `initialize`; call it after loading or rearranging components).
   */
  linkComponents(): void {
    linkComponents(this);
  }

  /**
   * One training step (spaCy's `nlp.update`): each enabled component not in
   * `exclude` updates, then applies `sgd` (default: `this.optimizer`; pass
   * `sgd: null` or `false` for no step); those in `annotates` then annotate
   * the batch. Reads losses synchronously (CPU); see `updateAsync`.
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses, exclude, annotates, componentCfg
   * @returns the losses by component
   */
  update(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Record<string, number> {
    return updatePipeline(this, examples, this.#withOptimizer(options));
  }

  /**
   * The optimizer `update` uses when given none (made on first use from
   * `[training.optimizer]`, else spaCy's default Adam).
   */
  get optimizer(): OptimizerProtocol {
    this.#optimizer ??= createOptimizer(this);
    return this.#optimizer;
  }

  #withOptimizer(options: LanguageUpdateOptions): LanguageUpdateOptions {
    return options.sgd !== undefined ? options : { ...options, sgd: this.optimizer };
  }

  /**
   * `update` on any backend (losses are read asynchronously).
   *
   * @param examples the batch
   * @param options as `update`
   * @returns the losses by component
   */
  updateAsync(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Promise<Record<string, number>> {
    return updatePipelineAsync(this, examples, this.#withOptimizer(options));
  }

  /**
   * A rehearsal step against catastrophic forgetting (spaCy's `nlp.rehearse`;
   * needs `resumeTraining()` first).
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses, exclude
   * @returns the losses by component
   */
  rehearse(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Record<string, number> {
    return rehearsePipeline(this, examples, options);
  }

  /** Prepare a trained pipeline for more training: link listeners, keep rehearsal copies. */
  resumeTraining(): void {
    resumeTraining(this);
  }

  /**
   * Run `fn` with the components' parameters swapped for `params` (an
   * optimizer's `averages`), restored afterwards (spaCy's `use_params`).
   *
   * @param params parameters keyed by `paramKeyString`; none runs `fn` as is
   * @param fn the work to do
   * @returns what `fn` returns
   */
  useParams<T>(params: ReadonlyMap<string, FloatsXd> | undefined | null, fn: () => T): T {
    return usePipelineParams(this, params, fn);
  }

  /**
   * Give a component its own copy of a tok2vec component's network in place
   * of its listener layers (spaCy's `replace_listeners`), updating the config.
   *
   * @param tok2vecName the tok2vec component
   * @param pipeName the listening component
   * @param listeners the config paths of its listeners, e.g. `["model.tok2vec"]`
   * @throws {RangeError} when the names or the number of listeners do not match
   */
  replaceListeners(tok2vecName: string, pipeName: string, listeners: readonly string[]): void {
    replaceListeners(this, tok2vecName, pipeName, listeners);
  }
}
