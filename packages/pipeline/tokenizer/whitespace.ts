/**
 * Whitespace as Python's `str.isspace` sees it, which decides spaCy's token boundaries.
 *
 * @module
 */

/** Python's `str.isspace` for one UTF-16 code unit (all whitespace is in the BMP). */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f)) return true;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** The characters `isSpace` accepts, as a splitting pattern. */
// Python's isspace() includes the \x1c-\x1f separators.
export const WHITESPACE: RegExp =
  // deno-lint-ignore no-control-regex
  /[\t-\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
