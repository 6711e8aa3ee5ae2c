/**
 * `TextCategorizer`: single-label text classification (spaCy's `textcat`).
 *
 * @module
 */
import type { ResizeOutput } from "@weft/architectures";
import type { Model } from "@weft/layers";
import type { DocLike, DType, Floats2d, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import {
  type HostValues,
  type PipeInitializeOptions,
  TrainablePipe,
  type TrainablePipeOptions,
} from "./trainable_pipe.ts";

/** Options of the text classifiers' constructors. */
export interface TextCategorizerOptions extends TrainablePipeOptions<Floats2d> {
  /** The score from which a label counts as predicted (scoring only). */
  threshold?: number | undefined;
}

/**
 * Classifies whole docs into exactly one of its labels, writing every label's
 * score to `doc.cats` (spaCy's `textcat`). Gold `cats` must hold 0/1 values with
 * at most one 1; labels absent from a doc's gold cats count as 0. The loss is
 * the mean squared error of the scores.
 *
 * @example Exclusive scores sum to one
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, type TextCategorizer } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const textcat = nlp.addPipe("textcat") as TextCategorizer;
 * const eg = (t: string, pos: number) =>
 *   Example.fromDict(nlp.makeDoc(t), { cats: { POS: pos, NEG: 1 - pos } });
 * await nlp.initialize(() => [eg("good", 1), eg("bad", 0)]);
 * assert.deepEqual(textcat.labels, ["POS", "NEG"]);
 * const cats = nlp.call("good").cats;
 * assert.ok(Math.abs(cats.POS! + cats.NEG! - 1) < 1e-5);
 * ```
 */
export class TextCategorizer extends TrainablePipe<Floats2d> {
  /**
   * Create a text classifier.
   *
   * @param options vocabulary, model, name, scorer, threshold
   */
  constructor(options: TextCategorizerOptions) {
    super({ ...options, name: options.name ?? "textcat" });
    this.cfg = { labels: [], threshold: options.threshold ?? 0, positive_label: null };
  }

  /** Whether labels absent from a doc's gold cats are missing (not 0). */
  get supportMissingValues(): boolean {
    return false;
  }

  /** The minimum number of labels. */
  protected get minLabels(): number {
    return 2;
  }

  /** The labels, in column order. */
  override get labels(): readonly string[] {
    return this.cfg.labels as string[];
  }

  /**
   * Add a label; after `initialize`, a resizable model (`resize_output`
   * attribute) grows its output layer.
   *
   * @param label the label
   * @returns 1 when added, 0 when present
   * @throws {RangeError} when the model's output size is set and it cannot be resized
   */
  override addLabel(label: string): number {
    const labels = this.cfg.labels as string[];
    if (labels.includes(label)) return 0;
    const full = this.model.hasDim("nO") === true && this.model.getDim("nO") === labels.length;
    const resize = this.model.maybeGetAttr<ResizeOutput>("resize_output");
    if (full && typeof resize !== "function") {
      throw new RangeError(
        `Component "${this.name}" cannot add label "${label}": its model's output size is set ` +
          `and it cannot be resized`,
      );
    }
    labels.push(label);
    this.vocab.strings.add(label);
    // A trained classifier grows its output layer, keeping the old labels' weights.
    if (full) this.model = resize!(this.model as Model, labels.length) as typeof this.model;
    return 1;
  }

  /** Check examples before a training step. */
  protected override validateExamples(examples: readonly Example[]): void {
    for (const eg of examples) {
      const values = Object.values(eg.reference.cats);
      for (const v of values) {
        if (v !== 0 && v !== 1) {
          throw new RangeError(`Component "${this.name}": cats values must be 0 or 1, got ${v}`);
        }
      }
      if (!this.supportMissingValues && values.filter((v) => v === 1).length > 1) {
        throw new RangeError(
          `Component "${this.name}" is single-label but a doc has several positive cats: ` +
            JSON.stringify(eg.reference.cats),
        );
      }
    }
  }

  /** Gold scores and the mask of known values, `[examples * labels]` row-major. */
  protected truths(examples: readonly Example[]): { truths: Float32Array; mask: Float32Array } {
    const labels = this.labels;
    const n = labels.length;
    const truths = new Float32Array(examples.length * n);
    const mask = new Float32Array(examples.length * n).fill(1);
    examples.forEach((eg, i) => {
      const cats = eg.reference.cats;
      labels.forEach((label, j) => {
        const v = cats[label];
        if (v !== undefined) truths[i * n + j] = v;
        else if (this.supportMissingValues) mask[i * n + j] = 0;
      });
    });
    return { truths, mask };
  }

  /** The output for a batch without tokens. */
  protected override emptyOutput(docs: Doc[]): Floats2d {
    return this.model.ops.alloc2f(docs.length, this.labels.length);
  }

  /** The arrays of an output that annotation reads back. */
  protected override arraysToRead(scores: Floats2d): NdArray<Shape, DType>[] {
    return [scores];
  }

  /** Write read-back values into the docs. */
  protected override writeAnnotations(docs: Doc[], values: HostValues): void {
    const scores = values[0]!;
    const labels = this.labels;
    const n = labels.length;
    docs.forEach((doc, i) => {
      for (let j = 0; j < n; j++) doc.cats[labels[j]!] = scores[i * n + j]!;
    });
  }

  #loss(examples: readonly Example[], scores: ArrayLike<number>): [number, Floats2d] {
    const { truths, mask } = this.truths(examples);
    const d = new Float32Array(truths.length);
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      const v = (scores[i]! - truths[i]!) * mask[i]!;
      d[i] = v;
      sum += v * v;
    }
    const loss = d.length === 0 ? 0 : sum / d.length;
    return [loss, this.model.ops.asarray2f(d, examples.length, this.labels.length)];
  }

  /**
   * The mean squared error and its gradient `(scores - truths) * mask`.
   *
   * @param examples the examples
   * @param scores `[examples, labels]` scores
   * @returns `[loss, gradient]`
   */
  override getLoss(examples: readonly Example[], scores: Floats2d): [number, Floats2d] {
    const readSync = this.model.ops.readSync;
    if (!readSync) {
      throw new TypeError(`Component "${this.name}": use getLossAsync() on this backend`);
    }
    return this.#loss(examples, readSync(scores));
  }

  /**
   * `getLoss` on any backend.
   *
   * @param examples the examples
   * @param scores `[examples, labels]` scores
   * @returns `[loss, gradient]`
   */
  override async getLossAsync(
    examples: readonly Example[],
    scores: Floats2d,
  ): Promise<[number, Floats2d]> {
    return this.#loss(examples, await this.model.ops.read(scores));
  }

  /**
   * Set labels (given, else from the examples' cats) and initialize the model
   * on up to 10 reference docs.
   *
   * @param getExamples returns sample examples
   * @param options `labels` (or `settings.labels`), `settings.positive_label`
   * @throws {RangeError} for too few labels, an unknown positive label, or no examples
   */
  override initialize(
    getExamples: () => Iterable<Example>,
    options: PipeInitializeOptions = {},
  ): void {
    this.validateExamples([...getExamples()]);
    const given = this.givenLabels(options);
    if (given !== null) { for (const l of given) this.addLabel(l); }
    else {for (const eg of getExamples()) {
        for (const c of Object.keys(eg.reference.cats)) this.addLabel(c);
      }}
    if (this.labels.length < this.minLabels) {
      throw new RangeError(
        `Component "${this.name}" needs at least ${this.minLabels} labels, found ${this.labels.length}`,
      );
    }
    const positive = (options.settings?.positive_label ?? null) as string | null;
    if (positive !== null && (!this.labels.includes(positive) || this.labels.length !== 2)) {
      throw new RangeError(
        `Component "${this.name}": positive label "${positive}" needs exactly two labels including it (labels: ${
          this.labels.join(", ")
        })`,
      );
    }
    this.cfg.positive_label = positive;
    const sample: Example[] = [];
    for (const eg of getExamples()) {
      if (sample.length === 10) break;
      sample.push(eg);
    }
    if (sample.length === 0) throw new RangeError(`Component "${this.name}" got no examples`);
    const { truths } = this.truths(sample);
    const Y = this.model.ops.asarray2f(truths, sample.length, this.labels.length);
    this.model.initialize({ X: sample.map((eg) => eg.reference) as DocLike[], Y });
  }

  /** Options the scorer gets besides the examples. */
  protected override scorerOptions(): Record<string, unknown> {
    return {
      labels: this.labels,
      threshold: this.cfg.threshold,
      positiveLabel: this.cfg.positive_label,
    };
  }
}
