/**
 * spaCy's `word_shape`, `prefix` and `suffix` lexical attributes.
 *
 * @module
 */
import { isAlpha, isDigit, isUpper } from "./lex_attrs.ts";

/**
 * spaCy's `word_shape`: letters become `X`/`x`, digits `d`, other characters stay,
 * and runs longer than four are cut; strings of 100+ characters are `"LONG"`.
 *
 * @param text the string
 * @returns its shape
 * @example Letters, digits and other characters
 * ```ts
 * import assert from "node:assert/strict";
 * import { wordShape } from "@weft/pipeline";
 * assert.equal(wordShape("Apple"), "Xxxxx");
 * assert.equal(wordShape("C3PO-2019"), "XdXX-dddd");
 * ```
 */
export function wordShape(text: string): string {
  const chars = [...text];
  if (chars.length >= 100) return "LONG";
  let shape = "";
  let last = "";
  let seq = 0;
  for (const ch of chars) {
    let c: string;
    if (isAlpha(ch)) c = isUpper(ch) ? "X" : "x";
    else if (isDigit(ch)) c = "d";
    else c = ch;
    if (c === last) seq++;
    else {
      seq = 0;
      last = c;
    }
    if (seq < 4) shape += c;
  }
  return shape;
}

/**
 * spaCy's default `prefix`: the first character.
 *
 * @param text the string
 * @returns its first code point
 * @example The first character
 * ```ts
 * import assert from "node:assert/strict";
 * import { prefixOf } from "@weft/pipeline";
 * assert.equal(prefixOf("Apple"), "A");
 * ```
 */
export function prefixOf(text: string): string {
  const cp = text.codePointAt(0);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/**
 * spaCy's default `suffix`: the last three characters.
 *
 * @param text the string
 * @returns its last three code points
 * @example The last three characters
 * ```ts
 * import assert from "node:assert/strict";
 * import { suffixOf } from "@weft/pipeline";
 * assert.equal(suffixOf("Apple"), "ple");
 * ```
 */
export function suffixOf(text: string): string {
  // Fast path: without surrogates, code units are code points.
  if (!/[\ud800-\udfff]/.test(text)) return text.slice(-3);
  return [...text].slice(-3).join("");
}
