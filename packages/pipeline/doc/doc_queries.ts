/**
 * Read-only queries over a `Doc`'s columns: character spans, annotation
 * presence and sentence boundaries.
 *
 * @module
 */
import type { Doc } from "./doc.ts";

/** How a character range snaps to token boundaries (spaCy's `alignment_mode`). */
export type CharSpanMode = "strict" | "contract" | "expand";

/**
 * The token range covering a character range under an alignment mode, or
 * null where none matches.
 *
 * @param doc the doc
 * @param startChar start offset in `doc.text`
 * @param endChar end offset
 * @param mode `"strict"`: exact token boundaries; `"contract"`: tokens inside;
 *   `"expand"`: tokens that overlap
 * @returns `[start, end]` token indices, or null
 */
export function charSpanBounds(
  doc: Doc,
  startChar: number,
  endChar: number,
  mode: CharSpanMode,
): [number, number] | null {
  const { idx } = doc.cols;
  let start = -1;
  let end = -1;
  for (let i = 0; i < doc.length; i++) {
    const s = idx[i]!;
    const e = s + doc.lexemes[i]!.text.length;
    const startsIn = mode === "strict"
      ? s === startChar
      : mode === "contract"
      ? s >= startChar
      : e > startChar;
    const endsIn = mode === "strict"
      ? e === endChar
      : mode === "contract"
      ? e <= endChar
      : s < endChar;
    if (start < 0 && startsIn) start = i;
    if (endsIn) end = i + 1;
  }
  return start < 0 || end <= start ? null : [start, end];
}

/**
 * Whether any (or every) token has an annotation (spaCy's `has_annotation`).
 *
 * @param doc the doc
 * @param attr `"TAG"`, `"POS"`, `"MORPH"`, `"LEMMA"`, `"DEP"`/`"HEAD"`,
 *   `"SENT_START"`, `"ENT_IOB"`/`"ENT_TYPE"`
 * @param requireComplete whether every token must have it
 * @returns true when present
 * @throws {RangeError} for other attributes
 */
export function docHasAnnotation(doc: Doc, attr: string, requireComplete: boolean): boolean {
  if (doc.length === 0) return true;
  const a = attr.toUpperCase();
  const c = doc.cols;
  let col: ArrayLike<number>;
  let from = 0;
  if (a === "SENT_START" || a === "IS_SENT_START") {
    if (doc.length === 1) return true;
    col = c.sentStart;
    from = 1;
  } else if (a === "HEAD" || a === "DEP") col = c.dep;
  else if (a === "ENT_IOB") col = c.entIob;
  else if (a === "ENT_TYPE") col = c.entType;
  else if (a === "TAG" || a === "POS" || a === "MORPH" || a === "LEMMA") {
    col = c[a.toLowerCase() as "tag"];
  } else throw new RangeError(`hasAnnotation(): unsupported attribute "${attr}"`);
  for (let i = from; i < doc.length; i++) {
    if ((col[i] !== 0) !== requireComplete) return !requireComplete;
  }
  return requireComplete;
}

/**
 * The sentence boundaries of a doc as `[start, end]` token ranges.
 *
 * @param doc the doc
 * @returns the ranges
 * @throws {RangeError} when the doc has no sentence boundaries
 */
export function sentenceBounds(doc: Doc): [number, number][] {
  if (!docHasAnnotation(doc, "SENT_START", false)) {
    throw new RangeError("Doc has no sentence boundaries: sentence starts or a parse are needed");
  }
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i < doc.length; i++) {
    if (doc.cols.sentStart[i] === 1) {
      out.push([start, i]);
      start = i;
    }
  }
  if (doc.length > 0) out.push([start, doc.length]);
  return out;
}
