/**
 * What the training loop reports: the per-step info that loggers receive, and
 * the structured events a caller (the CLI) can draw progress bars and curves from.
 *
 * @module
 */

/** One step's state, as spaCy's `train_while_improving` yields it (`info`). */
export interface TrainingInfo {
  /** The epoch (0-based). */
  epoch: number;
  /** The optimizer step (0-based). */
  step: number;
  /** The weighted score, on evaluation steps; otherwise `null`. */
  score: number | null;
  /** The numeric scores of the evaluation, on evaluation steps; otherwise `null`. */
  otherScores: Record<string, number> | null;
  /** Losses by component, summed since the last evaluation. */
  losses: Record<string, number>;
  /** `[score, step]` of every evaluation so far. */
  checkpoints: [number, number][];
  /** Whole seconds since training started. */
  seconds: number;
  /** Words seen so far. */
  words: number;
  /** Where the last checkpoint was saved, when it was. */
  outputPath?: string;
}

/** Training starts: the columns the console table will show. */
export interface TrainingStartEvent {
  /** The event type. */
  type: "start";
  /** The enabled components. */
  pipeNames: string[];
  /** The trainable components whose losses are logged. */
  loggedPipes: string[];
  /** The scores shown (score weights that are not `null`). */
  scoreCols: string[];
  /** `[training] max_steps` (0: no limit). */
  maxSteps: number;
  /** `[training] eval_frequency`. */
  evalFrequency: number;
  /** The optimizer's initial learning rate. */
  learnRate: number;
}

/** One optimizer step finished (no evaluation). */
export interface TrainingStepEvent {
  /** The event type. */
  type: "step";
  /** The epoch. */
  epoch: number;
  /** The step. */
  step: number;
  /** Words seen so far. */
  words: number;
}

/** An evaluation finished: one row of the console table. */
export interface TrainingEvalEvent {
  /** The event type. */
  type: "eval";
  /** The epoch. */
  epoch: number;
  /** The step. */
  step: number;
  /** Losses of the logged components since the last evaluation. */
  losses: Record<string, number>;
  /** The shown scores, ×100 (except `speed`), as the console prints them. */
  scores: Record<string, number>;
  /** The weighted score (0..1). */
  score: number;
  /** Whether this is the best score so far. */
  isBest: boolean;
  /** Whole seconds since training started. */
  seconds: number;
  /** Words seen so far. */
  words: number;
}

/** Training ended. */
export interface TrainingEndEvent {
  /** The event type. */
  type: "end";
  /** The best weighted score. */
  bestScore: number;
  /** The step of the best score. */
  bestStep: number;
  /** Why training stopped. */
  reason: "max_steps" | "max_epochs" | "patience" | "aborted" | "exhausted";
}

/** The structured events of a training run. */
export type TrainingEvent =
  | TrainingStartEvent
  | TrainingStepEvent
  | TrainingEvalEvent
  | TrainingEndEvent;
