/**
 * Converting an `Example`: to spaCy's `Example.to_dict` layout and into one
 * example per reference sentence (spaCy's `split_sents`).
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import { spanAsDoc } from "../doc/doc_slice.ts";
import type { AlignmentArray } from "./alignment.ts";
import { docToBiluoTags } from "./biluo_utils.ts";
import type { SpanOffsets } from "./example_dict.ts";

/** spaCy's `Example.to_dict` layout: reference annotation nested by kind. */
export type ExampleDictNested = {
  /** Document-level annotation. */
  doc_annotation: {
    /** Text categories. */
    cats: Record<string, number>;
    /** Entities as BILUO tags (absent without entity annotation). */
    entities?: string[];
    /** Entity links (always empty: links are not stored). */
    links: Record<string, never>;
    /** Span groups as `[startChar, endChar, label, kbId]`. */
    spans: Record<string, SpanOffsets[]>;
  };
  /** Token-level annotation by attribute name; unannotated attributes are absent. */
  token_annotation: {
    /** Token texts. */
    ORTH: string[];
    /** Trailing-space flags. */
    SPACY: boolean[];
    /** Fine-grained tags. */
    TAG?: string[];
    /** Lemmas. */
    LEMMA?: string[];
    /** Universal POS tags. */
    POS?: string[];
    /** Morphological analyses. */
    MORPH?: string[];
    /** Absolute head indices. */
    HEAD?: number[];
    /** Dependency labels. */
    DEP?: string[];
    /** Sentence starts (only without a parse): 1, -1, or null for unknown. */
    SENT_START?: (1 | -1 | null)[];
  };
};

/**
 * A reference doc in spaCy's `Example.to_dict` layout. Unlike spaCy, attributes
 * without any annotation are left out and unknown sentence starts are `null`,
 * so that `Example.fromDict` reads back exactly the same reference.
 *
 * @param y the reference doc
 * @returns the nested dict
 */
export function referenceToDict(y: Doc): ExampleDictNested {
  const tokens: ExampleDictNested["token_annotation"] = {
    ORTH: y.words,
    SPACY: [...y.cols.spaces].map(Boolean),
  };
  const strings = (col: Uint32Array) => Array.from(col, (s) => y.str(s));
  if (y.hasAnnotation("TAG")) tokens.TAG = strings(y.cols.tag);
  if (y.hasAnnotation("LEMMA")) tokens.LEMMA = strings(y.cols.lemma);
  if (y.hasAnnotation("POS")) tokens.POS = strings(y.cols.pos);
  if (y.hasAnnotation("MORPH")) tokens.MORPH = strings(y.cols.morph);
  if (y.hasAnnotation("DEP")) {
    tokens.HEAD = Array.from(y.cols.head, (h, i) => i + h);
    tokens.DEP = strings(y.cols.dep);
  } else if (y.length > 1 && y.hasAnnotation("SENT_START")) {
    tokens.SENT_START = Array.from(y.cols.sentStart, (s) => (s === 1 ? 1 : s === -1 ? -1 : null));
  }
  const spans: Record<string, SpanOffsets[]> = {};
  for (const [key, group] of y.spans) {
    spans[key] = group.map((s) => [s.startChar, s.endChar, s.label, s.kbId] as const);
  }
  return {
    doc_annotation: {
      cats: { ...y.cats },
      ...(y.hasAnnotation("ENT_IOB") ? { entities: docToBiluoTags(y) } : {}),
      links: {},
      spans,
    },
    token_annotation: tokens,
  };
}

/**
 * Split an example's docs at the reference's sentence boundaries (spaCy's
 * `Example.split_sents`): each reference sentence and the predicted tokens
 * aligned to it become a pair of new docs; without boundaries, the pair is
 * returned as is.
 *
 * @param predicted the predicted doc
 * @param reference the reference doc
 * @param y2x the alignment from reference to predicted tokens
 * @returns `[predicted, reference]` pairs
 */
export function splitSentDocs(
  predicted: Doc,
  reference: Doc,
  y2x: AlignmentArray,
): [Doc, Doc][] {
  if (!reference.hasAnnotation("SENT_START")) return [[predicted, reference]];
  const seen = new Set<number>();
  const out: [Doc, Doc][] = [];
  for (const sent of reference.sents) {
    const xs: number[] = [];
    for (let i = sent.start; i < sent.end; i++) {
      for (const j of y2x.get(i)) if (!seen.has(j)) xs.push(j);
    }
    if (xs.length === 0) continue;
    out.push([spanAsDoc(predicted.span(xs[0]!, xs.at(-1)! + 1)), spanAsDoc(sent)]);
    for (const j of xs) seen.add(j);
  }
  return out;
}
