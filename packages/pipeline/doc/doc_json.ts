/**
 * A `Doc` as JSON in spaCy's `Doc.to_json` layout, and back.
 *
 * @module
 */
import type { Vocab } from "../vocab/vocab.ts";
import { Doc } from "./doc.ts";
import { Span } from "./span.ts";

/** One token in {@linkcode DocJSON}: character offsets plus annotations present. */
export interface TokenJSON {
  /** Token index. */
  id: number;
  /** Start offset. */
  start: number;
  /** End offset. */
  end: number;
  /** Fine-grained tag. */
  tag?: string;
  /** Universal POS. */
  pos?: string;
  /** Morphological features. */
  morph?: string;
  /** Lemma. */
  lemma?: string;
  /** Dependency label. */
  dep?: string;
  /** Absolute head index. */
  head?: number;
}

/** A character-offset span in {@linkcode DocJSON}. */
export interface SpanJSON {
  /** Start offset. */
  start: number;
  /** End offset. */
  end: number;
  /** Label. */
  label?: string;
  /** Knowledge-base id. */
  kb_id?: string;
}

/** spaCy's `Doc.to_json` layout. */
export interface DocJSON {
  /** The text. */
  text: string;
  /** The tokens. */
  tokens: TokenJSON[];
  /** Entities, where the doc has entity annotation. */
  ents?: SpanJSON[];
  /** Sentences, where the doc has sentence boundaries. */
  sents?: SpanJSON[];
  /** Categories. */
  cats?: Record<string, number>;
  /** Span groups. */
  spans?: Record<string, SpanJSON[]>;
}

const spanJSON = (s: Span): SpanJSON => {
  const out: SpanJSON = { start: s.startChar, end: s.endChar };
  if (s.label !== "") out.label = s.label;
  if (s.kbId !== "") out.kb_id = s.kbId;
  return out;
};

/**
 * Serialize a doc in spaCy's `Doc.to_json` layout (annotations only where present).
 *
 * @param doc the document
 * @returns its JSON
 * @example Round trip through JSON
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, docFromJSON, docToJSON, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const doc = new Doc(vocab, { words: ["Hi", "Bo", "!"], spaces: [true, false, false], tags: ["UH", "NNP", "."] });
 * const json = docToJSON(doc);
 * assert.equal(json.tokens[1]!.tag, "NNP");
 * assert.deepEqual(docToJSON(docFromJSON(vocab, json)), json);
 * ```
 */
export function docToJSON(doc: Doc): DocJSON {
  const has = (a: string) => doc.length > 0 && doc.hasAnnotation(a);
  const [tag, pos, morph, lemma, dep] = ["TAG", "POS", "MORPH", "LEMMA", "DEP"].map(has);
  const tokens = [...doc].map((t): TokenJSON => {
    const out: TokenJSON = { id: t.i, start: t.idx, end: t.idx + t.text.length };
    if (tag) out.tag = t.tag;
    if (pos) out.pos = t.pos;
    if (morph) out.morph = t.morph;
    if (lemma) out.lemma = t.lemma;
    if (dep) {
      out.dep = t.dep;
      out.head = t.head.i;
    }
    return out;
  });
  const json: DocJSON = { text: doc.text, tokens };
  if (has("ENT_IOB")) json.ents = doc.ents.map(spanJSON);
  if (has("SENT_START")) json.sents = doc.sents.map(spanJSON);
  if (Object.keys(doc.cats).length > 0) json.cats = { ...doc.cats };
  if (doc.spans.size > 0) {
    json.spans = Object.fromEntries([...doc.spans].map(([k, v]) => [k, v.map(spanJSON)]));
  }
  return json;
}

/**
 * Rebuild a doc from {@linkcode docToJSON} output (or spaCy's `Doc.to_json`).
 *
 * @param vocab the vocabulary
 * @param json the JSON
 * @returns the document
 * @throws {RangeError} when spans do not match token boundaries
 * @example Reading spaCy's Doc.to_json output
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vocab, docFromJSON } from "@weft/pipeline";
 * const doc = docFromJSON(new Vocab(), {
 *   text: "Hi Ann",
 *   tokens: [{ id: 0, start: 0, end: 2 }, { id: 1, start: 3, end: 6 }],
 *   ents: [{ start: 3, end: 6, label: "PER" }],
 * });
 * assert.equal(doc.ents[0]!.label, "PER");
 * ```
 */
export function docFromJSON(vocab: Vocab, json: DocJSON): Doc {
  const { text, tokens } = json;
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const spaces = tokens.map((t, i) => {
    const next = tokens[i + 1]?.start ?? text.length;
    return next > t.end && text[t.end] === " ";
  });
  const pick = <K extends keyof TokenJSON>(k: K) =>
    tokens.some((t) => t[k] !== undefined) ? tokens.map((t) => t[k] ?? null) : undefined;
  const tags = pick("tag") as (string | null)[] | undefined;
  const pos = pick("pos") as (string | null)[] | undefined;
  const morphs = pick("morph") as (string | null)[] | undefined;
  const lemmas = pick("lemma") as (string | null)[] | undefined;
  const deps = pick("dep") as (string | null)[] | undefined;
  const heads = pick("head") as (number | null)[] | undefined;
  const sentStarts = json.sents && !deps
    ? tokens.map((t) => json.sents!.some((s) => s.start === t.start))
    : undefined;
  const doc = new Doc(vocab, {
    words,
    spaces,
    ...(tags ? { tags } : {}),
    ...(pos ? { pos } : {}),
    ...(morphs ? { morphs } : {}),
    ...(lemmas ? { lemmas } : {}),
    ...(deps && heads ? { deps, heads } : {}),
    ...(sentStarts ? { sentStarts } : {}),
  });
  const toSpan = (s: SpanJSON, what: string): Span => {
    const span = doc.charSpan(s.start, s.end, { label: s.label ?? "" });
    if (!span) {
      throw new RangeError(
        `docFromJSON(): ${what} [${s.start}, ${s.end}) does not match token boundaries`,
      );
    }
    return s.kb_id ? new Span(doc, span.start, span.end, span.label, s.kb_id) : span;
  };
  if (json.ents) doc.ents = json.ents.map((s) => toSpan(s, "entity"));
  if (json.cats) doc.cats = { ...json.cats };
  for (const [key, group] of Object.entries(json.spans ?? {})) {
    doc.spans.set(key, group.map((s) => toSpan(s, `span in group "${key}"`)));
  }
  return doc;
}
