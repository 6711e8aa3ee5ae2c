/**
 * A pipeline's parameters: swapping in averaged ones for evaluation (spaCy's
 * `use_params`) and the optimizer its config asks for (`create_optimizer`).
 *
 * @module
 */
import { registry } from "@weft/config";
import type { Model, OptimizerProtocol } from "@weft/layers";
import type { FloatsXd } from "@weft/types";
import type { TrainablePipeline } from "./pipeline_training.ts";

/**
 * Whether a value is a model (has `walk` and `useParams`).
 *
 * @param m the value
 * @returns true for models
 */
export function isModel(m: unknown): m is Model {
  return m !== null && typeof m === "object" && typeof (m as Model).walk === "function" &&
    typeof (m as Model).useParams === "function";
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
 * @example Without averages the work runs as is
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, usePipelineParams } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("tagger");
 * assert.equal(usePipelineParams(nlp, new Map(), () => 42), 42);
 * ```
 */
export function usePipelineParams<T>(
  nlp: TrainablePipeline,
  params: ReadonlyMap<string, FloatsXd> | undefined | null,
  fn: () => T,
): T {
  if (!params || params.size === 0) return fn();
  const models = nlp.pipeline.map(([, p]) => (p as { model?: unknown }).model).filter(isModel);
  const nest = (
    i: number,
  ): T => (i === models.length ? fn() : models[i]!.useParams(params, () => nest(i + 1)));
  return nest(0);
}

/** spaCy's default `[training.optimizer]` block. */
const DEFAULT_OPTIMIZER: Readonly<Record<string, unknown>> = {
  "@optimizers": "Adam.v1",
  beta1: 0.9,
  beta2: 0.999,
  L2_is_weight_decay: true,
  L2: 0.01,
  grad_clip: 1.0,
  use_averages: false,
  eps: 1e-8,
  learn_rate: 0.001,
};

/**
 * The optimizer of a pipeline's config (`[training.optimizer]`), or spaCy's
 * default Adam when the config has none (spaCy's `create_optimizer`).
 *
 * @param nlp the pipeline
 * @returns the optimizer
 * @example spaCy's default Adam
 * ```ts
 * import assert from "node:assert/strict";
 * import { createOptimizer, Language } from "@weft/pipeline";
 * const sgd = createOptimizer(Language.blank("en")) as unknown as { learnRate: number };
 * assert.equal(sgd.learnRate, 0.001);
 * ```
 */
export function createOptimizer(nlp: TrainablePipeline): OptimizerProtocol {
  const training = nlp.config.training as Record<string, unknown> | undefined;
  const block = training?.optimizer ?? DEFAULT_OPTIMIZER;
  return registry.resolve({ block: structuredClone(block) }).block as OptimizerProtocol;
}
