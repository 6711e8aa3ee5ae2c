/**
 * Entity annotation on `Doc`: reading spans from IOB columns and writing them.
 *
 * @module
 */
import type { Annotations, Doc } from "./doc.ts";
import { Span } from "./span.ts";

/** What tokens outside the given entities become: `O`, missing, or unchanged. */
export type SetEntsDefault = "outside" | "missing" | "unmodified";

const B = 3;
const I = 1;
const O = 2;

/**
 * The entity spans of a doc, read from its IOB columns.
 *
 * @param doc the document
 * @returns the entities in order
 * @example IOB columns to spans
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab, entsFromIob } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b", "c"], ents: ["B-X", "I-X", "O"] });
 * assert.deepEqual(entsFromIob(doc).map((e) => e.text), ["a b"]);
 * ```
 */
export function entsFromIob(doc: Doc): Span[] {
  const { entIob, entType, entKbId } = doc.cols;
  const out: Span[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0) {
      out.push(new Span(doc, start, end, doc.str(entType[start]!), doc.str(entKbId[start]!)));
    }
    start = -1;
  };
  for (let i = 0; i < doc.length; i++) {
    const iob = entIob[i];
    if (iob === B || (iob === I && (start < 0 || entType[start] !== entType[i]))) {
      close(i);
      start = i;
    } else if (iob !== I) close(i);
  }
  close(doc.length);
  return out;
}

/**
 * Write entity spans into a doc's IOB columns.
 *
 * @param doc the document
 * @param spans non-overlapping spans with labels
 * @param fallback what other tokens become
 * @throws {RangeError} when spans overlap or belong to another doc
 * @example Unset tokens become missing
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab, setEntsFromSpans } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b"] });
 * setEntsFromSpans(doc, [doc.span(0, 1, "X")], "missing");
 * assert.deepEqual([...doc].map((t) => t.entIob), ["B", ""]);
 * ```
 */
export function setEntsFromSpans(doc: Doc, spans: readonly Span[], fallback: SetEntsDefault): void {
  const { entIob, entType, entKbId } = doc.cols;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.start < sorted[k - 1]!.end) {
      throw new RangeError(
        `Overlapping entities [${sorted[k - 1]!.start}, ${sorted[k - 1]!.end}) and [${
          sorted[k]!.start
        }, ${sorted[k]!.end})`,
      );
    }
  }
  if (fallback !== "unmodified") {
    entIob.fill(fallback === "outside" ? O : 0);
    entType.fill(0);
    entKbId.fill(0);
  }
  const strings = doc.vocab.strings;
  for (const span of sorted) {
    if (span.doc !== doc) throw new RangeError("Entity span belongs to another doc");
    const label = strings.intern(span.label);
    const kb = strings.intern(span.kbId);
    for (let i = span.start; i < span.end; i++) {
      entIob[i] = i === span.start ? B : I;
      entType[i] = label;
      entKbId[i] = kb;
    }
  }
}

/**
 * Write entity tags in IOB or BILUO form (`"B-PER"`, `"L-PER"`, `"U-LOC"`, `"O"`,
 * `""`/`"-"`/null for missing).
 *
 * @param doc the document
 * @param tags one tag per token
 * @throws {SyntaxError} for malformed tags
 * @example BILUO tags
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab, setEntsFromTags } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b"] });
 * setEntsFromTags(doc, ["U-X", "U-X"]);
 * assert.equal(doc.ents.length, 2);
 * ```
 */
export function setEntsFromTags(doc: Doc, tags: Annotations<string>): void {
  const { entIob, entType } = doc.cols;
  const strings = doc.vocab.strings;
  tags.forEach((tag, i) => {
    if (tag === null || tag === undefined || tag === "" || tag === "-") {
      entIob[i] = 0;
      entType[i] = 0;
      return;
    }
    if (tag === "O") {
      entIob[i] = O;
      entType[i] = 0;
      return;
    }
    const m = /^([BILU])-(.+)$/.exec(tag);
    if (!m) throw new SyntaxError(`Invalid entity tag "${tag}" at token ${i}`);
    const [, move, label] = m as unknown as [string, string, string];
    const slot = strings.intern(label);
    // An I/L tag that does not continue an entity of its label starts one.
    const continues = i > 0 && (entIob[i - 1] === B || entIob[i - 1] === I) &&
      entType[i - 1] === slot;
    entIob[i] = move === "B" || move === "U" || ((move === "I" || move === "L") && !continues)
      ? B
      : I;
    entType[i] = slot;
  });
}
