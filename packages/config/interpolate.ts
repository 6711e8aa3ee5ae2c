/**
 * `${section.key}` interpolation as confection does it on top of Python's
 * `ExtendedInterpolation`: a bare reference keeps the referenced value's JSON
 * type, a reference inside a longer value is stringified, `${section}` refers
 * to a whole section (through a placeholder resolved after parsing), `$$` is
 * a literal `$`, and references are followed at most 10 levels deep.
 *
 * @module
 */

import { canonicalJson } from "./json_value.ts";
import { type RawSection, where } from "./ini.ts";

/** Placeholder confection uses for whole-section references. */
export const SECTION_PREFIX = "__SECTION__:";
const KEYCRE = /\$\{([^}]+)\}/y;
const MAX_DEPTH = 10;

/** Sections by name, for lookups while interpolating. */
export type SectionIndex = ReadonlyMap<string, RawSection>;

function coerceForString(piece: string): string {
  if (piece.includes(SECTION_PREFIX)) return piece;
  const parsed = canonicalJson(piece);
  if (parsed === undefined) return piece;
  if (typeof parsed[0] === "string") return parsed[0];
  return parsed[1].replaceAll('"', '\\"');
}

/**
 * Interpolates the raw value of `section.option`; returns the text that is
 * then read as JSON.
 *
 * @param index All sections.
 * @param section The section of the value.
 * @param option The key of the value.
 * @param file The file name, for errors.
 * @returns The interpolated text.
 * @throws {SyntaxError} For a `$` not followed by `$` or `{`, or an unterminated `${`.
 * @throws {RangeError} For a reference to nothing, or references nested over 10 deep (a cycle).
 */
export function interpolateValue(
  index: SectionIndex,
  section: string,
  option: string,
  file?: string,
): string {
  const start = index.get(section)!.options.get(option)!;
  const accum: string[] = [];
  const fail = (ctor: typeof SyntaxError | typeof RangeError, msg: string): never => {
    throw new ctor(
      `Cannot interpolate "${option}"${where({ file, line: start.line, section })}: ${msg}`,
    );
  };

  const visit = (sect: string, opt: string, value: string, depth: number): void => {
    const map = index.get(sect)?.options;
    const rawval = map?.get(opt)?.raw ?? value;
    if (depth > MAX_DEPTH) {
      fail(RangeError, `interpolation cycle or references nested over ${MAX_DEPTH} deep`);
    }
    let rest = value;
    while (rest) {
      const p = rest.indexOf("$");
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === "$") {
        accum.push("$");
        rest = rest.slice(2);
        continue;
      }
      if (c !== "{") {
        fail(SyntaxError, `"$" must be followed by "$" or "{", found ${JSON.stringify(rest)}`);
      }
      KEYCRE.lastIndex = 0;
      const m = KEYCRE.exec(rest);
      if (m === null) fail(SyntaxError, `unterminated or empty reference ${JSON.stringify(rest)}`);
      const origVar = m![1]!;
      rest = rest.slice(m![0].length);
      const dotted = origVar.replaceAll(":", ".");
      const cut = dotted.lastIndexOf(".");
      let targetSect = sect;
      let targetOpt = opt;
      let v: string;
      const missing = (): never =>
        fail(RangeError, `reference \${${origVar}} points to no value or section`);
      if (cut < 0) {
        targetOpt = dotted;
        const own = map?.get(dotted);
        const isSectionRef = own === undefined || own.raw.trim() === rawval.trim();
        if (!isSectionRef) v = own!.raw;
        else {
          if (!index.has(dotted)) missing();
          v = `"${SECTION_PREFIX}${dotted}"`;
        }
      } else {
        targetSect = dotted.slice(0, cut);
        targetOpt = dotted.slice(cut + 1);
        const found = index.get(targetSect)?.options.get(targetOpt);
        if (found !== undefined) v = found.raw;
        else {
          if (!index.has(dotted)) missing();
          v = `"${SECTION_PREFIX}${dotted}"`;
        }
      }
      if (v.includes("$")) visit(targetSect, targetOpt, v, depth + 1);
      else accum.push(v);
    }
  };

  visit(section, option, start.raw, 1);
  if (accum.length === 1) return accum[0]!;
  return accum.map(coerceForString).join("");
}
