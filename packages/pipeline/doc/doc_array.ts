/**
 * `Doc.toArray` / `Doc.fromArray`: token attributes as uint32 matrices.
 *
 * @module
 */
import { type AttrId, attrId, ATTRS } from "@weft/types";
import type { Doc } from "./doc.ts";

const STRING_COLUMNS = {
  [ATTRS.TAG]: "tag",
  [ATTRS.POS]: "pos",
  [ATTRS.MORPH]: "morph",
  [ATTRS.LEMMA]: "lemma",
  [ATTRS.DEP]: "dep",
  [ATTRS.ENT_TYPE]: "entType",
} as const;

function resolve(attrs: readonly (AttrId | string)[]): number[] {
  return attrs.map((a) => (typeof a === "number" ? a : attrId(a)));
}

/**
 * Token attributes as a row-major uint32 matrix (see `Doc.toArray`).
 *
 * @param doc the document
 * @param attrs attribute ids or names
 * @returns `[doc.length, attrs.length]` values
 * @throws {RangeError} for unsupported attributes
 * @example Relative heads as uint32
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab, docToArray } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b"], heads: [1, 1], deps: ["det", "ROOT"] });
 * assert.deepEqual([...docToArray(doc, ["HEAD"])], [1, 0]);
 * ```
 */
export function docToArray(doc: Doc, attrs: readonly (AttrId | string)[]): Uint32Array {
  const ids = resolve(attrs);
  const n = doc.length;
  const w = ids.length;
  const out = new Uint32Array(n * w);
  const strings = doc.vocab.strings;
  const c = doc.cols;
  ids.forEach((id, k) => {
    const stringCol = STRING_COLUMNS[id as keyof typeof STRING_COLUMNS];
    for (let i = 0; i < n; i++) {
      const lex = doc.lexemes[i]!;
      let v: number;
      if (stringCol !== undefined) v = strings.lowOfSlot(c[stringCol][i]!);
      else if (id < 32) v = lex.flag(id) ? 1 : 0;
      else {
        switch (id) {
          case ATTRS.ORTH:
            v = strings.lowOfSlot(lex.orth);
            break;
          case ATTRS.LOWER:
            v = strings.lowOfSlot(lex.lower);
            break;
          case ATTRS.NORM:
            v = strings.lowOfSlot(c.norm[i] === 0 ? lex.norm : c.norm[i]!);
            break;
          case ATTRS.SHAPE:
            v = strings.lowOfSlot(lex.shape);
            break;
          case ATTRS.PREFIX:
            v = strings.lowOfSlot(lex.prefix);
            break;
          case ATTRS.SUFFIX:
            v = strings.lowOfSlot(lex.suffix);
            break;
          case ATTRS.LENGTH:
            v = lex.length;
            break;
          case ATTRS.ID:
            v = lex.id;
            break;
          case ATTRS.HEAD:
            v = c.head[i]! >>> 0;
            break;
          case ATTRS.SENT_START:
            v = (i === 0 && doc.hasAnnotation("SENT_START") ? 1 : c.sentStart[i]!) >>> 0;
            break;
          case ATTRS.ENT_IOB:
            v = c.entIob[i]!;
            break;
          case ATTRS.SPACY:
            v = c.spaces[i]!;
            break;
          case ATTRS.IDX:
            v = c.idx[i]!;
            break;
          case ATTRS.LANG:
            v = Number(doc.vocab.strings.key(doc.vocab.lang) & 0xffffffffn);
            break;
          default:
            throw new RangeError(`toArray(): unsupported attribute id ${id}`);
        }
      }
      out[i * w + k] = v;
    }
  });
  return out;
}

/**
 * Set token annotations from a row-major matrix (see `Doc.fromArray`). String
 * values are low key words, resolved through the doc's string store.
 *
 * @param doc the document
 * @param attrs attribute ids or names
 * @param values `[doc.length, attrs.length]` values
 * @throws {RangeError} for wrong sizes, unsupported attributes, or unknown strings
 * @example Copy tags between docs
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab, docFromArray } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const a = new Doc(vocab, { words: ["x", "y"], tags: ["A", "B"] });
 * const b = new Doc(vocab, { words: ["x", "y"] });
 * docFromArray(b, ["TAG"], a.toArray(["TAG"]));
 * assert.equal(b.token(1).tag, "B");
 * ```
 */
export function docFromArray(
  doc: Doc,
  attrs: readonly (AttrId | string)[],
  values: Uint32Array | Int32Array,
): void {
  const ids = resolve(attrs);
  const n = doc.length;
  const w = ids.length;
  if (values.length !== n * w) {
    throw new RangeError(
      `fromArray(): expected ${
        n * w
      } values for ${n} tokens and ${w} attributes, got ${values.length}`,
    );
  }
  const strings = doc.vocab.strings;
  const c = doc.cols;
  let headsChanged = false;
  ids.forEach((id, k) => {
    const stringCol = id === ATTRS.NORM
      ? "norm"
      : STRING_COLUMNS[id as keyof typeof STRING_COLUMNS];
    for (let i = 0; i < n; i++) {
      const v = values[i * w + k]!;
      if (stringCol !== undefined) {
        const slot = strings.slotOfLow(v >>> 0);
        if (slot < 0) {
          throw new RangeError(`fromArray(): no string with key low word ${v >>> 0} (token ${i})`);
        }
        c[stringCol][i] = slot;
      } else if (id === ATTRS.HEAD) {
        const h = v | 0;
        if (i + h < 0 || i + h >= n) {
          throw new RangeError(`fromArray(): head offset ${h} of token ${i} is out of range`);
        }
        c.head[i] = h;
        headsChanged = true;
      } else if (id === ATTRS.SENT_START) c.sentStart[i] = v | 0;
      else if (id === ATTRS.ENT_IOB) c.entIob[i] = v;
      else throw new RangeError(`fromArray(): attribute id ${id} cannot be set`);
    }
    if (id === ATTRS.DEP) headsChanged = true;
  });
  if (headsChanged && !ids.includes(ATTRS.SENT_START)) doc.syncSentStartsFromHeads();
}
