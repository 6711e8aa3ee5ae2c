/**
 * The read-only view of documents that architectures consume. `@weft/pipeline`'s
 * `Doc` and `Vocab` implement these interfaces, so `@weft/architectures` never
 * imports the pipeline.
 *
 * @module
 */

/**
 * Token attribute ids, numbered as spaCy's `spacy.attrs` numbers them so that
 * saved attribute lists mean the same thing in both.
 */
const ATTR_IDS = {
  IS_ALPHA: 1,
  IS_ASCII: 2,
  IS_DIGIT: 3,
  IS_LOWER: 4,
  IS_PUNCT: 5,
  IS_SPACE: 6,
  IS_TITLE: 7,
  IS_UPPER: 8,
  LIKE_URL: 9,
  LIKE_NUM: 10,
  LIKE_EMAIL: 11,
  IS_STOP: 12,
  IS_BRACKET: 14,
  IS_QUOTE: 15,
  IS_LEFT_PUNCT: 16,
  IS_RIGHT_PUNCT: 17,
  IS_CURRENCY: 18,
  ID: 64,
  ORTH: 65,
  LOWER: 66,
  NORM: 67,
  SHAPE: 68,
  PREFIX: 69,
  SUFFIX: 70,
  LENGTH: 71,
  CLUSTER: 72,
  LEMMA: 73,
  POS: 74,
  TAG: 75,
  DEP: 76,
  ENT_IOB: 77,
  ENT_TYPE: 78,
  HEAD: 79,
  SENT_START: 80,
  SPACY: 81,
  LANG: 83,
  MORPH: 84,
  ENT_ID: 85,
  IDX: 86,
} as const;

/**
 * Token attribute ids, numbered as spaCy's `spacy.attrs` numbers them so that
 * saved attribute lists mean the same thing in both.
 */
export const ATTRS: Readonly<Record<AttrName, number>> = Object.freeze(ATTR_IDS);

/** The name of a token attribute, as spaCy spells it (`"NORM"`, `"PREFIX"`, ...). */
export type AttrName =
  | "IS_ALPHA"
  | "IS_ASCII"
  | "IS_DIGIT"
  | "IS_LOWER"
  | "IS_PUNCT"
  | "IS_SPACE"
  | "IS_TITLE"
  | "IS_UPPER"
  | "LIKE_URL"
  | "LIKE_NUM"
  | "LIKE_EMAIL"
  | "IS_STOP"
  | "IS_BRACKET"
  | "IS_QUOTE"
  | "IS_LEFT_PUNCT"
  | "IS_RIGHT_PUNCT"
  | "IS_CURRENCY"
  | "ID"
  | "ORTH"
  | "LOWER"
  | "NORM"
  | "SHAPE"
  | "PREFIX"
  | "SUFFIX"
  | "LENGTH"
  | "CLUSTER"
  | "LEMMA"
  | "POS"
  | "TAG"
  | "DEP"
  | "ENT_IOB"
  | "ENT_TYPE"
  | "HEAD"
  | "SENT_START"
  | "SPACY"
  | "LANG"
  | "MORPH"
  | "ENT_ID"
  | "IDX";
/** The numeric id of a token attribute. */
export type AttrId = number;

/** `ORTH`: the verbatim text of a token. */
export const ORTH: AttrId = ATTRS.ORTH;
/** `LOWER`: the lower-cased text. */
export const LOWER: AttrId = ATTRS.LOWER;
/** `NORM`: the normalized form (lower case, with exceptions). */
export const NORM: AttrId = ATTRS.NORM;
/** `SHAPE`: the orthographic shape (`"Xxxx"`, `"dd"`). */
export const SHAPE: AttrId = ATTRS.SHAPE;
/** `PREFIX`: the first character(s). */
export const PREFIX: AttrId = ATTRS.PREFIX;
/** `SUFFIX`: the last three characters. */
export const SUFFIX: AttrId = ATTRS.SUFFIX;

/**
 * Look up an attribute id by its spaCy name (case-insensitive, as spaCy's
 * `intify_attr` accepts `"norm"` and `"NORM"`).
 *
 * @throws {RangeError} when the name is unknown
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { attrId, NORM } from "@weft/types";
 * assert.equal(attrId("norm"), NORM);
 * ```
 */
export function attrId(name: string): AttrId {
  const key = name.toUpperCase();
  if (!(key in ATTRS)) {
    throw new RangeError(
      `Unknown token attribute "${name}" (known: ${Object.keys(ATTRS).join(", ")})`,
    );
  }
  return ATTRS[key as AttrName];
}

/**
 * A table of static word vectors, looked up by the uint32 key of a token attribute.
 */
export interface VectorsLike {
  /** The number of rows in the table. */
  readonly rows: number;
  /** The width of each vector. */
  readonly width: number;
  /** The attribute whose ids index the table (spaCy's `vectors.attr`, usually ORTH). */
  readonly attr: AttrId;
  /** All vectors, row-major `[rows, width]`. */
  readonly data: Float32Array;
  /** The row of each key, or -1 for keys without a vector. */
  findRows(keys: Uint32Array): Int32Array;
}

/**
 * What an architecture may know about a document.
 */
export interface DocLike {
  /** The number of tokens. */
  readonly length: number;
  /** The text of each token. */
  readonly words: readonly string[];
  /**
   * Token attributes as uint32 ids, row-major `[length, attrs.length]`. String
   * attributes (NORM, PREFIX, ...) are the low 32 bits of their string-store keys.
   */
  toArray(attrs: readonly AttrId[]): Uint32Array;
  /** The vocabulary's static vectors, where it has any. */
  readonly vectors?: VectorsLike | undefined;
}
