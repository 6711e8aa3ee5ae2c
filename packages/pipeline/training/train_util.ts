/**
 * Helpers of `train()`: averaged parameters, evaluation events and meta.
 *
 * @module
 */
import type { Model } from "@weft/layers";
import type { Language } from "../language/language.ts";
import type { TrainingEvent, TrainingInfo } from "./events.ts";
import { scoreColumns } from "./console_logger.ts";

/** Every distinct model of the trainable components. */
function componentModels(nlp: Language): Model[] {
  const out = new Set<Model>();
  for (const [, pipe] of nlp.pipeline) {
    const m = (pipe as { model?: unknown }).model as Model | undefined;
    if (m && typeof m.useParams === "function") out.add(m);
  }
  return [...out];
}

/**
 * Run `fn` with the optimizer's averaged parameters swapped into every model
 * (spaCy's `nlp.use_params(optimizer.averages)`).
 */
export async function withAverages<T>(
  nlp: Language,
  averages: ReadonlyMap<string, unknown> | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!averages || averages.size === 0) return await fn();
  const models = componentModels(nlp);
  const run = (i: number): Promise<T> =>
    i === models.length ? fn() : models[i]!.useParams(
      averages as ReadonlyMap<string, never>,
      () => run(i + 1),
    );
  return await run(0);
}

/** The structured event of one evaluation (scores ×100 as the table shows them). */
export function evalEvent(
  info: TrainingInfo,
  isBest: boolean,
  logged: readonly string[],
  cols: readonly string[],
): TrainingEvent {
  const losses: Record<string, number> = {};
  for (const p of logged) losses[p] = info.losses[p] ?? 0;
  const scores: Record<string, number> = {};
  for (const c of cols) {
    const v = info.otherScores?.[c] ?? 0;
    scores[c] = c === "speed" ? v : v * 100;
  }
  return {
    type: "eval",
    epoch: info.epoch,
    step: info.step,
    losses,
    scores,
    score: info.score ?? 0,
    isBest,
    seconds: info.seconds,
    words: info.words,
  };
}

/** spaCy's `update_meta`: the shown scores and the losses go to `meta.performance`. */
export function updateMeta(
  nlp: Language,
  weights: Record<string, number | null>,
  info: TrainingInfo,
  logged: readonly string[],
): void {
  const performance: Record<string, number> = {};
  for (const col of scoreColumns(weights)) performance[col] = info.otherScores?.[col] ?? 0;
  for (const name of logged) {
    if (name in info.losses) performance[`${name}_loss`] = info.losses[name]!;
  }
  nlp.meta = { ...nlp.meta, performance };
}
