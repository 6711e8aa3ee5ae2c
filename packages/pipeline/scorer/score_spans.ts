/**
 * Span scores: labelled spans (`sents`, span groups) and named entities.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import type { Span } from "../doc/span.ts";
import type { Example } from "../gold/example.ts";
import { type PRF, PRFScore } from "./prf.ts";

/** Reads the spans of a doc for an attribute. */
export type SpanGetter = (doc: Doc, attr: string) => readonly Span[];

/** The default span getter: `sents`, `ents`, or the span group named `attr`. */
export const defaultSpanGetter: SpanGetter = (doc: Doc, attr: string): readonly Span[] => {
  if (attr === "sents") return doc.sents;
  if (attr === "ents") return doc.ents;
  return doc.spans.get(attr) ?? [];
};

/** Options of {@linkcode scoreSpans}. */
export interface ScoreSpansOptions {
  /** Reads the spans (default: {@linkcode defaultSpanGetter}). */
  getter?: SpanGetter;
  /** Docs without annotation are skipped (reference) or count no predictions (predicted). */
  hasAnnotation?: ((doc: Doc) => boolean) | null;
  /** Whether labels must match (default true). */
  labeled?: boolean;
  /** Whether aligned predicted spans may overlap (default false). */
  allowOverlap?: boolean;
}

/**
 * spaCy's `score_spans`: `<attr>_p/r/f` and, when labelled, `<attr>_per_type`.
 *
 * @param examples the examples
 * @param attr the span attribute (`"sents"`, `"ents"`, or a span group key)
 * @param options getter, annotation check, labelling and overlap
 * @returns the scores (null when nothing was scored)
 * @example Sentence boundaries
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreSpans } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["a", "b", "c"], sentStarts: [true, false, true] });
 * const eg = Example.fromDict(pred, { sent_starts: [1, 0, 0] });
 * const s = scoreSpans([eg], "sents");
 * assert.equal(s.sents_p, 0);
 * assert.equal(s.sents_r, 0);
 * ```
 */
export function scoreSpans(
  examples: Iterable<Example>,
  attr: string,
  options: ScoreSpansOptions = {},
): Record<string, number | Record<string, PRF> | null> {
  const get = options.getter ?? defaultSpanGetter;
  const has = options.hasAnnotation ?? null;
  const labeled = options.labeled ?? true;
  const score = new PRFScore();
  const perType = new Map<string, PRFScore>();
  const key = (
    s: Span,
  ) => (labeled ? `${s.label}\u0000${s.start}\u0000${s.end - 1}` : `${s.start}\u0000${s.end - 1}`);
  for (const eg of examples) {
    const pred = eg.predicted;
    const gold = eg.reference;
    if (has && !has(gold)) continue;
    const goldSpans = get(gold, attr);
    const predHas = !has || has(pred);
    const predSpans = predHas ? get(pred, attr) : [];
    const labels = new Set([...goldSpans, ...predSpans].map((s) => s.label));
    const goldPer = new Map([...labels].map((l) => [l, new Set<string>()]));
    const predPer = new Map([...labels].map((l) => [l, new Set<string>()]));
    for (const l of labels) if (!perType.has(l)) perType.set(l, new PRFScore());
    const goldSet = new Set<string>();
    for (const s of goldSpans) {
      goldSet.add(key(s));
      goldPer.get(s.label)!.add(key(s));
    }
    const predSet = new Set<string>();
    if (predHas) {
      for (const s of eg.getAlignedSpansX2Y(predSpans, options.allowOverlap ?? false)) {
        predSet.add(key(s));
        predPer.get(s.label)!.add(key(s));
      }
    }
    if (labeled) {
      for (const [label, prf] of perType) {
        if (predPer.has(label)) prf.scoreSet(predPer.get(label)!, goldPer.get(label)!);
      }
    }
    score.scoreSet(predSet, goldSet);
  }
  const out: Record<string, number | Record<string, PRF> | null> = {
    [`${attr}_p`]: null,
    [`${attr}_r`]: null,
    [`${attr}_f`]: null,
  };
  if (labeled) out[`${attr}_per_type`] = null;
  if (score.length > 0) {
    out[`${attr}_p`] = score.precision;
    out[`${attr}_r`] = score.recall;
    out[`${attr}_f`] = score.fscore;
    if (labeled) {
      out[`${attr}_per_type`] = Object.fromEntries([...perType].map(([k, v]) => [k, v.toDict()]));
    }
  }
  return out;
}

/**
 * spaCy's `get_ner_prf`: `ents_p/r/f` and `ents_per_type`. A predicted entity
 * counts only where every reference token it covers has entity annotation.
 *
 * @param examples the examples
 * @returns the scores (null when nothing was scored)
 * @example One right, one wrong label
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab, scoreEnts } from "@weft/pipeline";
 * const pred = new Doc(new Vocab(), { words: ["Ann", "in", "Rome"], ents: ["U-PER", "O", "U-ORG"] });
 * const eg = Example.fromDict(pred, { entities: ["U-PER", "O", "U-LOC"] });
 * const s = scoreEnts([eg]);
 * assert.equal(s.ents_p, 0.5);
 * assert.equal(s.ents_r, 0.5);
 * ```
 */
export function scoreEnts(
  examples: Iterable<Example>,
): Record<string, number | Record<string, PRF> | null> {
  const perType = new Map<string, PRFScore>();
  const prf = (label: string) => {
    if (!perType.has(label)) perType.set(label, new PRFScore());
    return perType.get(label)!;
  };
  for (const eg of examples) {
    if (!eg.reference.hasAnnotation("ENT_IOB")) continue;
    const golds = new Map(
      eg.reference.ents.map((e) => [`${e.label}\u0000${e.start}\u0000${e.end}`, e.label]),
    );
    const { x2y } = eg.alignment;
    for (const ent of eg.predicted.ents) {
      const score = prf(ent.label);
      const idx: number[] = [];
      for (let i = ent.start; i < ent.end; i++) idx.push(...x2y.get(i));
      if (idx.length === 0) continue;
      const first = idx[0]!;
      const last = idx.at(-1)!;
      let annotated = true;
      for (let i = first; i <= last; i++) if (eg.reference.cols.entIob[i] === 0) annotated = false;
      if (!annotated) continue;
      const k = `${ent.label}\u0000${first}\u0000${last + 1}`;
      if (golds.has(k)) {
        score.tp++;
        golds.delete(k);
      } else score.fp++;
    }
    for (const label of golds.values()) prf(label).fn++;
  }
  const totals = new PRFScore();
  for (const s of perType.values()) {
    totals.tp += s.tp;
    totals.fp += s.fp;
    totals.fn += s.fn;
  }
  if (totals.length === 0) return { ents_p: null, ents_r: null, ents_f: null, ents_per_type: null };
  return {
    ents_p: totals.precision,
    ents_r: totals.recall,
    ents_f: totals.fscore,
    ents_per_type: Object.fromEntries([...perType].map(([k, v]) => [k, v.toDict()])),
  };
}
