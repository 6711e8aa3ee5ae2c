/**
 * A small `DocLike` for tests: tokens are strings, string attributes are FNV-1a
 * hashes of simply computed forms (NORM = LOWER = lower case, PREFIX = first
 * character, SUFFIX = last three, SHAPE = spaCy-like shape), and an optional
 * vectors table keyed by ORTH.
 *
 * @module
 */
import {
  type AttrId,
  ATTRS,
  type DocLike,
  type Floats2d,
  LOWER,
  NORM,
  ORTH,
  PREFIX,
  SHAPE,
  SUFFIX,
  type VectorsLike,
} from "@weft/types";

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** spaCy's word shape: letters to x/X, digits to d, runs capped at four. */
export function wordShape(text: string): string {
  let out = "";
  let last = "";
  let run = 0;
  for (const ch of text) {
    let c: string;
    if (/[A-Z]/.test(ch)) c = "X";
    else if (/[a-z]/.test(ch)) c = "x";
    else if (/[0-9]/.test(ch)) c = "d";
    else c = ch;
    run = c === last ? run + 1 : 0;
    last = c;
    if (run < 4) out += c;
  }
  return out;
}

function attrString(word: string, attr: AttrId): string {
  switch (attr) {
    case ORTH:
      return word;
    case LOWER:
    case NORM:
      return word.toLowerCase();
    case PREFIX:
      return word.slice(0, 1);
    case SUFFIX:
      return word.slice(-3);
    case SHAPE:
      return wordShape(word);
    case ATTRS.ID:
      return `id:${word.toLowerCase()}`;
    default:
      throw new RangeError(`The test DocLike does not compute attribute ${attr}`);
  }
}

/** A vectors table over a fixed list of words, keyed by the ORTH hash. */
export class FakeVectors implements VectorsLike {
  readonly rows: number;
  readonly width: number;
  readonly attr: AttrId = ORTH;
  readonly data: Float32Array;
  readonly #rowOf = new Map<number, number>();

  constructor(words: readonly string[], width: number) {
    this.rows = words.length;
    this.width = width;
    this.data = new Float32Array(words.length * width);
    words.forEach((w, i) => {
      this.#rowOf.set(fnv1a(w), i);
      for (let j = 0; j < width; j++) {
        this.data[i * width + j] = Math.sin(1 + i * width + j);
      }
    });
  }

  findRows(keys: Uint32Array): Int32Array {
    return Int32Array.from(keys, (k) => this.#rowOf.get(k) ?? -1);
  }
}

/** A document of whitespace-separated tokens. */
export class FakeDoc implements DocLike {
  readonly words: readonly string[];
  readonly vectors: VectorsLike | undefined;
  /** What a tok2vec component stored (read by listeners at prediction time). */
  tensor: Floats2d | undefined;

  constructor(text: string, vectors?: VectorsLike) {
    this.words = text.split(/\s+/).filter((w) => w.length > 0);
    this.vectors = vectors;
    this.tensor = undefined;
  }

  get length(): number {
    return this.words.length;
  }

  toArray(attrs: readonly AttrId[]): Uint32Array {
    const out = new Uint32Array(this.words.length * attrs.length);
    this.words.forEach((w, i) => {
      attrs.forEach((a, j) => {
        out[i * attrs.length + j] = fnv1a(attrString(w, a));
      });
    });
    return out;
  }
}

/** Docs for the given texts, sharing an optional vectors table. */
export function makeDocs(texts: readonly string[], vectors?: VectorsLike): FakeDoc[] {
  return texts.map((t) => new FakeDoc(t, vectors));
}
