/**
 * `Morphologizer`: trainable coarse POS and morphological features (spaCy's
 * `morphologizer`).
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import { morphFeatures, normalizeMorph } from "../doc/morph.ts";
import type { Example } from "../gold/example.ts";
import { alignedSlots } from "./aligned.ts";
import { TokenClassifier } from "./tagger.ts";
import type { PipeInitializeOptions, TrainablePipeOptions } from "./trainable_pipe.ts";

/** Options of the {@linkcode Morphologizer} constructor. */
export interface MorphologizerOptions extends TrainablePipeOptions<Floats2d[]> {
  /** Whether to replace existing POS and features (default true). */
  overwrite?: boolean | undefined;
  /** Whether to merge predicted features into existing ones (default false). */
  extend?: boolean | undefined;
  /** Label smoothing of the loss (default 0). */
  labelSmoothing?: number | undefined;
}

/** The combined label of a POS and a feature string: `Feat=Val|...|POS=X`, normalized. */
function combinedLabel(pos: string, morph: string): string {
  const feats = normalizeMorph(morph);
  if (pos === "") return feats;
  return normalizeMorph(feats === "" ? `POS=${pos}` : `${feats}|POS=${pos}`);
}

/**
 * Predicts one label per token that combines the coarse POS and the
 * morphological features (`Number=Sing|POS=NOUN`), then sets `token.pos` and
 * `token.morph` (spaCy's `morphologizer`). Labels are found in the training
 * data in order of appearance; `cfg.labels_morph` and `cfg.labels_pos` map
 * each label to its features and POS.
 *
 * @example Labels combine POS and features
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Language, type Morphologizer } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const morph = nlp.addPipe("morphologizer") as Morphologizer;
 * const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["I", "run"] }), {
 *   pos: ["PRON", "VERB"], morphs: ["Case=Nom|Number=Sing", ""],
 * });
 * await nlp.initialize(() => [eg]);
 * assert.deepEqual(morph.labels, ["Case=Nom|Number=Sing|POS=PRON", "POS=VERB"]);
 * ```
 */
export class Morphologizer extends TokenClassifier {
  #labelMorph: number[] = [];
  #labelPos: number[] = [];
  #cache = new Map<number, number>();

  /**
   * Create a morphologizer.
   *
   * @param options vocabulary, model, name, scorer and settings
   */
  constructor(options: MorphologizerOptions) {
    super({ ...options, name: options.name ?? "morphologizer" });
    this.cfg = {
      labels_morph: {},
      labels_pos: {},
      overwrite: options.overwrite ?? true,
      extend: options.extend ?? false,
      label_smoothing: options.labelSmoothing ?? 0,
    };
  }

  #tables() {
    return {
      morph: this.cfg.labels_morph as Record<string, string>,
      pos: this.cfg.labels_pos as Record<string, string>,
    };
  }

  /**
   * Add a label: a combined `Feat=Val|POS=X` string.
   *
   * @param label the label
   * @returns 1 when added, 0 when present
   */
  override addLabel(label: string): number {
    if (this.labelIndex(label) >= 0) return 0;
    const feats = morphFeatures(label);
    const pos = feats.POS ?? "";
    delete feats.POS;
    const t = this.#tables();
    t.morph[label] = Object.entries(feats).map(([k, v]) => `${k}=${v}`).join("|");
    t.pos[label] = pos;
    return super.addLabel(label);
  }

  /** Called whenever the label list changes. */
  protected override labelsChanged(): void {
    const t = this.#tables();
    const strings = this.vocab.strings;
    this.#labelMorph = this.labels.map((l) => strings.intern(normalizeMorph(t.morph[l]!) || "_"));
    this.#labelPos = this.labels.map((l) => (t.pos[l] ? strings.intern(t.pos[l]!) : 0));
    this.#cache.clear();
  }

  /** Restore label tables from `cfg` after loading. */
  /**
   * Set labels and initialize the model. Labels may be given as spaCy's
   * `init labels` output, `{ morph: {label: feats}, pos: {label: POS} }`, or as
   * combined label strings; otherwise they come from the data.
   *
   * @param getExamples returns sample examples
   * @param options `labels` or `settings.labels`
   * @throws {RangeError} when there are no examples or no labels
   */
  override initialize(
    getExamples: () => Iterable<Example>,
    options: PipeInitializeOptions = {},
  ): void {
    const given = options.labels ?? options.settings?.labels;
    if (given && !Array.isArray(given) && typeof given === "object") {
      const tables = given as { morph?: Record<string, string>; pos?: Record<string, string> };
      this.cfg.labels_morph = { ...(tables.morph ?? {}) };
      this.cfg.labels_pos = { ...(tables.pos ?? {}) };
      this.setLabels(Object.keys(this.cfg.labels_morph as Record<string, string>));
      const { labels: _l, settings, ...rest } = options;
      const { labels: _s, ...otherSettings } = settings ?? {};
      return super.initialize(getExamples, {
        ...rest,
        settings: otherSettings,
        labels: this.labels,
      });
    }
    return super.initialize(getExamples, options);
  }

  /** Restore the label list from `cfg` after loading. */
  protected override afterLoad(): void {
    this.setLabels(Object.keys(this.#tables().morph));
  }

  /** Collect labels from the examples. */
  protected override labelsFromExamples(getExamples: () => Iterable<Example>): void {
    const t = this.#tables();
    for (const eg of getExamples()) {
      const y = eg.reference;
      for (let i = 0; i < y.length; i++) {
        const posSlot = y.cols.pos[i]!;
        const morphSlot = y.cols.morph[i]!;
        if (posSlot === 0 && morphSlot === 0) continue;
        const pos = y.str(posSlot);
        const morph = normalizeMorph(y.str(morphSlot));
        const label = combinedLabel(pos, morph);
        if (this.labelIndex(label) >= 0) continue;
        t.morph[label] = morph;
        t.pos[label] = pos;
        super.addLabel(label);
      }
    }
  }

  /** The gold classes of an example. */
  protected override truths(eg: Example): Int32Array {
    const pos = alignedSlots(eg, "pos");
    const morph = alignedSlots(eg, "morph");
    const strings = this.vocab.strings;
    const out = new Int32Array(pos.length);
    for (let i = 0; i < out.length; i++) {
      const p = pos[i]!;
      const m = morph[i]!;
      // Misaligned or unannotated tokens are missing.
      const key = p * 4294967296 + m;
      let k = this.#cache.get(key);
      if (k === undefined) {
        k = p === 0 && m === 0 ? -1 : this.labelIndex(
          combinedLabel(strings.atSlot(p), strings.atSlot(m)),
        );
        this.#cache.set(key, k);
      }
      out[i] = k;
    }
    return out;
  }

  /** Write class ids (docs concatenated) into the docs. */
  protected override writeClasses(docs: Doc[], classes: ArrayLike<number>): void {
    const overwrite = this.cfg.overwrite === true;
    const extend = this.cfg.extend === true;
    const strings = this.vocab.strings;
    let k = 0;
    for (const doc of docs) {
      const { morph, pos } = doc.cols;
      for (let j = 0; j < doc.length; j++, k++) {
        const c = classes[k]!;
        if (morph[j] === 0 || overwrite || extend) {
          if (extend && morph[j] !== 0) {
            const mine = morphFeatures(strings.atSlot(this.#labelMorph[c]!));
            const theirs = morphFeatures(strings.atSlot(morph[j]!));
            const merged = overwrite ? { ...theirs, ...mine } : { ...mine, ...theirs };
            const text = Object.entries(merged).map(([f, v]) => `${f}=${v}`).join("|");
            morph[j] = strings.intern(normalizeMorph(text) || "_");
          } else morph[j] = this.#labelMorph[c]!;
        }
        if (pos[j] === 0 || overwrite) pos[j] = this.#labelPos[c]!;
      }
    }
  }
}
