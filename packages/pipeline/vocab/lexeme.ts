/**
 * `Lexeme`: a word type in the vocabulary, with its context-independent
 * attributes computed once.
 *
 * @module
 */
import { type AttrId, type AttrName, ATTRS } from "@weft/types";
import type { StringStore } from "./string_store.ts";

/** The boolean lexeme attributes, by spaCy attribute id (1..18), as bit flags. */
export type LexemeFlags = number;

/**
 * A vocabulary entry. String-valued attributes are stored as string-store slots;
 * the `*Text` getters return the strings. Flags are bits indexed by attribute id
 * (`IS_ALPHA` = bit 1, ...).
 *
 * @example Shape and flags
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vocab } from "@weft/pipeline";
 * const lex = new Vocab({ lang: "en" }).get("Apples");
 * assert.equal(lex.shapeText, "Xxxxx");
 * assert.equal(lex.flag("IS_TITLE"), true);
 * assert.equal(lex.flag("IS_STOP"), false);
 * ```
 */
export class Lexeme {
  /**
   * Create a lexeme from precomputed slots (use `Vocab.get` instead).
   *
   * @param strings the store the slots refer to
   * @param id the lexeme's index in its vocabulary
   * @param orth slot of the text
   * @param lower slot of the lower-cased text
   * @param norm slot of the norm
   * @param shape slot of the shape
   * @param prefix slot of the prefix
   * @param suffix slot of the suffix
   * @param flags boolean attributes as bits
   * @param length the length in code points
   */
  constructor(
    readonly strings: StringStore,
    readonly id: number,
    readonly orth: number,
    readonly lower: number,
    public norm: number,
    readonly shape: number,
    readonly prefix: number,
    readonly suffix: number,
    public flags: LexemeFlags,
    readonly length: number,
  ) {}

  /** The verbatim text. */
  get text(): string {
    return this.strings.atSlot(this.orth);
  }
  /** The lower-cased text. */
  get lowerText(): string {
    return this.strings.atSlot(this.lower);
  }
  /** The norm. */
  get normText(): string {
    return this.strings.atSlot(this.norm);
  }
  /** The shape, e.g. `"Xxxx"`. */
  get shapeText(): string {
    return this.strings.atSlot(this.shape);
  }
  /** The first character. */
  get prefixText(): string {
    return this.strings.atSlot(this.prefix);
  }
  /** The last three characters. */
  get suffixText(): string {
    return this.strings.atSlot(this.suffix);
  }

  /**
   * Read a boolean attribute.
   *
   * @param attr its name (`"IS_ALPHA"`, `"LIKE_NUM"`, ...) or id
   * @returns its value
   */
  flag(attr: AttrName | AttrId): boolean {
    const id = typeof attr === "number" ? attr : ATTRS[attr];
    return id < 32 && (this.flags & (1 << id)) !== 0;
  }

  /**
   * Set a boolean attribute (e.g. to add a stop word).
   *
   * @param attr its name or id
   * @param value the new value
   * @throws {RangeError} for non-boolean attributes
   */
  setFlag(attr: AttrName | AttrId, value: boolean): void {
    const id = typeof attr === "number" ? attr : ATTRS[attr];
    if (id <= 0 || id >= 32) throw new RangeError(`Attribute ${attr} is not a lexeme flag`);
    this.flags = value ? this.flags | (1 << id) : this.flags & ~(1 << id);
  }
}
