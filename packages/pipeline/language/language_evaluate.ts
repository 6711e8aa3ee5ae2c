/**
 * `Language.evaluate`: run the pipeline over copies of examples' predicted
 * docs and score them, with the speed in words per second.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import { Scorer } from "../scorer/scorer.ts";
import type { Language } from "./language.ts";

/** Options of `Language.evaluate`. */
export interface EvaluateOptions {
  /** The batch size (default: the pipeline's). */
  batchSize?: number;
  /** Whether to score each component separately. */
  perComponent?: boolean;
}

// The reference is only read by scoring, so only the predicted doc is copied.
function copyForEvaluation(eg: Example): Example {
  return new Example(eg.predicted.copy(), eg.reference, eg.alignment);
}

/** Score the annotated copies; `docs` must be their predicted docs, annotated in place. */
function score(
  nlp: Language,
  egs: readonly Example[],
  docs: readonly Doc[],
  options: EvaluateOptions,
  start: number,
): Record<string, unknown> {
  const seconds = (performance.now() - start) / 1000;
  docs.forEach((d, i) => {
    if (d !== egs[i]!.predicted) {
      throw new TypeError("evaluate(): components must annotate docs in place");
    }
  });
  const scores = new Scorer(nlp).score(egs, options);
  const words = egs.reduce((n, eg) => n + eg.predicted.length, 0);
  scores.speed = seconds > 0 ? words / seconds : 0;
  return scores;
}

/**
 * Run `nlp` over copies of the examples' predicted docs (synchronously) and
 * score them.
 *
 * @param nlp the pipeline
 * @param examples examples (left as they are)
 * @param options `batchSize`, `perComponent`
 * @returns the scores, by spaCy's metric names, and `speed` in words per second
 */
export function evaluateLanguage(
  nlp: Language,
  examples: readonly Example[],
  options: EvaluateOptions,
): Record<string, unknown> {
  // Components annotate copies, as in spaCy: the caller's predicted docs stay
  // as they were, so evaluating twice scores the same.
  const egs = examples.map(copyForEvaluation);
  const start = performance.now();
  // Tokenizing counts in the speed, as in spaCy.
  for (const eg of egs) nlp.makeDoc(eg.reference.text);
  const docs = [...nlp.pipe(egs.map((e) => e.predicted), options)];
  return score(nlp, egs, docs, options, start);
}

/**
 * {@linkcode evaluateLanguage} through the asynchronous path (for components
 * that read values from an accelerator).
 *
 * @param nlp the pipeline
 * @param examples examples (left as they are)
 * @param options `batchSize`, `perComponent`
 * @returns the scores, by spaCy's metric names, and `speed` in words per second
 */
export async function evaluateLanguageAsync(
  nlp: Language,
  examples: readonly Example[],
  options: EvaluateOptions,
): Promise<Record<string, unknown>> {
  const egs = examples.map(copyForEvaluation);
  const start = performance.now();
  for (const eg of egs) nlp.makeDoc(eg.reference.text);
  const docs: Doc[] = [];
  for await (const doc of nlp.pipe(egs.map((e) => e.predicted), options)) docs.push(doc);
  return score(nlp, egs, docs, options, start);
}
