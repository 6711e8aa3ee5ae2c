/**
 * `Scorer`: evaluation with spaCy's metric names.
 *
 * @module
 */
import type { Example } from "../gold/example.ts";
import { scoreCats } from "./score_cats.ts";
import { scoreDeps } from "./score_deps.ts";
import { scoreEnts, scoreSpans } from "./score_spans.ts";
import { scoreTokenAttr, scoreTokenAttrPerFeat, scoreTokenization } from "./score_tokens.ts";

/** What the scorer needs from a pipeline: its components, some of which can score. */
export interface ScorablePipeline {
  /** The enabled components. */
  readonly pipeline: readonly (readonly [
    string,
    { score?(examples: readonly Example[]): Record<string, unknown> },
  ])[];
}

/**
 * Scores examples: tokenization first, then every component that has a
 * `score` method (spaCy's `Scorer.score`). The static methods are spaCy's
 * scoring building blocks.
 *
 * @example Tag accuracy on a differently tokenized prediction
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Scorer, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const pred = new Doc(vocab, { words: ["a", "b", "c"], tags: ["X", "Y", "Z"] });
 * const eg = Example.fromDict(pred, { tags: ["X", "Y", "W"] });
 * assert.equal(Scorer.scoreTokenAttr([eg], "tag").tag_acc, 2 / 3);
 * ```
 */
export class Scorer {
  /** spaCy's `score_tokenization`. */
  static scoreTokenization: typeof scoreTokenization = scoreTokenization;
  /** spaCy's `score_token_attr`. */
  static scoreTokenAttr: typeof scoreTokenAttr = scoreTokenAttr;
  /** spaCy's `score_token_attr_per_feat`. */
  static scoreTokenAttrPerFeat: typeof scoreTokenAttrPerFeat = scoreTokenAttrPerFeat;
  /** spaCy's `score_spans`. */
  static scoreSpans: typeof scoreSpans = scoreSpans;
  /** spaCy's `get_ner_prf`. */
  static scoreEnts: typeof scoreEnts = scoreEnts;
  /** spaCy's `score_cats`. */
  static scoreCats: typeof scoreCats = scoreCats;
  /** spaCy's `score_deps`. */
  static scoreDeps: typeof scoreDeps = scoreDeps;

  /**
   * Create a scorer for a pipeline's components.
   *
   * @param nlp the pipeline (optional: without it only tokenization is scored)
   */
  constructor(readonly nlp?: ScorablePipeline) {}

  /**
   * Score examples whose predicted docs the pipeline annotated.
   *
   * @param examples the examples
   * @param options `perComponent`: key the scores by component name
   * @returns the scores
   */
  score(
    examples: readonly Example[],
    options: { perComponent?: boolean } = {},
  ): Record<string, unknown> {
    const scores: Record<string, unknown> = {};
    const tokens = scoreTokenization(examples);
    if (options.perComponent) scores.tokenizer = tokens;
    else Object.assign(scores, tokens);
    for (const [name, pipe] of this.nlp?.pipeline ?? []) {
      if (typeof pipe.score !== "function") continue;
      const s = pipe.score(examples);
      if (options.perComponent) scores[name] = s;
      else Object.assign(scores, s);
    }
    return scores;
  }
}
