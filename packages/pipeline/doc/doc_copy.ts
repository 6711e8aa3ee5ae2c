/**
 * Copying a whole `Doc` (spaCy's `Doc.copy`).
 *
 * @module
 */
import { Doc } from "./doc.ts";
import { Span } from "./span.ts";

/**
 * A deep copy of a doc: same vocabulary, its own columns, cats, span groups
 * (re-pointed at the copy) and user data; the tensor is shared, as it is
 * replaced, never written into.
 *
 * @param src the doc to copy
 * @returns the copy
 */
export function copyDoc(src: Doc): Doc {
  const doc = new Doc(src.vocab, { words: src.words, spaces: [...src.cols.spaces].map(Boolean) });
  for (const key of Object.keys(src.cols) as (keyof Doc["cols"])[]) {
    doc.cols[key].set(src.cols[key]);
  }
  doc.hasUnknownSpaces = src.hasUnknownSpaces;
  doc.cats = { ...src.cats };
  doc.tensor = src.tensor;
  for (const [key, group] of src.spans) {
    doc.spans.set(key, group.map((s) => new Span(doc, s.start, s.end, s.label, s.kbId)));
  }
  for (const [key, value] of src.userData) doc.userData.set(key, value);
  return doc;
}
