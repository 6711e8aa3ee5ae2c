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
import { entsFromIob, type SetEntsDefault, setEntsFromSpans, setEntsFromTags } from "./doc_ents.ts";
import { normalizeMorph } from "./morph.ts";
import { UNIVERSAL_POS } from "./pos.ts";
import { sentStartsFromHeads } from "./sent_starts.ts";
import { Span } from "./span.ts";
import { Token } from "./token.ts";

// All columns of a doc share one buffer: thousands of small docs would otherwise
// cost thirteen ArrayBuffers each, and the garbage collector pays for every one.
function allocColumns(n: number): DocColumns {
  const buf = new ArrayBuffer(44 * n);
  const u32 = (k: number) => new Uint32Array(buf, 4 * n * k, n);
  return {
    idx: new Int32Array(buf, 0, n),
    head: new Int32Array(buf, 4 * n, n),
    tag: u32(2),
    pos: u32(3),
    morph: u32(4),
    lemma: u32(5),
    norm: u32(6),
    dep: u32(7),
    entType: u32(8),
    entKbId: u32(9),
    spaces: new Uint8Array(buf, 40 * n, n),
    sentStart: new Int8Array(buf, 41 * n, n),
    entIob: new Uint8Array(buf, 42 * n, n),
  };
}

/** Optional per-token values: `null`/`undefined` mean "not annotated". */
export type Annotations<T> = readonly (T | null | undefined)[];

/** What a {@linkcode Doc} is built from (spaCy's `Doc.__init__` arguments). */
export interface DocInit {
  /** The token texts. */
  words: readonly string[];
  /** Whether each token is followed by a space (default: all true). */
  spaces?: readonly boolean[];
  /** Fine-grained tags. */
  tags?: Annotations<string>;
  /** Universal POS tags. */
  pos?: Annotations<string>;
  /** Morphological analyses (`Feat=Val|...`). */
  morphs?: Annotations<string>;
  /** Lemmas. */
  lemmas?: Annotations<string>;
  /** Token-level norms, overriding the lexeme's. */
  norms?: Annotations<string>;
  /** Absolute head indices (requires `deps`). */
  heads?: Annotations<number>;
  /** Dependency labels. */
  deps?: Annotations<string>;
  /** Sentence starts: `true`/1 start, `false`/-1 inside, `null`/0 unknown. */
  sentStarts?: Annotations<boolean | number>;
  /** Entity tags in IOB or BILUO form (`"B-PER"`, `"O"`, `""` for missing). */
  ents?: Annotations<string>;
}

/** The typed columns behind a {@linkcode Doc}: string columns hold string-store slots. */
export interface DocColumns {
  /** Trailing-space flags. */
  readonly spaces: Uint8Array;
  /** Start offsets of tokens in `text` (UTF-16 code units). */
  readonly idx: Int32Array;
  /** Tag slots. */
  readonly tag: Uint32Array;
  /** POS slots. */
  readonly pos: Uint32Array;
  /** Morph slots. */
  readonly morph: Uint32Array;
  /** Lemma slots. */
  readonly lemma: Uint32Array;
  /** Token-level norm slots (0: use the lexeme's). */
  readonly norm: Uint32Array;
  /** Dependency label slots (0: no annotation). */
  readonly dep: Uint32Array;
  /** Relative head offsets. */
  readonly head: Int32Array;
  /** Sentence starts: 1, -1, or 0 for unknown. */
  readonly sentStart: Int8Array;
  /** Entity IOB codes: 0 missing, 1 I, 2 O, 3 B (spaCy's numbering). */
  readonly entIob: Uint8Array;
  /** Entity label slots. */
  readonly entType: Uint32Array;
  /** Entity knowledge-base id slots. */
  readonly entKbId: Uint32Array;
}

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
    const strings = vocab.strings;
    const fill = (
      col: Uint32Array,
      values: Annotations<string> | undefined,
      f = (s: string) => s,
    ) =>
      values?.forEach((v, i) => {
        if (v !== null && v !== undefined) col[i] = strings.intern(f(v));
      });
    fill(this.cols.tag, init.tags);
    fill(this.cols.pos, init.pos, (p) => {
      if (p !== "" && !UNIVERSAL_POS.has(p)) throw new RangeError(`Doc: unknown POS "${p}"`);
      return p;
    });
    // A given but empty analysis is stored as "_" (set, no features), as spaCy does;
    // slot 0 means "not annotated".
    fill(this.cols.morph, init.morphs, (m) => normalizeMorph(m) || "_");
    fill(this.cols.lemma, init.lemmas);
    fill(this.cols.norm, init.norms);
    init.sentStarts?.forEach((v, i) => {
      this.cols.sentStart[i] = v === true || v === 1 ? 1 : v === false || v === -1 ? -1 : 0;
    });
    if (init.heads || init.deps) {
      // Deps alone leave every head at the token itself, as in spaCy.
      if (!init.deps) throw new RangeError("Doc: heads need deps");
      init.heads?.forEach((h, i) => {
        if (h === null || h === undefined) return;
        if (!Number.isInteger(h) || h < 0 || h >= n) {
          throw new RangeError(`Doc: head ${h} of token ${i} is out of range for ${n} tokens`);
        }
        this.cols.head[i] = h - i;
      });
      fill(this.cols.dep, init.deps);
      this.syncSentStartsFromHeads();
    }
    if (init.ents) setEntsFromTags(this, init.ents);
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
    options: { label?: string; alignmentMode?: "strict" | "contract" | "expand" } = {},
  ): Span | null {
    const mode = options.alignmentMode ?? "strict";
    const { idx } = this.cols;
    let start = -1;
    let end = -1;
    for (let i = 0; i < this.length; i++) {
      const s = idx[i]!;
      const e = s + this.lexemes[i]!.text.length;
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
    if (start < 0 || end <= start) return null;
    return new Span(this, start, end, options.label ?? "");
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
    if (!this.hasAnnotation("SENT_START")) {
      throw new RangeError("Doc has no sentence boundaries: sentence starts or a parse are needed");
    }
    const out: Span[] = [];
    let start = 0;
    for (let i = 1; i < this.length; i++) {
      if (this.cols.sentStart[i] === 1) {
        out.push(new Span(this, start, i));
        start = i;
      }
    }
    if (this.length > 0) out.push(new Span(this, start, this.length));
    return out;
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
    if (this.length === 0) return true;
    const a = attr.toUpperCase();
    const c = this.cols;
    let col: ArrayLike<number>;
    let from = 0;
    if (a === "SENT_START" || a === "IS_SENT_START") {
      if (this.length === 1) return true;
      col = c.sentStart;
      from = 1;
    } else if (a === "HEAD" || a === "DEP") col = c.dep;
    else if (a === "ENT_IOB") col = c.entIob;
    else if (a === "ENT_TYPE") col = c.entType;
    else if (a === "TAG" || a === "POS" || a === "MORPH" || a === "LEMMA") {
      col = c[a.toLowerCase() as "tag"];
    } else throw new RangeError(`hasAnnotation(): unsupported attribute "${attr}"`);
    for (let i = from; i < this.length; i++) {
      if ((col[i] !== 0) !== requireComplete) return !requireComplete;
    }
    return requireComplete;
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
   * A string value of a column.
   *
   * @param slot a string-store slot from a column
   * @returns the string
   */
  str(slot: number): string {
    return this.vocab.strings.atSlot(slot);
  }
}
