/**
 * Copying a span into a new `Doc` (spaCy's `Span.as_doc`).
 *
 * @module
 */
import { Doc } from "./doc.ts";
import { Span } from "./span.ts";

/**
 * Copy a span's tokens and annotations into a new doc. Heads that point outside
 * the span become roots; entities cut by the span start anew; span groups keep
 * the spans that lie inside.
 *
 * @param span the span to copy
 * @returns a new doc sharing the vocabulary
 * @example Entities cut by the span
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, spanAsDoc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b", "c"], ents: ["B-X", "I-X", "O"] });
 * const part = spanAsDoc(doc.span(1, 3));
 * assert.equal(part.text, "b c ");
 * assert.deepEqual(part.ents.map((e) => [e.start, e.end, e.label]), [[0, 1, "X"]]);
 * ```
 */
export function spanAsDoc(span: Span): Doc {
  const src = span.doc;
  const { start, end } = span;
  const doc = new Doc(src.vocab, {
    words: span.words,
    spaces: [...src.cols.spaces.subarray(start, end)].map(Boolean),
  });
  const s = src.cols;
  const d = doc.cols;
  for (
    const key of ["tag", "pos", "morph", "lemma", "norm", "dep", "entType", "entKbId"] as const
  ) {
    d[key].set(s[key].subarray(start, end));
  }
  d.entIob.set(s.entIob.subarray(start, end));
  d.sentStart.set(s.sentStart.subarray(start, end));
  for (let i = start; i < end; i++) {
    const h = i + s.head[i]!;
    d.head[i - start] = h >= start && h < end ? s.head[i]! : 0;
  }
  if (d.entIob[0] === 1) d.entIob[0] = 3;
  if (doc.length > 0 && d.sentStart[0] !== 0) d.sentStart[0] = 1;
  doc.syncSentStartsFromHeads();
  doc.cats = { ...src.cats };
  doc.hasUnknownSpaces = src.hasUnknownSpaces;
  for (const [key, group] of src.spans) {
    doc.spans.set(
      key,
      group.filter((g) => g.start >= start && g.end <= end)
        .map((g) => new Span(doc, g.start - start, g.end - start, g.label, g.kbId)),
    );
  }
  return doc;
}
