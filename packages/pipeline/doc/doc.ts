/**
 * `Doc`: a tokenized text with token annotations in typed columns.
 *
 * @module
 */
import type { AttrId, DocLike, Floats2d } from "@weft/types";
import type { Lexeme } from "../vocab/lexeme.ts";
import type { Vectors } from "../vocab/vectors.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { docFromArray, docToArray } from "./doc_array.ts";
import { allocColumns, type DocColumns, type DocInit } from "./doc_columns.ts";
import { copyDoc } from "./doc_copy.ts";
import { entsFromIob, type SetEntsDefault, setEntsFromSpans } from "./doc_ents.ts";
import { fillDocAnnotations } from "./doc_init.ts";
import {
  charSpanBounds,
  type CharSpanMode,
  docHasAnnotation,
  sentenceBounds,
} from "./doc_queries.ts";
import { sentStartsFromHeads } from "./sent_starts.ts";
import { Span } from "./span.ts";
import { Token } from "./token.ts";

export type { Annotations, DocColumns, DocInit } from "./doc_columns.ts";
export type { CharSpanMode } from "./doc_queries.ts";

/**
 * A document: tokens (lexemes plus trailing-space flags) and their annotations.
 * Implements `DocLike` from `@weft/types`.
 *
 * @example Build a doc and read its views
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab({ lang: "en" }), {
 *   words: ["Hello", "Paris", "!"],
 *   spaces: [true, false, false],
 *   ents: ["O", "U-GPE", "O"],
 * });
 * assert.equal(doc.text, "Hello Paris!");
 * assert.equal(doc.ents[0]!.text, "Paris");
 * assert.equal(doc.token(1).entType, "GPE");
 * ```
 */
export class Doc implements DocLike {
  /** The vocabulary. */
  readonly vocab: Vocab;
  /** The lexeme of each token. */
  readonly lexemes: readonly Lexeme[];
  /** The annotation columns. */
  readonly cols: DocColumns;
  /** The text, tokens joined with their trailing spaces. */
  readonly text: string;
  /**
   * Whether the doc was made from words without trailing-space flags (so its
   * text is a guess); tokenization scores skip such references, as in spaCy.
   */
  hasUnknownSpaces: boolean;
  /** Document categories (text classification), label → score. */
  cats: Record<string, number> = {};
  #spans: Map<string, Span[]> | undefined;
  #userData: Map<string, unknown> | undefined;
  /** Context vectors `[length, width]` set by a tok2vec component. */
  tensor: Floats2d | undefined = undefined;

  /**
   * Create a document from words and optional annotations.
   *
   * @param vocab the vocabulary
   * @param init words, spaces and annotations
   * @throws {RangeError} when annotation lengths differ from the words, a POS is
   *   not a Universal POS tag, heads are out of range, or heads come without deps
   */
  constructor(vocab: Vocab, init: DocInit) {
    const n = init.words.length;
    for (const [name, values] of Object.entries(init)) {
      if (name !== "words" && values !== undefined && (values as unknown[]).length !== n) {
        throw new RangeError(
          `Doc: "${name}" has ${(values as unknown[]).length} values for ${n} words`,
        );
      }
    }
    this.vocab = vocab;
    this.lexemes = init.words.map((w) => {
      if (w === "") throw new RangeError("Doc: words must not be empty strings");
      return vocab.get(w);
    });
    this.cols = allocColumns(n);
    const { spaces, idx } = this.cols;
    let text = "";
    for (let i = 0; i < n; i++) {
      spaces[i] = init.spaces === undefined || init.spaces[i] ? 1 : 0;
      idx[i] = text.length;
      text += init.words[i]! + (spaces[i] ? " " : "");
    }
    this.text = text;
    this.hasUnknownSpaces = init.spaces === undefined;
    fillDocAnnotations(this, init);
  }

  /** Named groups of spans (spaCy's `doc.spans`). */
  get spans(): Map<string, Span[]> {
    return (this.#spans ??= new Map());
  }

  /** Free-form extension data. */
  get userData(): Map<string, unknown> {
    return (this.#userData ??= new Map());
  }

  /** The number of tokens. */
  get length(): number {
    return this.lexemes.length;
  }

  /** The token texts (a new array each call). */
  get words(): string[] {
    return this.lexemes.map((l) => l.text);
  }

  /** The vocabulary's static vectors. */
  get vectors(): Vectors {
    return this.vocab.vectors;
  }

  /**
   * The token at an index (negative indices count from the end).
   *
   * @param i the index
   * @returns a token view
   * @throws {RangeError} when out of range
   */
  token(i: number): Token {
    const j = i < 0 ? this.length + i : i;
    if (j < 0 || j >= this.length) {
      throw new RangeError(`Token index ${i} out of range for ${this.length} tokens`);
    }
    return new Token(this, j);
  }

  /** Iterate over the tokens. */
  *[Symbol.iterator](): IterableIterator<Token> {
    for (let i = 0; i < this.length; i++) yield new Token(this, i);
  }

  /**
   * A span of tokens.
   *
   * @param start first token index
   * @param end index after the last token
   * @param label an optional label
   * @returns the span
   */
  span(start: number, end: number, label = ""): Span {
    return new Span(this, start, end, label);
  }

  /**
   * The span covering a character range, or null where it does not match token
   * boundaries under the alignment mode.
   *
   * @param startChar start offset in `text`
   * @param endChar end offset
   * @param options label and `alignmentMode`: `"strict"` (default), `"contract"` or `"expand"`
   * @returns the span, or null
   */
  charSpan(
    startChar: number,
    endChar: number,
    options: { label?: string; alignmentMode?: CharSpanMode } = {},
  ): Span | null {
    const mode = options.alignmentMode ?? "strict";
    const bounds = charSpanBounds(this, startChar, endChar, mode);
    return bounds && new Span(this, bounds[0], bounds[1], options.label ?? "");
  }

  /** The named entities, from the entity IOB columns. */
  get ents(): Span[] {
    return entsFromIob(this);
  }
  set ents(spans: readonly Span[]) {
    setEntsFromSpans(this, spans, "outside");
  }

  /**
   * Set entities, choosing what tokens outside them become.
   *
   * @param spans non-overlapping entity spans
   * @param options `default`: `"outside"` (O), `"missing"`, or `"unmodified"`
   * @throws {RangeError} when spans overlap
   */
  setEnts(spans: readonly Span[], options: { default?: SetEntsDefault } = {}): void {
    setEntsFromSpans(this, spans, options.default ?? "outside");
  }

  /**
   * The sentences.
   *
   * @throws {RangeError} when the doc has no sentence boundaries (set them, parse, or
   *   add a sentencizer)
   */
  get sents(): Span[] {
    return sentenceBounds(this).map(([start, end]) => new Span(this, start, end));
  }

  /**
   * Whether any token has an annotation (spaCy's `has_annotation`).
   *
   * @param attr `"TAG"`, `"POS"`, `"MORPH"`, `"LEMMA"`, `"DEP"`/`"HEAD"`,
   *   `"SENT_START"`, `"ENT_IOB"`/`"ENT_TYPE"`
   * @param requireComplete whether every token must have it
   * @returns true when present
   * @throws {RangeError} for other attributes
   */
  hasAnnotation(attr: string, requireComplete = false): boolean {
    return docHasAnnotation(this, attr, requireComplete);
  }

  /**
   * Token attributes as uint32 ids, row-major `[length, attrs.length]`: string
   * attributes as the low 32 bits of their keys, HEAD as the relative offset and
   * SENT_START as 1/-1/0, both two's-complement.
   *
   * @param attrs attribute ids or names
   * @returns the array
   */
  toArray(attrs: readonly (AttrId | string)[]): Uint32Array {
    return docToArray(this, attrs);
  }

  /**
   * Set token annotations from an array in {@linkcode Doc.toArray} layout.
   *
   * @param attrs attribute ids or names (TAG, POS, MORPH, LEMMA, NORM, HEAD, DEP,
   *   SENT_START, ENT_IOB, ENT_TYPE, ENT_KB_ID)
   * @param values row-major `[length, attrs.length]`
   * @returns this doc
   */
  fromArray(attrs: readonly (AttrId | string)[], values: Uint32Array | Int32Array): this {
    docFromArray(this, attrs, values);
    return this;
  }

  /** Recompute sentence starts from heads (after heads or deps changed). */
  syncSentStartsFromHeads(): void {
    const missing = Uint8Array.from(this.cols.dep, (d) => (d === 0 ? 1 : 0));
    if (missing.every((m) => m === 1)) return;
    this.cols.sentStart.set(sentStartsFromHeads(this.cols.head, missing));
  }

  /**
   * A deep copy: own columns, cats, span groups and user data (spaCy's `Doc.copy`).
   *
   * @returns the copy
   */
  copy(): Doc {
    return copyDoc(this);
  }

  /**
   * A string value of a column.
   *
   * @param slot a string-store slot from a column
   * @returns the string
   */
  str(slot: number): string {
    return this.vocab.strings.atSlot(slot);
  }
}
