/**
 * The scoring functions of spaCy's components, registered under spaCy's names
 * (`spacy.tagger_scorer.v1`, `spacy.parser_scorer.v1`, ...).
 *
 * @module
 */
import { registry } from "@weft/config";
import type { Doc } from "../doc/doc.ts";
import type { Token } from "../doc/token.ts";
import type { Example } from "../gold/example.ts";
import { type CatsScores, scoreCats, type ScoreCatsOptions } from "./score_cats.ts";
import { scoreDeps } from "./score_deps.ts";
import { scoreEnts, scoreSpans } from "./score_spans.ts";
import { scoreTokenAttr, scoreTokenAttrPerFeat } from "./score_tokens.ts";

/** Scores by metric name. */
export type Scores = Record<string, unknown>;

const hasSents = (doc: Doc) => doc.hasAnnotation("SENT_START");

/**
 * The tagger's scores: `tag_acc`.
 *
 * @param examples the examples
 * @returns the scores
 */
export function taggerScore(examples: readonly Example[]): Scores {
  return scoreTokenAttr(examples, "tag");
}

/**
 * The morphologizer's scores: `pos_acc`, `morph_acc`, `morph_micro_p/r/f`, `morph_per_feat`.
 *
 * @param examples the examples
 * @returns the scores
 */
export function morphologizerScore(examples: readonly Example[]): Scores {
  return {
    ...scoreTokenAttr(examples, "pos"),
    ...scoreTokenAttr(examples, "morph"),
    ...scoreTokenAttrPerFeat(examples, "morph"),
  };
}

/**
 * The lemmatizer's scores: `lemma_acc`.
 *
 * @param examples the examples
 * @returns the scores
 */
export function lemmatizerScore(examples: readonly Example[]): Scores {
  return scoreTokenAttr(examples, "lemma");
}

/**
 * The sentence recognizer's scores: `sents_p/r/f`.
 *
 * @param examples the examples
 * @returns the scores
 */
export function senterScore(examples: readonly Example[]): Scores {
  const out: Scores = scoreSpans(examples, "sents", { hasAnnotation: hasSents });
  delete out.sents_per_type;
  return out;
}

/**
 * The parser's scores: `sents_p/r/f`, `dep_uas`, `dep_las`, `dep_las_per_type`
 * (labels compared in lower case, punctuation ignored).
 *
 * @param examples the examples
 * @returns the scores
 */
export function parserScore(examples: readonly Example[]): Scores {
  return {
    ...senterScore(examples),
    ...scoreDeps(examples, "dep", {
      getter: (t: Token) => t.dep.toLowerCase(),
      ignoreLabels: ["p", "punct"],
    }),
  };
}

/**
 * The entity recognizer's scores: `ents_p/r/f`, `ents_per_type`.
 *
 * @param examples the examples
 * @returns the scores
 */
export function nerScore(examples: readonly Example[]): Scores {
  return scoreEnts(examples);
}

/**
 * The exclusive text classifier's scores (`cats_*`, macro F unless a positive label).
 *
 * @param examples the examples
 * @param options the labels, positive label and threshold
 * @returns the scores
 */
export function textcatScore(
  examples: readonly Example[],
  options: ScoreCatsOptions = {},
): CatsScores {
  return scoreCats(examples, "cats", { ...options, multiLabel: false });
}

/**
 * The multi-label text classifier's scores (`cats_*`, macro AUC).
 *
 * @param examples the examples
 * @param options the labels and threshold
 * @returns the scores
 */
export function textcatMultilabelScore(
  examples: readonly Example[],
  options: ScoreCatsOptions = {},
): CatsScores {
  return scoreCats(examples, "cats", { ...options, multiLabel: true });
}

const SCORERS: [string, unknown][] = [
  ["spacy.tagger_scorer.v1", taggerScore],
  ["spacy.morphologizer_scorer.v1", morphologizerScore],
  ["spacy.lemmatizer_scorer.v1", lemmatizerScore],
  ["spacy.senter_scorer.v1", senterScore],
  ["spacy.parser_scorer.v1", parserScore],
  ["spacy.ner_scorer.v1", nerScore],
  ["spacy.textcat_scorer.v1", textcatScore],
  ["spacy.textcat_scorer.v2", textcatScore],
  ["spacy.textcat_multilabel_scorer.v1", textcatMultilabelScore],
  ["spacy.textcat_multilabel_scorer.v2", textcatMultilabelScore],
];
for (const [name, fn] of SCORERS) registry.scorers.register(name, () => fn);
