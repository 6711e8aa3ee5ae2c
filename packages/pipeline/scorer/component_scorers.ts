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
 * @example Tag accuracy
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, taggerScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a"], tags: ["DT"] });
 * assert.deepEqual(taggerScore([Example.fromDict(pred, { tags: ["DT"] })]), { tag_acc: 1 });
 * ```
 */
export function taggerScore(examples: readonly Example[]): Scores {
  return scoreTokenAttr(examples, "tag");
}

/**
 * The morphologizer's scores: `pos_acc`, `morph_acc`, `morph_micro_p/r/f`, `morph_per_feat`.
 *
 * @param examples the examples
 * @returns the scores
 * @example POS and morphology
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, morphologizerScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a"], pos: ["DET"], morphs: [""] });
 * const s = morphologizerScore([Example.fromDict(pred, { pos: ["DET"], morphs: [""] })]);
 * assert.equal(s.pos_acc, 1);
 * assert.equal(s.morph_acc, 1);
 * ```
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
 * @example Lemma accuracy
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, lemmatizerScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["was"], lemmas: ["is"] });
 * assert.deepEqual(lemmatizerScore([Example.fromDict(pred, { lemmas: ["be"] })]), { lemma_acc: 0 });
 * ```
 */
export function lemmatizerScore(examples: readonly Example[]): Scores {
  return scoreTokenAttr(examples, "lemma");
}

/**
 * The sentence recognizer's scores: `sents_p/r/f`.
 *
 * @param examples the examples
 * @returns the scores
 * @example No per-type key
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, senterScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a", "b"], sentStarts: [true, true] });
 * const s = senterScore([Example.fromDict(pred, { sent_starts: [1, 1] })]);
 * assert.deepEqual(s, { sents_p: 1, sents_r: 1, sents_f: 1 });
 * ```
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
 * @example Punctuation is not scored
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, parserScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["Go", "!"], heads: [0, 0], deps: ["ROOT", "punct"] });
 * const s = parserScore([Example.fromDict(pred, { heads: [0, 0], deps: ["ROOT", "punct"] })]);
 * assert.equal(s.dep_las, 1);
 * assert.deepEqual(Object.keys(s.dep_las_per_type as object), ["root"]);
 * ```
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
 * @example Entity scores
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, nerScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["Ann"], ents: ["U-PER"] });
 * assert.equal(nerScore([Example.fromDict(pred, { entities: ["U-PER"] })]).ents_f, 1);
 * ```
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
 * @example A positive label
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, textcatScore } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["ok"] });
 * pred.cats = { YES: 0.9, NO: 0.1 };
 * const eg = Example.fromDict(pred, { cats: { YES: 1, NO: 0 } });
 * const s = textcatScore([eg], { labels: ["YES", "NO"], positiveLabel: "YES" });
 * assert.equal(s.cats_score, 1);
 * assert.equal(s.cats_score_desc, "F (YES)");
 * ```
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
 * @example Macro AUC needs both classes per label
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, textcatMultilabelScore } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const egs = [[0.9, 1], [0.2, 0]].map(([p, g]) => {
 *   const pred = new Doc(vocab, { words: ["x"] });
 *   pred.cats = { A: p! };
 *   return Example.fromDict(pred, { cats: { A: g! } });
 * });
 * assert.equal(textcatMultilabelScore(egs, { labels: ["A"] }).cats_macro_auc, 1);
 * ```
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
