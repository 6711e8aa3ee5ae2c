/**
 * `Token`: a view of one token of a `Doc`.
 *
 * @module
 */
import { ATTRS } from "@weft/types";
import type { Doc } from "./doc.ts";
import type { Lexeme } from "../vocab/lexeme.ts";
import { normalizeMorph } from "./morph.ts";
import { UNIVERSAL_POS } from "./pos.ts";
import { Span } from "./span.ts";

const IOB = ["", "I", "O", "B"] as const;

/**
 * A token view: reads and writes go to the document's columns.
 *
 * @example Reading and writing annotations
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab({ lang: "en" }), { words: ["I", "like", "NYC"], tags: ["PRP", "VBP", "NNP"] });
 * const t = doc.token(2);
 * assert.equal(t.tag, "NNP");
 * assert.equal(t.shape, "XXX");
 * t.lemma = "New York City";
 * assert.equal(doc.token(2).lemma, "New York City");
 * ```
 */
export class Token {
  /**
   * Create a view of token `i` (use `doc.token(i)` instead).
   *
   * @param doc the document
   * @param i the token index
   */
  constructor(readonly doc: Doc, readonly i: number) {}

  /** The lexeme. */
  get lex(): Lexeme {
    return this.doc.lexemes[this.i]!;
  }
  /** The verbatim text. */
  get text(): string {
    return this.lex.text;
  }
  /** The trailing whitespace (`" "` or `""`). */
  get whitespace(): string {
    return this.doc.cols.spaces[this.i] ? " " : "";
  }
  /** The text with its trailing whitespace. */
  get textWithWs(): string {
    return this.text + this.whitespace;
  }
  /** The character offset in the doc's text. */
  get idx(): number {
    return this.doc.cols.idx[this.i]!;
  }
  /** The lower-cased text. */
  get lower(): string {
    return this.lex.lowerText;
  }
  /** The norm: the token's own, else its lexeme's. */
  get norm(): string {
    const slot = this.doc.cols.norm[this.i]!;
    return slot === 0 ? this.lex.normText : this.doc.str(slot);
  }
  set norm(value: string) {
    this.doc.cols.norm[this.i] = this.doc.vocab.strings.intern(value);
  }
  /** The orthographic shape. */
  get shape(): string {
    return this.lex.shapeText;
  }
  /** The first character. */
  get prefix(): string {
    return this.lex.prefixText;
  }
  /** The last three characters. */
  get suffix(): string {
    return this.lex.suffixText;
  }
  /** Alphabetic. */
  get isAlpha(): boolean {
    return this.lex.flag(ATTRS.IS_ALPHA);
  }
  /** All digits. */
  get isDigit(): boolean {
    return this.lex.flag(ATTRS.IS_DIGIT);
  }
  /** Punctuation. */
  get isPunct(): boolean {
    return this.lex.flag(ATTRS.IS_PUNCT);
  }
  /** Whitespace. */
  get isSpace(): boolean {
    return this.lex.flag(ATTRS.IS_SPACE);
  }
  /** A stop word. */
  get isStop(): boolean {
    return this.lex.flag(ATTRS.IS_STOP);
  }
  /** Number-like. */
  get likeNum(): boolean {
    return this.lex.flag(ATTRS.LIKE_NUM);
  }
  /** URL-like. */
  get likeUrl(): boolean {
    return this.lex.flag(ATTRS.LIKE_URL);
  }
  /** E-mail-like. */
  get likeEmail(): boolean {
    return this.lex.flag(ATTRS.LIKE_EMAIL);
  }
  /** The fine-grained tag. */
  get tag(): string {
    return this.doc.str(this.doc.cols.tag[this.i]!);
  }
  set tag(value: string) {
    this.doc.cols.tag[this.i] = this.doc.vocab.strings.intern(value);
  }
  /** The Universal POS tag. */
  get pos(): string {
    return this.doc.str(this.doc.cols.pos[this.i]!);
  }
  set pos(value: string) {
    if (value !== "" && !UNIVERSAL_POS.has(value)) throw new RangeError(`Unknown POS "${value}"`);
    this.doc.cols.pos[this.i] = this.doc.vocab.strings.intern(value);
  }
  /** The morphological analysis, normalized (`""` when empty or unannotated). */
  get morph(): string {
    const m = this.doc.str(this.doc.cols.morph[this.i]!);
    return m === "_" ? "" : m;
  }
  set morph(value: string) {
    this.doc.cols.morph[this.i] = this.doc.vocab.strings.intern(normalizeMorph(value) || "_");
  }
  /** The lemma. */
  get lemma(): string {
    return this.doc.str(this.doc.cols.lemma[this.i]!);
  }
  set lemma(value: string) {
    this.doc.cols.lemma[this.i] = this.doc.vocab.strings.intern(value);
  }
  /** The dependency label (`""` where unannotated). */
  get dep(): string {
    return this.doc.str(this.doc.cols.dep[this.i]!);
  }
  set dep(value: string) {
    this.doc.cols.dep[this.i] = this.doc.vocab.strings.intern(value);
    this.doc.syncSentStartsFromHeads();
  }
  /** The syntactic head (itself for roots). */
  get head(): Token {
    return new Token(this.doc, this.i + this.doc.cols.head[this.i]!);
  }
  set head(token: Token) {
    if (token.doc !== this.doc) throw new RangeError("A token's head must be in the same doc");
    this.doc.cols.head[this.i] = token.i - this.i;
    this.doc.syncSentStartsFromHeads();
  }
  /** The syntactic children, in order. */
  get children(): Token[] {
    const out: Token[] = [];
    const { head } = this.doc.cols;
    for (let j = 0; j < this.doc.length; j++) {
      if (j !== this.i && j + head[j]! === this.i) out.push(new Token(this.doc, j));
    }
    return out;
  }
  /** The entity IOB code: `"B"`, `"I"`, `"O"`, or `""` where unannotated. */
  get entIob(): "" | "I" | "O" | "B" {
    return IOB[this.doc.cols.entIob[this.i]!] ?? "";
  }
  /** The entity label. */
  get entType(): string {
    return this.doc.str(this.doc.cols.entType[this.i]!);
  }
  /** Whether the token starts a sentence (null where unknown). */
  get isSentStart(): boolean | null {
    const v = this.i === 0 ? 1 : this.doc.cols.sentStart[this.i];
    return v === 1 ? true : v === -1 ? false : null;
  }
  set isSentStart(value: boolean | null) {
    this.doc.cols.sentStart[this.i] = value === true ? 1 : value === false ? -1 : 0;
  }
  /** The sentence containing the token. */
  get sent(): Span {
    for (const s of this.doc.sents) if (this.i < s.end) return s;
    return new Span(this.doc, 0, this.doc.length);
  }

  /**
   * A neighbouring token.
   *
   * @param offset how far (default 1: the next token)
   * @returns the token
   * @throws {RangeError} when out of range
   */
  nbor(offset = 1): Token {
    return this.doc.token(this.i + offset < 0 ? -this.doc.length - 1 : this.i + offset);
  }

  /** The text. */
  toString(): string {
    return this.text;
  }
}
