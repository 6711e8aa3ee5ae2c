/**
 * One doc of a `DocBin` as stored: token columns index the file's string
 * table, and only annotated columns are kept.
 *
 * @module
 */
import { Doc } from "../doc/doc.ts";
import { Span } from "../doc/span.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { fromBytesLE, toBytesLE } from "./bytes.ts";

/** The string-valued columns, stored as indices into the file's string table. */
export const STRING_COLS = [
  "tag",
  "pos",
  "morph",
  "lemma",
  "norm",
  "dep",
  "entType",
  "entKbId",
] as const;

/** One encoded doc: columns index the file's string table. */
export interface DocRecordBin {
  /** The number of tokens. */
  n: number;
  /** Token texts as uint32 string indices (little-endian bytes). */
  orth: Uint8Array;
  /** Trailing-space flags, one byte per token. */
  spaces: Uint8Array;
  /** The annotated columns, by `DocColumns` name. */
  cols?: Record<string, Uint8Array>;
  /** Text categories. */
  cats?: Record<string, number>;
  /** Span groups: int32 `[start, end, label, kbId]` per span. */
  spans?: Record<string, Uint8Array>;
  /** User data, when stored. */
  user?: Record<string, unknown>;
  /** Set when the doc's trailing spaces are unknown. */
  unknownSpaces?: boolean;
}

/**
 * Encode a doc, interning its strings into the file's string table.
 *
 * @param doc the doc
 * @param intern returns a string's index in the file's table
 * @param storeUserData whether to keep `userData`
 * @returns the record
 */
export function encodeDoc(
  doc: Doc,
  intern: (s: string) => number,
  storeUserData: boolean,
): DocRecordBin {
  const local = (slot: number) => intern(doc.str(slot));
  const n = doc.length;
  const orth = Uint32Array.from(doc.lexemes, (l) => intern(l.text));
  const cols: Record<string, Uint8Array> = {};
  const c = doc.cols;
  for (const key of STRING_COLS) {
    if (c[key].some((v) => v !== 0)) cols[key] = toBytesLE(Uint32Array.from(c[key], local));
  }
  if (c.dep.some((v) => v !== 0) || c.head.some((v) => v !== 0)) {
    cols.head = toBytesLE(c.head.slice());
  }
  if (c.sentStart.some((v) => v !== 0)) cols.sentStart = toBytesLE(c.sentStart.slice());
  if (c.entIob.some((v) => v !== 0)) cols.entIob = c.entIob.slice();
  const rec: DocRecordBin = { n, orth: toBytesLE(orth), spaces: c.spaces.slice(), cols };
  if (Object.keys(doc.cats).length > 0) rec.cats = { ...doc.cats };
  if (doc.spans.size > 0) {
    rec.spans = {};
    for (const [key, group] of doc.spans) {
      const flat = new Int32Array(group.length * 4);
      group.forEach((s, i) => flat.set([s.start, s.end, intern(s.label), intern(s.kbId)], i * 4));
      rec.spans[key] = toBytesLE(flat);
    }
  }
  if (storeUserData && doc.userData.size > 0) rec.user = Object.fromEntries(doc.userData);
  if (doc.hasUnknownSpaces) rec.unknownSpaces = true;
  return rec;
}

/**
 * Rebuild a doc from its record.
 *
 * @param vocab the vocabulary to build it in
 * @param rec the record
 * @param strings the file's string table
 * @param slot maps a file string index to the vocabulary's string-store slot
 * @returns the doc
 */
export function decodeDoc(
  vocab: Vocab,
  rec: DocRecordBin,
  strings: readonly string[],
  slot: (i: number) => number,
): Doc {
  const orth = fromBytesLE(rec.orth, "u32");
  const doc = new Doc(vocab, {
    words: Array.from(orth, (i) => strings[i]!),
    spaces: Array.from(rec.spaces, Boolean),
  });
  const c = doc.cols;
  const cols = rec.cols ?? {};
  for (const key of STRING_COLS) {
    const bytes = cols[key];
    if (bytes) {
      c[key].set(
        fromBytesLE(bytes, "u32").map(slot),
      );
    }
  }
  if (cols.head) c.head.set(fromBytesLE(cols.head, "i32"));
  if (cols.sentStart) c.sentStart.set(fromBytesLE(cols.sentStart, "i8"));
  if (cols.entIob) c.entIob.set(cols.entIob);
  if (rec.cats) doc.cats = { ...rec.cats };
  for (const [key, bytes] of Object.entries(rec.spans ?? {})) {
    const flat = fromBytesLE(bytes, "i32");
    const group: Span[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      group.push(
        new Span(
          doc,
          flat[i]!,
          flat[i + 1]!,
          strings[flat[i + 2]!]!,
          strings[flat[i + 3]!]!,
        ),
      );
    }
    doc.spans.set(key, group);
  }
  for (const [k, v] of Object.entries(rec.user ?? {})) doc.userData.set(k, v);
  doc.hasUnknownSpaces = rec.unknownSpaces === true;
  return doc;
}
