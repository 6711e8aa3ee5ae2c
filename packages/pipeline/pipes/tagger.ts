/**
 * `Tagger`: a trainable part-of-speech tagger (spaCy's `tagger`).
 *
 * @module
 */
import { SequenceCategoricalCrossentropy } from "@weft/layers";
import type { DocLike, DType, Floats2d, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import { alignedSlots } from "./aligned.ts";
import {
  type HostValues,
  type PipeInitializeOptions,
  TrainablePipe,
  type TrainablePipeOptions,
} from "./trainable_pipe.ts";
import { predictInChunks } from "./tok2vec_chunks.ts";

/** Gold classes of one doc: indices, or label strings when some are negative. */
type Truths = Int32Array | (string | null)[];

/** Options of the {@linkcode Tagger} constructor. */
export interface TaggerOptions extends TrainablePipeOptions<Floats2d[]> {
  /** Whether to replace existing tags (default false). */
  overwrite?: boolean | undefined;
  /** The prefix of negative gold tags, "not this tag" (default `"!"`). */
  negPrefix?: string | undefined;
  /** Label smoothing of the loss (default 0). */
  labelSmoothing?: number | undefined;
}

/**
 * A token classifier over a fixed label set whose predictions go into one
 * string column of the doc: the base of `Tagger`, `SentenceRecognizer` and
 * `Morphologizer`. Labels map to class indices; gold values are read as
 * string-store slots, so a training step creates no per-token objects.
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

/**
 * Predicts a tag per token into `token.tag` (spaCy's `tagger`). Labels are the
 * sorted tags of the training data; the loss is categorical cross-entropy with
 * missing tags masked.
 *
 * @example Training on two sentences
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, type Tagger } from "@weft/pipeline";
 * import { Adam } from "@weft/layers";
 * const nlp = Language.blank("en");
 * const tagger = nlp.addPipe("tagger") as Tagger;
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["I", "like", "cats"] }), {
 *   tags: ["PRP", "VBP", "NNS"],
 * });
 * await nlp.initialize(() => [eg]);
 * const sgd = Adam({ learnRate: 0.01 });
 * for (let i = 0; i < 30; i++) nlp.update([eg], { sgd });
 * assert.deepEqual([...nlp.call("I like cats")].map((t) => t.tag), ["PRP", "VBP", "NNS"]);
 * ```
 */
export class Tagger extends TokenClassifier {
  #slots: number[] = [];

  /**
   * Create a tagger.
   *
   * @param options vocabulary, model, name, scorer and tagger settings
   */
  constructor(options: TaggerOptions) {
    super({ ...options, name: options.name ?? "tagger" });
    this.cfg = {
      labels: [],
      overwrite: options.overwrite ?? false,
      neg_prefix: options.negPrefix ?? "!",
      label_smoothing: options.labelSmoothing ?? 0,
    };
  }

  /** Called whenever the label list changes. */
  protected override labelsChanged(): void {
    this.cfg.labels = [...this.labels];
    this.#slots = this.labels.map((l) => this.vocab.strings.intern(l));
  }

  /** Restore label tables from `cfg` after loading. */
  protected override afterLoad(): void {
    this.setLabels((this.cfg.labels ?? []) as string[]);
  }

  /** The gold classes of an example. */
  protected override truths(eg: Example): Int32Array {
    const slots = alignedSlots(eg, "tag");
    const strings = this.vocab.strings;
    const out = new Int32Array(slots.length);
    // Slots repeat a lot: map each distinct slot once per example.
    const seen = new Map<number, number>();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      let k = seen.get(slot);
      if (k === undefined) {
        k = slot === 0 ? -1 : this.#classOf(strings.atSlot(slot));
        seen.set(slot, k);
      }
      out[i] = k;
    }
    return out;
  }

  /** Collect labels from the examples. */
  /** A gold tag's class: its index, `-2 - k` for "not tag k", -1 when unknown. */
  #classOf(tag: string): number {
    const k = this.labelIndex(tag);
    if (k >= 0) return k;
    const prefix = this.negPrefix;
    if (prefix && tag.startsWith(prefix)) {
      const neg = this.labelIndex(tag.slice(prefix.length));
      if (neg >= 0) return -2 - neg;
    }
    return -1;
  }

  /** The prefix of negative gold tags (`cfg.neg_prefix`). */
  protected override get negPrefix(): string | null {
    return (this.cfg.neg_prefix as string | undefined) || null;
  }

  /** Collect the sorted tags of the examples (negative tags excluded). */
  protected override labelsFromExamples(getExamples: () => Iterable<Example>): void {
    const slots = new Set<number>();
    for (const eg of getExamples()) for (const s of eg.reference.cols.tag) slots.add(s);
    slots.delete(0);
    const prefix = this.negPrefix;
    const tags = [...slots].map((s) => this.vocab.strings.atSlot(s))
      .filter((t) => t !== "" && !(prefix && t.startsWith(prefix)));
    for (const tag of tags.sort()) this.addLabel(tag);
  }

  /** Write class ids (docs concatenated) into the docs. */
  protected override writeClasses(docs: Doc[], classes: ArrayLike<number>): void {
    const overwrite = this.cfg.overwrite === true;
    let k = 0;
    for (const doc of docs) {
      const col = doc.cols.tag;
      for (let j = 0; j < doc.length; j++, k++) {
        if (overwrite || col[j] === 0) col[j] = this.#slots[classes[k]!]!;
      }
    }
  }
}
