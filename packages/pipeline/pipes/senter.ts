/**
 * `SentenceRecognizer`: trainable sentence boundaries (spaCy's `senter`).
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import { alignedColumn } from "./aligned.ts";
import { TokenClassifier } from "./tagger.ts";
import type { TrainablePipeOptions } from "./trainable_pipe.ts";

/** Options of the {@linkcode SentenceRecognizer} constructor. */
export interface SentenceRecognizerOptions extends TrainablePipeOptions<Floats2d[]> {
  /** Whether to replace existing boundaries (default false). */
  overwrite?: boolean | undefined;
}

/**
 * Tags each token `S` (starts a sentence) or `I` (inside one) and sets
 * `doc.cols.sentStart` (spaCy's `senter`). Gold boundaries: a reference start
 * is `S`, any other aligned token of an annotated reference `I`; unaligned
 * tokens and references without boundaries are missing.
 *
 * @example The fixed labels
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, type SentenceRecognizer } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const senter = nlp.addPipe("senter") as SentenceRecognizer;
 * assert.deepEqual(senter.labels, ["I", "S"]);
 * ```
 */
export class SentenceRecognizer extends TokenClassifier {
  /**
   * Create a sentence recognizer.
   *
   * @param options vocabulary, model, name, scorer, overwrite
   */
  constructor(options: SentenceRecognizerOptions) {
    super({ ...options, name: options.name ?? "senter" });
    this.cfg = { overwrite: options.overwrite ?? false };
    this.setLabels(["I", "S"]);
  }

  /**
   * Labels are fixed.
   *
   * @param label the label
   * @returns 0 for `I` and `S`
   * @throws {TypeError} for any other label
   */
  override addLabel(label: string): number {
    if (label === "I" || label === "S") return 0;
    throw new TypeError(`Component "${this.name}" has the fixed labels I and S (got "${label}")`);
  }

  /** Collect labels from the examples. */
  protected override labelsFromExamples(): void {}

  /** The gold classes of an example. */
  protected override truths(eg: Example): Int32Array {
    const n = eg.predicted.length;
    const out = new Int32Array(n).fill(-1);
    if (!eg.reference.hasAnnotation("SENT_START")) return out;
    const aligned = alignedColumn(eg, eg.reference.cols.sentStart, new Int8Array(n).fill(-128));
    // An unaligned token keeps -128: missing. 1 is a start; 0 or -1 is inside.
    for (let i = 0; i < n; i++) {
      const v = aligned[i]!;
      out[i] = v === -128 ? -1 : v === 1 ? 1 : 0;
    }
    // Only a reference's first token is implicitly a start.
    if (n > 0 && eg.reference.length > 0 && out[0] === 0 && aligned[0] === 0) out[0] = 1;
    return out;
  }

  /** Write class ids (docs concatenated) into the docs. */
  protected override writeClasses(docs: Doc[], classes: ArrayLike<number>): void {
    const overwrite = this.cfg.overwrite === true;
    let k = 0;
    for (const doc of docs) {
      const col = doc.cols.sentStart;
      for (let j = 0; j < doc.length; j++, k++) {
        if (overwrite || col[j] === 0) col[j] = classes[k] === 1 ? 1 : -1;
      }
    }
  }
}
