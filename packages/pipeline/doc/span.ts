/**
 * `Span`: a slice of a `Doc`, optionally labelled.
 *
 * @module
 */
import type { Doc } from "./doc.ts";
import { Token } from "./token.ts";

/**
 * A view of tokens `[start, end)` of a document, with an optional label and
 * knowledge-base id.
 *
 * @example Text and character offsets
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["New", "York", "is", "big"] });
 * const span = doc.span(0, 2, "GPE");
 * assert.equal(span.text, "New York");
 * assert.deepEqual([span.startChar, span.endChar], [0, 8]);
 * ```
 */
export class Span {
  /**
   * Create a span (use `doc.span` instead).
   *
   * @param doc the document
   * @param start first token index
   * @param end index after the last token
   * @param label the label (`""` for none)
   * @param kbId a knowledge-base id (`""` for none)
   * @throws {RangeError} when the bounds are out of range
   */
  constructor(
    readonly doc: Doc,
    readonly start: number,
    readonly end: number,
    readonly label: string = "",
    readonly kbId: string = "",
  ) {
    if (!(0 <= start && start <= end && end <= doc.length)) {
      throw new RangeError(`Span [${start}, ${end}) is out of range for ${doc.length} tokens`);
    }
  }

  /** The number of tokens. */
  get length(): number {
    return this.end - this.start;
  }
  /** The character offset of the first token. */
  get startChar(): number {
    return this.start < this.doc.length ? this.doc.cols.idx[this.start]! : this.doc.text.length;
  }
  /** The character offset after the last token (without its whitespace). */
  get endChar(): number {
    if (this.end === this.start) return this.startChar;
    return this.doc.cols.idx[this.end - 1]! + this.doc.lexemes[this.end - 1]!.text.length;
  }
  /** The text, without trailing whitespace. */
  get text(): string {
    return this.doc.text.slice(this.startChar, this.endChar);
  }
  /** The token texts. */
  get words(): string[] {
    return this.doc.lexemes.slice(this.start, this.end).map((l) => l.text);
  }
  /**
   * The syntactic root: the first token whose head lies outside the span (or is
   * itself), nearest the tree's root.
   */
  get root(): Token {
    const { head } = this.doc.cols;
    let best = this.start;
    let bestDepth = Infinity;
    for (let i = this.start; i < this.end; i++) {
      const h = i + head[i]!;
      if (h !== i && h >= this.start && h < this.end) continue;
      let depth = 0;
      for (let j = i; depth < this.doc.length && j + head[j]! !== j; j += head[j]!) depth++;
      if (depth < bestDepth) {
        best = i;
        bestDepth = depth;
      }
    }
    return new Token(this.doc, best);
  }

  /**
   * The token at a span-relative index.
   *
   * @param i index within the span
   * @returns the token
   */
  token(i: number): Token {
    const j = i < 0 ? this.end + i : this.start + i;
    if (j < this.start || j >= this.end) {
      throw new RangeError(`Token ${i} out of range for span of ${this.length}`);
    }
    return new Token(this.doc, j);
  }

  /** Iterate over the tokens. */
  *[Symbol.iterator](): IterableIterator<Token> {
    for (let i = this.start; i < this.end; i++) yield new Token(this.doc, i);
  }

  /** The text. */
  toString(): string {
    return this.text;
  }
}
