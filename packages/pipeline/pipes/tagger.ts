/**
 * `Tagger`: a trainable part-of-speech tagger (spaCy's `tagger`).
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import { alignedSlots } from "./aligned.ts";
import type { TrainablePipeOptions } from "./trainable_pipe.ts";
import { TokenClassifier } from "./token_classifier.ts";

export { TokenClassifier } from "./token_classifier.ts";

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
