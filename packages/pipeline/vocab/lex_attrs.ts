/**
 * Lexical attribute functions with spaCy's definitions (`spacy.lang.lex_attrs`),
 * over JavaScript strings. Python's `str.isalpha`/`isdigit`/... are mirrored with
 * Unicode property classes. The `like_*` functions are in `lex_like.ts`, word
 * shape, prefix and suffix in `lex_shape.ts`; all are re-exported here.
 *
 * @module
 */
export * from "./lex_like.ts";
export * from "./lex_shape.ts";

const ALPHA = /^\p{L}+$/u;
// Python's isdigit also accepts superscript, subscript and circled digits.
const DIGIT = /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468]+$/u;
const PUNCT = /^\p{P}*$/u;
const CURRENCY = /^\p{Sc}*$/u;
const SPACE_CHAR = /\s/u;
const CASED_UPPER = /[\p{Uppercase}\p{Lt}]/u;
const CASED_LOWER = /\p{Lowercase}/u;

const BRACKETS = new Set(["(", ")", "[", "]", "{", "}", "<", ">"]);
const QUOTES = new Set([
  ...`"'\`«»‘’‚‛“”„‟‹›❮❯`,
  "''",
  "``",
]);
const LEFT_PUNCT = new Set([...`([{<"'«‘‚‛“„‟‹❮`, "``"]);
const RIGHT_PUNCT = new Set([...`)]}>"'»’”›❯`, "''"]);
/**
 * Python's `str.isalpha()`: non-empty and every character a letter.
 *
 * @param text the string
 * @returns whether it is alphabetic
 * @example Letters only
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAlpha } from "@weft/pipeline";
 * assert.equal(isAlpha("Café"), true);
 * assert.equal(isAlpha("C3"), false);
 * ```
 */
export function isAlpha(text: string): boolean {
  return ALPHA.test(text);
}

/**
 * Python's `str.isdigit()`: non-empty and every character a digit.
 *
 * @param text the string
 * @returns whether it is all digits
 * @example Digits only
 * ```ts
 * import assert from "node:assert/strict";
 * import { isDigit } from "@weft/pipeline";
 * assert.equal(isDigit("2024"), true);
 * assert.equal(isDigit("2.5"), false);
 * ```
 */
export function isDigit(text: string): boolean {
  return DIGIT.test(text);
}

/**
 * spaCy's `is_punct`: every character is Unicode punctuation (true for "").
 *
 * @param text the string
 * @returns whether it is punctuation
 * @example Punctuation, not symbols
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPunct } from "@weft/pipeline";
 * assert.equal(isPunct("?!"), true);
 * assert.equal(isPunct("$"), false);
 * ```
 */
export function isPunct(text: string): boolean {
  return PUNCT.test(text);
}

/**
 * spaCy's `is_currency`: every character is a currency symbol (true for "").
 *
 * @param text the string
 * @returns whether it is a currency symbol
 * @example A currency sign
 * ```ts
 * import assert from "node:assert/strict";
 * import { isCurrency } from "@weft/pipeline";
 * assert.equal(isCurrency("€"), true);
 * ```
 */
export function isCurrency(text: string): boolean {
  return CURRENCY.test(text);
}

/**
 * Python's `str.isspace()`.
 *
 * @param text the string
 * @returns whether it is non-empty whitespace
 * @example Whitespace
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSpace } from "@weft/pipeline";
 * assert.equal(isSpace(" \n"), true);
 * ```
 */
export function isSpace(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Python also counts the information separators U+001C..U+001F and NEL as space.
    if (!((c >= 0x1c && c <= 0x1f) || c === 0x85 || SPACE_CHAR.test(text[i]!))) return false;
  }
  return true;
}

/**
 * Python's `str.islower()`: has a cased character and no upper-case ones.
 *
 * @param text the string
 * @returns whether it is lower case
 * @example Case needs cased letters
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLower } from "@weft/pipeline";
 * assert.equal(isLower("abc1"), true);
 * assert.equal(isLower("123"), false);
 * ```
 */
export function isLower(text: string): boolean {
  return CASED_LOWER.test(text) && !CASED_UPPER.test(text);
}

/**
 * Python's `str.isupper()`: has a cased character and no lower-case ones.
 *
 * @param text the string
 * @returns whether it is upper case
 * @example An acronym
 * ```ts
 * import assert from "node:assert/strict";
 * import { isUpper } from "@weft/pipeline";
 * assert.equal(isUpper("NASA"), true);
 * ```
 */
export function isUpper(text: string): boolean {
  return /\p{Uppercase}/u.test(text) && !/[\p{Lowercase}\p{Lt}]/u.test(text);
}

/**
 * Python's `str.istitle()`: upper-case letters only begin cased runs, lower-case
 * letters only follow cased ones, and there is at least one cased letter.
 *
 * @param text the string
 * @returns whether it is title case
 * @example Title case per word
 * ```ts
 * import assert from "node:assert/strict";
 * import { isTitle } from "@weft/pipeline";
 * assert.equal(isTitle("Hello World"), true);
 * assert.equal(isTitle("HeLLo"), false);
 * ```
 */
export function isTitle(text: string): boolean {
  let previousCased = false;
  let cased = false;
  for (const ch of text) {
    if (CASED_UPPER.test(ch)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (CASED_LOWER.test(ch)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else {
      previousCased = false;
    }
  }
  return cased;
}

/**
 * Whether every code point is ASCII.
 *
 * @param text the string
 * @returns whether it is ASCII
 * @example Diacritics are not ASCII
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAscii } from "@weft/pipeline";
 * assert.equal(isAscii("naïve"), false);
 * ```
 */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * spaCy's `is_bracket`: one of `()[]{}<>`.
 * @example Brackets
 * ```ts
 * import assert from "node:assert/strict";
 * import { isBracket } from "@weft/pipeline";
 * assert.equal(isBracket("("), true);
 * assert.equal(isBracket("(("), false);
 * ```
 */
export const isBracket = (text: string): boolean => BRACKETS.has(text);
/**
 * spaCy's `is_quote`: a quotation mark.
 * @example Quotes, including doubled ASCII ones
 * ```ts
 * import assert from "node:assert/strict";
 * import { isQuote } from "@weft/pipeline";
 * assert.equal(isQuote("``"), true);
 * assert.equal(isQuote("a"), false);
 * ```
 */
export const isQuote = (text: string): boolean => QUOTES.has(text);
/**
 * spaCy's `is_left_punct`: an opening bracket or quote.
 * @example Opening punctuation
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLeftPunct } from "@weft/pipeline";
 * assert.equal(isLeftPunct("«"), true);
 * assert.equal(isLeftPunct("»"), false);
 * ```
 */
export const isLeftPunct = (text: string): boolean => LEFT_PUNCT.has(text);
/**
 * spaCy's `is_right_punct`: a closing bracket or quote.
 * @example Closing punctuation
 * ```ts
 * import assert from "node:assert/strict";
 * import { isRightPunct } from "@weft/pipeline";
 * assert.equal(isRightPunct(")"), true);
 * assert.equal(isRightPunct("("), false);
 * ```
 */
export const isRightPunct = (text: string): boolean => RIGHT_PUNCT.has(text);
