/**
 * `Vocab`: the shared string store, lexemes and vectors of a pipeline.
 *
 * @module
 */
import { ATTRS } from "@weft/types";
import { BASE_NORMS } from "./base_norms.ts";
import { type LanguageData, languageData } from "./lang_data.ts";
import { Lexeme } from "./lexeme.ts";
import * as lex from "./lex_attrs.ts";
import { StringStore } from "./string_store.ts";
import { Vectors } from "./vectors.ts";

/** Options of the {@linkcode Vocab} constructor. */
export interface VocabOptions {
  /** The language code (default `"xx"`): selects stop words, `like_num`, norms. */
  lang?: string;
  /** A string store to share (default: a new one). */
  strings?: StringStore;
  /** Static vectors (default: an empty table of width 0). */
  vectors?: Vectors;
  /** Lexical data overriding the language's registered data. */
  data?: LanguageData;
}

/**
 * The vocabulary: a {@linkcode StringStore}, one {@linkcode Lexeme} per word type
 * with spaCy's lexical attributes, and the static {@linkcode Vectors}.
 *
 * @example Lexical attributes
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vocab } from "@weft/pipeline";
 * const vocab = new Vocab({ lang: "en" });
 * const the = vocab.get("The");
 * assert.equal(the.lowerText, "the");
 * assert.equal(the.flag("IS_STOP"), true);
 * assert.equal(vocab.get("n't").normText, "not");
 * assert.equal(vocab.get("twenty").flag("LIKE_NUM"), true);
 * ```
 * @example A memory zone drops what it added
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * vocab.get("kept");
 * vocab.memoryZone(() => vocab.get("transient"));
 * assert.equal(vocab.has("kept"), true);
 * assert.equal(vocab.has("transient"), false);
 * ```
 */
export class Vocab {
  /** The string store. */
  readonly strings: StringStore;
  /** The language code. */
  readonly lang: string;
  /** The lexical data used for new lexemes. */
  readonly data: LanguageData;
  #vectors: Vectors;
  #lexemes = new Map<number, Lexeme>();
  #zones: Lexeme[][] = [];
  #nextId = 0;

  /**
   * Create a vocabulary.
   *
   * @param options language, shared string store and vectors
   */
  constructor(options: VocabOptions = {}) {
    this.lang = options.lang ?? options.data?.lang ?? "xx";
    this.data = options.data ?? languageData(this.lang);
    this.strings = options.strings ?? new StringStore();
    this.#vectors = options.vectors ?? new Vectors({ width: 0 });
    this.#vectors.strings = this.strings;
  }

  /** The static vectors. */
  get vectors(): Vectors {
    return this.#vectors;
  }
  set vectors(vectors: Vectors) {
    vectors.strings = this.strings;
    this.#vectors = vectors;
  }

  /** The number of lexemes. */
  get size(): number {
    return this.#lexemes.size;
  }

  /**
   * Whether the vocabulary has a lexeme for a string.
   *
   * @param text the word
   * @returns true when it does
   */
  has(text: string): boolean {
    const slot = this.strings.slotOf(text);
    return slot >= 0 && this.#lexemes.has(slot);
  }

  /**
   * The lexeme of a string, created (with its attributes) if new.
   *
   * @param text the word
   * @returns its lexeme
   */
  get(text: string): Lexeme {
    const slot = this.strings.slotOf(text);
    const known = slot >= 0 ? this.#lexemes.get(slot) : undefined;
    return known ?? this.#create(text);
  }

  /** Iterate over the lexemes. */
  [Symbol.iterator](): IterableIterator<Lexeme> {
    return this.#lexemes.values();
  }

  /**
   * Run `fn` in a memory zone: strings and lexemes first added while it runs are
   * removed when it returns (or when its promise settles). Documents made inside
   * the zone must not be used after it. Zones nest; async zones must not overlap
   * except by nesting.
   *
   * @param fn the work to do
   * @returns what `fn` returns
   */
  memoryZone<T>(fn: () => T): T {
    this.strings.beginZone();
    this.#zones.push([]);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.#endZone();
      throw e;
    }
    if (result instanceof Promise) {
      return result.finally(() => this.#endZone()) as T;
    }
    this.#endZone();
    return result;
  }

  /**
   * Add stop words (lexemes created later are flagged too).
   *
   * @param words lower-case stop words
   */
  addStopWords(words: Iterable<string>): void {
    const stops = new Set(this.data.stopWords);
    for (const w of words) stops.add(w);
    (this as { data: LanguageData }).data = { ...this.data, stopWords: stops };
    for (const lexeme of this.#lexemes.values()) {
      lexeme.setFlag("IS_STOP", stops.has(lexeme.lowerText));
    }
  }

  /**
   * The strings as JSON (the vocab's serializable state besides vectors).
   *
   * @returns `{ lang, strings }`
   */
  toJSON(): { lang: string; strings: string[] } {
    return { lang: this.lang, strings: this.strings.toJSON() };
  }

  #endZone(): void {
    // Lexemes made inside the zone go with it, even where their text was made
    // permanent meanwhile: their derived strings (shape, suffix, ...) may be gone.
    for (const lexeme of this.#zones.pop() ?? []) this.#lexemes.delete(lexeme.orth);
    this.strings.endZone();
  }

  #create(text: string): Lexeme {
    const s = this.strings;
    const data = this.data;
    const lower = text.toLowerCase();
    const norm = data.normExceptions[text] ?? BASE_NORMS[text] ?? data.normExceptions[lower] ??
      lower;
    let flags = 0;
    const set = (id: number, v: boolean) => {
      if (v) flags |= 1 << id;
    };
    set(ATTRS.IS_ALPHA, lex.isAlpha(text));
    set(ATTRS.IS_ASCII, lex.isAscii(text));
    set(ATTRS.IS_DIGIT, lex.isDigit(text));
    set(ATTRS.IS_LOWER, lex.isLower(text));
    set(ATTRS.IS_PUNCT, lex.isPunct(text));
    set(ATTRS.IS_SPACE, lex.isSpace(text));
    set(ATTRS.IS_TITLE, lex.isTitle(text));
    set(ATTRS.IS_UPPER, lex.isUpper(text));
    set(ATTRS.LIKE_URL, text.length > 0 && lex.likeUrl(text));
    set(ATTRS.LIKE_NUM, data.likeNum(text));
    set(ATTRS.LIKE_EMAIL, lex.likeEmail(text));
    set(ATTRS.IS_STOP, data.stopWords.has(lower));
    set(ATTRS.IS_BRACKET, lex.isBracket(text));
    set(ATTRS.IS_QUOTE, lex.isQuote(text));
    set(ATTRS.IS_LEFT_PUNCT, lex.isLeftPunct(text));
    set(ATTRS.IS_RIGHT_PUNCT, lex.isRightPunct(text));
    set(ATTRS.IS_CURRENCY, lex.isCurrency(text));
    const orth = s.intern(text);
    const lexeme = new Lexeme(
      s,
      this.#nextId++,
      orth,
      s.intern(lower),
      s.intern(norm),
      s.intern(lex.wordShape(text)),
      s.intern(lex.prefixOf(text)),
      s.intern(lex.suffixOf(text)),
      flags,
      [...text].length,
    );
    this.#lexemes.set(orth, lexeme);
    this.#zones.at(-1)?.push(lexeme);
    return lexeme;
  }
}
