/**
 * `TrainablePipe`: the base class of components that train (spaCy's
 * `TrainablePipe`); prediction and serialization come from `ModelPipe`.
 *
 * @module
 */
import type { Model, OptimizerProtocol } from "@weft/layers";
import type { DocLike, NdArray, Shape } from "@weft/types";
import type { Example } from "../gold/example.ts";
import type { InitializeOptions, UpdateOptions } from "../language/pipe.ts";
import { ModelPipe } from "./model_pipe.ts";

export * from "./model_pipe.ts";

/** `initialize` options: the pipeline, config settings and explicit labels. */
export interface PipeInitializeOptions extends Partial<InitializeOptions> {
  /** Labels to use instead of those found in the examples. */
  labels?: readonly string[] | undefined;
}

/**
 * The base of components that train, as spaCy's `TrainablePipe`: on top of
 * {@linkcode ModelPipe}'s prediction, annotation and serialization, `getLoss`
 * compares predictions with references, `update` does one training step,
 * `finishUpdate` applies gradients and `rehearse` guards against forgetting.
 *
 * @example A trained tagger's component API
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, type Tagger } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tagger = nlp.addPipe("tagger") as Tagger;
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["I", "run"] }), { tags: ["PRP", "VBP"] });
 * await nlp.initialize(() => [eg]);
 * assert.deepEqual(tagger.labels, ["PRP", "VBP"]);
 * const losses = tagger.update([eg], { sgd: undefined });
 * assert.ok(losses.tagger! > 0);
 * ```
 */
export abstract class TrainablePipe<Out = unknown> extends ModelPipe<Out> {
  /** A copy of the model made by `Language.resumeTraining`, the teacher of `rehearse`. */
  rehearsalModel: Model<DocLike[], Out> | null = null;

  /** Whether the training loop updates this component. */
  get isTrainable(): boolean {
    return true;
  }

  /**
   * The loss and its gradient, read synchronously (CPU).
   *
   * @param examples the examples
   * @param scores the model's output for their predicted docs
   * @returns `[loss, gradient]`
   */
  abstract getLoss(examples: readonly Example[], scores: Out): [number, Out];

  /**
   * The loss and its gradient on any backend.
   *
   * @param examples the examples
   * @param scores the model's output for their predicted docs
   * @returns `[loss, gradient]`
   */
  getLossAsync(examples: readonly Example[], scores: Out): Promise<[number, Out]> {
    return Promise.resolve(this.getLoss(examples, scores));
  }

  /** Check examples before a training step (label values, ...); nothing by default. */
  protected validateExamples(_examples: readonly Example[]): void {}

  #begin(examples: readonly Example[], options: UpdateOptions) {
    const losses = options.losses ?? {};
    losses[this.name] ??= 0;
    this.validateExamples(examples);
    const docs = examples.map((eg) => eg.predicted);
    if (!docs.some((d) => d.length > 0)) return { losses, step: null };
    this.model.setDropoutRate(options.drop ?? 0);
    return { losses, step: this.model.beginUpdate(docs) };
  }

  #finish(sgd: unknown): void {
    if (sgd !== undefined && sgd !== null && sgd !== false) {
      this.finishUpdate(sgd as OptimizerProtocol);
    }
  }

  /**
   * One training step: forward, loss, backprop and (with `sgd`) the optimizer
   * step. Reads the loss synchronously (CPU); see `updateAsync`.
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses to add to
   * @returns the losses, this component's under its name
   */
  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const { losses, step } = this.#begin(examples, options);
    if (step === null) return losses;
    const [scores, backprop] = step;
    const [loss, dScores] = this.getLoss(examples, scores);
    if (Number.isNaN(loss)) throw new RangeError(`Component "${this.name}": the loss is NaN`);
    backprop(dScores);
    this.#finish(options.sgd);
    losses[this.name]! += loss;
    return losses;
  }

  /**
   * `update` on any backend (the loss is read asynchronously).
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses to add to
   * @returns the losses
   */
  async updateAsync(
    examples: readonly Example[],
    options: UpdateOptions = {},
  ): Promise<Record<string, number>> {
    const { losses, step } = this.#begin(examples, options);
    if (step === null) return losses;
    const [scores, backprop] = step;
    const [loss, dScores] = await this.getLossAsync(examples, scores);
    if (Number.isNaN(loss)) throw new RangeError(`Component "${this.name}": the loss is NaN`);
    backprop(dScores);
    this.#finish(options.sgd);
    losses[this.name]! += loss;
    return losses;
  }

  /**
   * The rehearsal loss: how far `scores` are from the teacher's `target`
   * (by default their difference, the loss its sum of squares).
   *
   * @param scores the model's output
   * @param target the rehearsal model's output
   * @returns `[loss, gradient]`
   */
  protected rehearsalLoss(scores: Out, target: Out): [number, Out] {
    const ops = this.model.ops;
    const pairs = Array.isArray(scores)
      ? (scores as NdArray<Shape, "float32">[]).map((s, i) =>
        [s, (target as NdArray<Shape, "float32">[])[i]!] as const
      )
      : [[scores as NdArray<Shape, "float32">, target as NdArray<Shape, "float32">] as const];
    const readSync = ops.readSync;
    if (!readSync) {
      throw new TypeError(
        `Component "${this.name}": rehearse() reads synchronously; backend "${ops.name}" cannot`,
      );
    }
    let loss = 0;
    const grads = pairs.map(([s, t]) => {
      const d = ops.sub(s, t);
      for (const v of readSync(d)) loss += v * v;
      return d;
    });
    return [loss, (Array.isArray(scores) ? grads : grads[0]) as Out];
  }

  /**
   * A rehearsal step: teach the model to predict what the rehearsal model
   * (set by `Language.resumeTraining`) predicts, against catastrophic forgetting.
   * Does nothing without a rehearsal model.
   *
   * @param examples the batch (only the predicted docs are used)
   * @param options dropout, optimizer, losses to add to
   * @returns the losses
   */
  rehearse(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = options.losses ?? {};
    losses[this.name] ??= 0;
    if (this.rehearsalModel === null) return losses;
    const docs = examples.map((eg) => eg.predicted);
    if (!docs.some((d) => d.length > 0)) return losses;
    this.model.setDropoutRate(options.drop ?? 0);
    const [scores, backprop] = this.model.beginUpdate(docs);
    // The teacher runs as in training (spaCy.Tagger.v2 normalizes only then), without dropout.
    const target = this.rehearsalModel.setDropoutRate(0).beginUpdate(docs)[0];
    const [loss, d] = this.rehearsalLoss(scores, target);
    backprop(d);
    this.#finish(options.sgd);
    losses[this.name]! += loss;
    return losses;
  }

  /**
   * Apply the accumulated gradients with an optimizer.
   *
   * @param sgd the optimizer
   */
  finishUpdate(sgd: OptimizerProtocol): void {
    this.model.finishUpdate(sgd);
  }

  /**
   * Prepare labels and the model's shapes from examples.
   *
   * @param getExamples returns sample examples
   * @param options the pipeline, settings and labels
   */
  abstract initialize(
    getExamples: () => Iterable<Example>,
    options?: PipeInitializeOptions,
  ): void | Promise<void>;

  /** Labels from `initialize` options: `labels`, else `settings.labels`, else null. */
  protected givenLabels(options: PipeInitializeOptions = {}): readonly string[] | null {
    const fromSettings = options.settings?.labels;
    const labels = options.labels ?? (Array.isArray(fromSettings) ? fromSettings : null);
    return labels as readonly string[] | null;
  }
}
