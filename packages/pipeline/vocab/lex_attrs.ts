/**
 * Lexical attribute functions with spaCy's definitions (`spacy.lang.lex_attrs`),
 * over JavaScript strings. Python's `str.isalpha`/`isdigit`/... are mirrored with
 * Unicode property classes.
 *
 * @module
 */
import { URL_MATCH } from "./url_pattern.ts";

const ALPHA = /^\p{L}+$/u;
// Python's isdigit also accepts superscript, subscript and circled digits.
const DIGIT = /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468]+$/u;
const PUNCT = /^\p{P}*$/u;
const CURRENCY = /^\p{Sc}*$/u;
const SPACE_CHAR = /\s/u;
const CASED_UPPER = /[\p{Uppercase}\p{Lt}]/u;
const CASED_LOWER = /\p{Lowercase}/u;
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/;

const BRACKETS = new Set(["(", ")", "[", "]", "{", "}", "<", ">"]);
const QUOTES = new Set([
  ...`"'\`«»‘’‚‛“”„‟‹›❮❯`,
  "''",
  "``",
]);
const LEFT_PUNCT = new Set([...`([{<"'«‘‚‛“„‟‹❮`, "``"]);
const RIGHT_PUNCT = new Set([...`)]}>"'»’”›❯`, "''"]);
const TLDS = new Set(
  ("com org edu gov net mil aero asia biz cat coop info int jobs mobi museum name pro tel " +
    "travel xyz icu xxx ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf " +
    "bg bh bi bj bm bn bo br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cs cu " +
    "cv cx cy cz dd de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge " +
    "gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir " +
    "is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma " +
    "mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no " +
    "np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd " +
    "se sg sh si sj sk sl sm sn so sr ss st su sv sy sz tc td tf tg th tj tk tl tm tn to tp " +
    "tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw").split(" "),
);

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

/**
 * spaCy's language-independent `like_num`: digits, possibly signed, with `,` and `.`
 * removed, or a digit fraction.
 *
 * @param text the string
 * @returns whether it resembles a number
 * @example Signs, separators and fractions
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeNum } from "@weft/pipeline";
 * assert.equal(likeNum("-1,000.5"), true);
 * assert.equal(likeNum("3/4"), true);
 * assert.equal(likeNum("ten"), false);
 * ```
 */
export function likeNum(text: string): boolean {
  let t = /^[+\-±~]/.test(text) ? text.slice(1) : text;
  t = t.replaceAll(",", "").replaceAll(".", "");
  if (isDigit(t)) return true;
  const parts = t.split("/");
  return parts.length === 2 && isDigit(parts[0]!) && isDigit(parts[1]!);
}

/**
 * spaCy's `like_email`: starts with something shaped like an e-mail address.
 *
 * @param text the string
 * @returns whether it resembles an e-mail address
 * @example An address
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeEmail } from "@weft/pipeline";
 * assert.equal(likeEmail("ann@example.org"), true);
 * ```
 */
export function likeEmail(text: string): boolean {
  return EMAIL.test(text);
}

/**
 * spaCy's `like_url`: a scheme or `www.` prefix, a known top-level domain, a
 * trailing slash after the domain, or a match of spaCy's URL pattern.
 *
 * @param text the string
 * @returns whether it functions like a URL
 * @example A known top-level domain
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeUrl } from "@weft/pipeline";
 * assert.equal(likeUrl("example.com"), true);
 * assert.equal(likeUrl("hello."), false);
 * ```
 */
export function likeUrl(text: string): boolean {
  if (text.startsWith("http://") || text.startsWith("https://")) return true;
  if (text.startsWith("www.") && text.length >= 5) return true;
  if (text.length === 0 || text.startsWith(".") || text.endsWith(".")) return false;
  if (text.includes("@") || !text.includes(".")) return false;
  const tld = text.slice(text.lastIndexOf(".") + 1).split(":")[0]!;
  if (tld.endsWith("/")) return true;
  if (isAlpha(tld) && TLDS.has(tld)) return true;
  return URL_MATCH.test(text);
}

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
    if (ALPHA.test(ch)) c = isUpper(ch) ? "X" : "x";
    else if (DIGIT.test(ch)) c = "d";
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
