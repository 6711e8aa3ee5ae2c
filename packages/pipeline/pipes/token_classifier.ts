/**
 * `TokenClassifier`: the base of the token classifiers (`Tagger`,
 * `SentenceRecognizer`, `Morphologizer`): labels, loss, prediction and
 * initialization over one class per token.
 *
 * @module
 */
import { SequenceCategoricalCrossentropy } from "@weft/layers";
import type { DocLike, DType, Floats2d, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import { type HostValues, type PipeInitializeOptions, TrainablePipe } from "./trainable_pipe.ts";
import { predictInChunks } from "./tok2vec_chunks.ts";

/** Gold classes of one doc: indices, or label strings when some are negative. */
type Truths = Int32Array | (string | null)[];

/**
 * A token classifier over a fixed label set whose predictions go into one
 * string column of the doc: the base of `Tagger`, `SentenceRecognizer` and
 * `Morphologizer`. Labels map to class indices; gold values are read as
 * string-store slots, so a training step creates no per-token objects.
 *
 * @example Labels map to class indices
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, TokenClassifier } from "@weft/pipeline";
 * const tagger = Language.blank("en").addPipe("tagger");
 * assert.ok(tagger instanceof TokenClassifier);
 * assert.equal(tagger.addLabel("NN"), 1);
 * assert.equal(tagger.addLabel("NN"), 0);
 * assert.equal(tagger.addLabel("VB"), 1);
 * assert.equal(tagger.labelIndex("VB"), 1);
 * assert.deepEqual(tagger.labels, ["NN", "VB"]);
 * ```
 */
export abstract class TokenClassifier extends TrainablePipe<Floats2d[]> {
  #labels: string[] = [];
  #index = new Map<string, number>();
  #loss: SequenceCategoricalCrossentropy | null = null;

  /** The labels, in class order. */
  override get labels(): readonly string[] {
    return this.#labels;
  }

  /** Label smoothing of the loss. */
  protected get labelSmoothing(): number {
    return (this.cfg.label_smoothing as number | undefined) ?? 0;
  }

  /**
   * Replace the label list (as after loading).
   *
   * @param labels the labels in class order
   */
  protected setLabels(labels: readonly string[]): void {
    this.#labels = [...labels];
    this.#index = new Map(this.#labels.map((l, i) => [l, i]));
    this.#loss = null;
    this.labelsChanged();
  }

  /** Called whenever the label list changes. */
  protected labelsChanged(): void {}

  /**
   * The class index of a label.
   *
   * @param label the label
   * @returns its index, or -1
   */
  labelIndex(label: string): number {
    return this.#index.get(label) ?? -1;
  }

  /**
   * Add a label.
   *
   * @param label the label
   * @returns 1 when added, 0 when present
   */
  override addLabel(label: string): number {
    if (this.#index.has(label)) return 0;
    this.setLabels([...this.#labels, label]);
    return 1;
  }

  /**
   * The gold class of each predicted token of an example: -1 where missing,
   * `-2 - k` for the negative label "not class k".
   */
  protected abstract truths(eg: Example): Int32Array;

  /** The prefix of negative gold labels, or null where the component has none. */
  protected get negPrefix(): string | null {
    return null;
  }

  /**
   * The loss function and truths of a batch: class indices in the common
   * case; label strings when some token has a negative label.
   */
  #batch(examples: readonly Example[]): [SequenceCategoricalCrossentropy, Truths[]] {
    const truths = examples.map((eg) => this.truths(eg));
    if (!truths.some((t) => t.some((v) => v <= -2))) return [this.#lossFunction, truths];
    const prefix = this.negPrefix ?? "";
    const labels = this.#labels;
    const strings = truths.map((t) =>
      Array.from(t, (v) => (v >= 0 ? labels[v]! : v === -1 ? null : prefix + labels[-2 - v]!))
    );
    const loss = new SequenceCategoricalCrossentropy({
      names: labels,
      normalize: false,
      negPrefix: prefix,
      labelSmoothing: this.labelSmoothing,
      ops: this.model.ops,
    });
    return [loss, strings];
  }

  get #lossFunction(): SequenceCategoricalCrossentropy {
    this.#loss ??= new SequenceCategoricalCrossentropy({
      names: this.#labels,
      normalize: false,
      missingValue: -1,
      labelSmoothing: this.labelSmoothing,
      ops: this.model.ops,
    });
    return this.#loss;
  }

  /**
   * The scores of each doc's tokens, a chunk of at most
   * `PREDICT_CHUNK_WORDS` words at a time (bounded memory for big batches).
   *
   * @param docs the docs
   * @returns one `[length, nLabels]` array per doc
   */
  override predict(docs: Doc[]): Floats2d[] {
    return predictInChunks(docs, (chunk) => super.predict(chunk));
  }

  /** The output for a batch without tokens. */
  protected override emptyOutput(docs: Doc[]): Floats2d[] {
    return docs.map((d) => this.model.ops.alloc2f(d.length, this.#labels.length));
  }

  /** The arrays of an output that annotation reads back. */
  protected override arraysToRead(scores: Floats2d[]): NdArray<Shape, DType>[] {
    if (scores.length === 0) return [];
    const ops = this.model.ops;
    return [ops.argmax(scores.length === 1 ? scores[0]! : ops.flatten(scores))];
  }

  /** Write class ids (one per token, docs concatenated) into the docs. */
  protected abstract writeClasses(docs: Doc[], classes: ArrayLike<number>): void;

  /** Write read-back values into the docs. */
  protected override writeAnnotations(docs: Doc[], values: HostValues): void {
    if (values.length > 0) this.writeClasses(docs, values[0]!);
  }

  /**
   * The loss and gradient of a batch (read synchronously).
   *
   * @param examples the examples
   * @param scores the model's output
   * @returns `[loss, gradients]`
   */
  override getLoss(examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    const [lossFunction, truths] = this.#batch(examples);
    const [d, loss] = lossFunction.callSync(scores, truths);
    return [loss, d];
  }

  /**
   * The loss and gradient of a batch on any backend.
   *
   * @param examples the examples
   * @param scores the model's output
   * @returns `[loss, gradients]`
   */
  override async getLossAsync(
    examples: readonly Example[],
    scores: Floats2d[],
  ): Promise<[number, Floats2d[]]> {
    const [lossFunction, truths] = this.#batch(examples);
    const [d, loss] = await lossFunction.call(scores, truths);
    return [loss, d];
  }

  /** Collect labels from the examples (when none are given). */
  protected abstract labelsFromExamples(getExamples: () => Iterable<Example>): void;

  /**
   * Set labels (given, else from the data) and initialize the model on up to 10
   * examples.
   *
   * @param getExamples returns sample examples
   * @param options `labels` (or `settings.labels`) to use instead of the data's
   * @throws {RangeError} when there are no examples or no labels
   */
  override initialize(
    getExamples: () => Iterable<Example>,
    options: PipeInitializeOptions = {},
  ): void {
    const given = this.givenLabels(options);
    if (given !== null) { for (const l of given) this.addLabel(l); }
    else this.labelsFromExamples(getExamples);
    if (this.#labels.length === 0) {
      throw new RangeError(`Component "${this.name}" found no labels in the examples`);
    }
    const X: Doc[] = [];
    const Y: Floats2d[] = [];
    const n = this.#labels.length;
    for (const eg of getExamples()) {
      if (X.length === 10) break;
      X.push(eg.predicted);
      const truths = this.truths(eg);
      const onehot = new Float32Array(truths.length * n);
      truths.forEach((t, i) => {
        if (t >= 0) onehot[i * n + t] = 1;
      });
      Y.push(this.model.ops.asarray2f(onehot, truths.length, n));
    }
    if (X.length === 0) throw new RangeError(`Component "${this.name}" got no examples`);
    this.model.initialize({ X: X as DocLike[], Y });
  }
}
