/**
 * `TrainablePipe`: the base class of components with a model (spaCy's
 * `TrainablePipe`).
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import type { Model, OptimizerProtocol } from "@weft/layers";
import type { DocLike, DType, HostArray, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import type { InitializeOptions, Pipe, UpdateOptions } from "../language/pipe.ts";
import type { Vocab } from "../vocab/vocab.ts";

/** A scoring function as registered under `spacy.*_scorer.v*`. */
export type ScorerFn = (
  examples: readonly Example[],
  options?: Record<string, unknown>,
) => Record<string, unknown>;

/** What every trainable component's constructor takes. */
export interface TrainablePipeOptions<Out> {
  /** The shared vocabulary. */
  vocab: Vocab;
  /** The component's model, `List[Doc] -> Out`. */
  model: Model<DocLike[], Out>;
  /** The component name (the key of its loss). */
  name?: string | undefined;
  /** The scoring function, or null for none. */
  scorer?: ScorerFn | null | undefined;
}

/** `initialize` options: the pipeline, config settings and explicit labels. */
export interface PipeInitializeOptions extends Partial<InitializeOptions> {
  /** Labels to use instead of those found in the examples. */
  labels?: readonly string[] | undefined;
}

/** Host values of arrays read back from the model's backend. */
export type HostValues = HostArray<DType>[];

/**
 * The base of components with a model, as spaCy's `TrainablePipe`: `predict`
 * runs the model without changing docs, `setAnnotations` (or its async twin)
 * writes predictions, `getLoss` compares predictions with references,
 * `update` does one training step, `finishUpdate` applies gradients.
 * Subclasses name the arrays they read back (`arraysToRead`) and write the read
 * values into docs (`writeAnnotations`), so the same code serves the
 * synchronous CPU path and the asynchronous path.
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
export abstract class TrainablePipe<Out = unknown> implements Pipe {
  /** The component name. */
  name: string;
  /** The shared vocabulary. */
  readonly vocab: Vocab;
  /** The model. */
  model: Model<DocLike[], Out>;
  /** Settings and labels, saved with the component. */
  cfg: Record<string, unknown> = {};
  /** The scoring function. */
  scorer: ScorerFn | null;
  /** A copy of the model made by `Language.resumeTraining`, the teacher of `rehearse`. */
  rehearsalModel: Model<DocLike[], Out> | null = null;

  /**
   * Set up the shared parts of a component.
   *
   * @param options vocabulary, model, name and scorer
   */
  constructor(options: TrainablePipeOptions<Out>) {
    this.vocab = options.vocab;
    this.model = options.model;
    this.name = options.name ?? "pipe";
    this.scorer = options.scorer ?? null;
  }

  /** The labels (none by default). */
  get labels(): readonly string[] {
    return [];
  }

  /** Whether the training loop updates this component. */
  get isTrainable(): boolean {
    return true;
  }

  /**
   * Run the model on docs without changing them.
   *
   * @param docs the docs
   * @returns the model's output
   */
  predict(docs: Doc[]): Out {
    if (!docs.some((d) => d.length > 0)) return this.emptyOutput(docs);
    return this.model.predict(docs);
  }

  /** The output for a batch without tokens (the model is not run). */
  protected abstract emptyOutput(docs: Doc[]): Out;
  /** The arrays of an output `setAnnotations` reads back. */
  protected abstract arraysToRead(scores: Out): NdArray<Shape, DType>[];
  /** Write read-back values (in `arraysToRead` order) into the docs. */
  protected abstract writeAnnotations(docs: Doc[], values: HostValues, scores: Out): void;

  /**
   * Write predictions into docs, reading values synchronously (CPU).
   *
   * @param docs the docs
   * @param scores the output of `predict`
   * @throws {TypeError} on backends that cannot read synchronously
   */
  setAnnotations(docs: Doc[], scores: Out): void {
    const ops = this.model.ops;
    const readSync = ops.readSync;
    if (!readSync) {
      throw new TypeError(
        `Component "${this.name}": backend "${ops.name}" cannot read synchronously; use processBatch()`,
      );
    }
    const values = this.arraysToRead(scores).map((a) => readSync(a) as HostArray<DType>);
    this.writeAnnotations(docs, values, scores);
  }

  /**
   * Write predictions into docs, reading values asynchronously (any backend).
   *
   * @param docs the docs
   * @param scores the output of `predict`
   */
  async setAnnotationsAsync(docs: Doc[], scores: Out): Promise<void> {
    const ops = this.model.ops;
    const values = await Promise.all(this.arraysToRead(scores).map((a) => ops.read(a)));
    this.writeAnnotations(docs, values as HostValues, scores);
  }

  /**
   * Annotate one doc synchronously.
   *
   * @param doc the doc
   * @returns the doc
   */
  call(doc: Doc): Doc {
    this.callBatch([doc]);
    return doc;
  }

  /**
   * Annotate a batch synchronously.
   *
   * @param docs the docs
   * @returns the docs
   */
  callBatch(docs: Doc[]): Doc[] {
    this.setAnnotations(docs, this.predict(docs));
    return docs;
  }

  /**
   * Annotate a batch, reading values asynchronously.
   *
   * @param docs the docs
   * @returns the docs
   */
  async processBatch(docs: Doc[]): Promise<Doc[]> {
    await this.setAnnotationsAsync(docs, this.predict(docs));
    return docs;
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

  /**
   * Add a label.
   *
   * @param label the label
   * @returns 1 when added, 0 when present
   * @throws {TypeError} for components without labels
   */
  addLabel(label: string): number {
    throw new TypeError(`Component "${this.name}" cannot add labels (got "${label}")`);
  }

  /** Options the scorer gets besides the examples (labels and the like). */
  protected scorerOptions(): Record<string, unknown> {
    return { labels: this.labels };
  }

  /**
   * Score predictions with the component's scorer.
   *
   * @param examples examples whose predicted docs this component annotated
   * @returns the scores (empty without a scorer)
   */
  score(examples: readonly Example[]): Record<string, unknown> {
    return this.scorer ? this.scorer(examples, this.scorerOptions()) : {};
  }

  /** Restore settings that `cfg` holds after loading (labels tables and the like). */
  protected afterLoad(): void {}

  /**
   * Serialize the settings, labels and model weights (msgpack).
   *
   * @returns the bytes
   */
  async toBytes(): Promise<Uint8Array> {
    return encode({ cfg: this.cfg, model: await this.model.toBytes() });
  }

  /**
   * Load what `toBytes` wrote.
   *
   * @param bytes the bytes
   * @returns this component
   * @throws {TypeError} when the bytes are not a component's
   */
  async fromBytes(bytes: Uint8Array): Promise<this> {
    let msg: { cfg?: Record<string, unknown>; model?: Uint8Array };
    try {
      msg = decode(bytes) as typeof msg;
    } catch (e) {
      throw new TypeError(
        `Cannot load component "${this.name}": the bytes do not decode (${(e as Error).message})`,
      );
    }
    if (msg === null || typeof msg !== "object" || !(msg.model instanceof Uint8Array)) {
      throw new TypeError(`Cannot load component "${this.name}": not a component's bytes`);
    }
    this.cfg = { ...this.cfg, ...(msg.cfg ?? {}) };
    this.afterLoad();
    await this.model.fromBytes(msg.model);
    return this;
  }

  /**
   * Write the component into a folder: `cfg` (JSON) and `model` (weights).
   *
   * @param path the folder (created)
   */
  async toDisk(path: string): Promise<void> {
    await Deno.mkdir(path, { recursive: true });
    await Deno.writeTextFile(`${path}/cfg`, JSON.stringify(this.cfg, null, 2));
    await this.model.toDisk(`${path}/model`);
  }

  /**
   * Load a folder written by `toDisk`.
   *
   * @param path the folder
   * @returns this component
   */
  async fromDisk(path: string): Promise<this> {
    this.cfg = { ...this.cfg, ...JSON.parse(await Deno.readTextFile(`${path}/cfg`)) };
    this.afterLoad();
    await this.model.fromDisk(`${path}/model`);
    return this;
  }
}
