/**
 * `MultiLabelTextCategorizer`: multi-label text classification (spaCy's
 * `textcat_multilabel`).
 *
 * @module
 */
import { TextCategorizer, type TextCategorizerOptions } from "./textcat.ts";

/**
 * Scores every label of a doc independently (spaCy's `textcat_multilabel`):
 * any number of gold cats may be 1, and labels absent from a doc's gold cats
 * are missing (they get no gradient).
 *
 * @example Independent labels
 * ```ts
 * import assert from "node:assert/strict";
 * import { Example, Language, type MultiLabelTextCategorizer } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const textcat = nlp.addPipe("textcat_multilabel") as MultiLabelTextCategorizer;
 * const eg = Example.fromDict(nlp.makeDoc("big red"), { cats: { BIG: 1, RED: 1 } });
 * await nlp.initialize(() => [eg]);
 * assert.deepEqual(textcat.labels, ["BIG", "RED"]);
 * assert.equal(textcat.cfg.threshold, 0.5);
 * ```
 */
export class MultiLabelTextCategorizer extends TextCategorizer {
  /**
   * Create a multi-label text classifier.
   *
   * @param options vocabulary, model, name, scorer, threshold (default 0.5)
   */
  constructor(options: TextCategorizerOptions) {
    super({ ...options, name: options.name ?? "textcat_multilabel" });
    this.cfg = { labels: [], threshold: options.threshold ?? 0.5 };
  }

  /** Labels absent from a doc's gold cats are missing. */
  override get supportMissingValues(): boolean {
    return true;
  }

  /** The minimum number of labels. */
  protected override get minLabels(): number {
    return 1;
  }

  /** Options the scorer gets besides the examples. */
  protected override scorerOptions(): Record<string, unknown> {
    return { labels: this.labels, threshold: this.cfg.threshold };
  }
}
