/**
 * From config text to the nested dict confection produces: sections become
 * nested objects (dotted names under their parents, `*` implicit), values
 * are interpolated and read as JSON, overrides are applied, and whole-section
 * references are replaced by the sections themselves.
 *
 * @module
 */

import { type RawSection, readIni, where } from "./ini.ts";
import { interpolateValue, SECTION_PREFIX, type SectionIndex } from "./interpolate.ts";
import { tryLoadJson } from "./json_value.ts";
import { serializeConfig } from "./serialize.ts";
import { type ConfigSection, isSection, setKey } from "./types.ts";

/** Options of {@linkcode parseConfig}. */
export interface ParseOptions {
  /** Resolve `${...}` references (default true). */
  readonly interpolate?: boolean;
  /** Values to set, by dotted path `section.key`; the section must exist. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** The file name, for error messages. */
  readonly file?: string | undefined;
}

/** A parsed config: its data and its sections' names in file order. */
export interface Parsed {
  /** The nested data. */
  readonly data: ConfigSection;
  /** Section names in file order. */
  readonly sections: readonly string[];
  /** 1-based line of each section (`a.b`) and value (`a.b.key`) in the text. */
  readonly lines: ReadonlyMap<string, number>;
}

const VARIABLE_RE = /\$\{[\w.:]+\}/u;

/** confection's `_interpret_value`: JSON, else the text (kept raw when it holds a variable). */
export function interpretValue(value: string): unknown {
  const result = tryLoadJson(value);
  if (typeof result === "string" && VARIABLE_RE.test(value)) return value;
  return result;
}

function validateStructure(sections: readonly RawSection[], file: string | undefined): void {
  const names = new Set(sections.map((s) => s.name));
  for (const section of sections) {
    const path = section.name.split(".");
    for (let i = 1; i < path.length; i++) {
      if (path[i - 1] === "*") continue;
      const parentParts = path.slice(0, i);
      if (!names.has(parentParts.join(".")) && !parentParts.includes("*")) {
        throw new SyntaxError(
          `Cannot parse config${
            where({ file, line: section.line, section: section.name })
          }: parent section [${parentParts.join(".")}] is not defined`,
        );
      }
    }
    for (const other of sections) {
      if (!other.name.startsWith(section.name + ".")) continue;
      const child = other.name.slice(section.name.length + 1).split(".")[0]!;
      const opt = section.options.get(child);
      if (opt !== undefined) {
        throw new SyntaxError(
          `Cannot parse config${
            where({ file, line: opt.line, section: section.name })
          }: "${child}" is both a value and the subsection [${other.name}] (line ${other.line})`,
        );
      }
    }
  }
}

function lookupPath(root: Record<string, unknown>, parts: readonly string[]): unknown {
  let node: unknown = root;
  for (const part of parts) {
    if (!isSection(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

type WhereOf = (loc: readonly string[]) => string;

function replaceSectionRefs(
  root: Record<string, unknown>,
  node: Record<string, unknown>,
  parent: string[],
  seen: Set<unknown>,
  whereOf: WhereOf,
): void {
  const ref = (value: unknown, loc: string[]): unknown => {
    if (typeof value !== "string" || !value.includes(SECTION_PREFIX) || value === SECTION_PREFIX) {
      return value;
    }
    if (value.startsWith(SECTION_PREFIX)) {
      const target = value.slice(SECTION_PREFIX.length);
      const found = lookupPath(root, target.split("."));
      if (found === undefined) {
        throw new RangeError(
          `Cannot interpolate [${loc.join(".")}]${
            whereOf(loc)
          }: section [${target}] is not defined`,
        );
      }
      return found;
    }
    throw new TypeError(
      `Cannot interpolate ${whereOf(loc)}: ` +
        "it uses a whole section (or a function block's return value) inside a string; " +
        "reference a value instead",
    );
  };
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    const loc = [...parent, key];
    if (isSection(value)) {
      if (!seen.has(value)) replaceSectionRefs(root, value, loc, seen, whereOf);
    } else if (Array.isArray(value)) {
      setKey(node, key, value.map((v) => ref(v, loc)));
    } else {
      setKey(node, key, ref(value, loc));
    }
  }
}

function checkAcyclic(node: unknown, stack: Set<unknown>, loc: string[], whereOf: WhereOf): void {
  if (!isSection(node) && !Array.isArray(node)) return;
  if (stack.has(node)) {
    throw new RangeError(
      `Cannot interpolate ${whereOf(loc)}: whole-section references form a cycle`,
    );
  }
  stack.add(node);
  const entries = Array.isArray(node)
    ? node.map((v, i) => [String(i), v] as const)
    : Object.entries(node);
  for (const [k, v] of entries) checkAcyclic(v, stack, [...loc, k], whereOf);
  stack.delete(node);
}

/**
 * Parses config text into confection's nested dict.
 *
 * @param text The config text.
 * @param options Interpolation, overrides, file name.
 * @returns The data and the section order.
 * @throws {SyntaxError} For malformed text and structure (see `readIni`),
 *   undefined parent sections, a key that is both a value and a subsection,
 *   bad `$` syntax.
 * @throws {RangeError} For missing interpolation targets, cycles and overrides of
 *   sections that do not exist.
 * @throws {TypeError} For a whole-section reference inside a string.
 */
export function parseConfig(text: string, options: ParseOptions = {}): Parsed {
  const interpolate = options.interpolate ?? true;
  const overrides = options.overrides ?? {};
  const file = options.file;
  const hasOverrides = Object.keys(overrides).length > 0;
  const sections = readIni(text, file);
  validateStructure(sections, file);
  const index: SectionIndex = new Map(sections.map((s) => [s.name, s]));
  const lines = new Map<string, number>();
  for (const s of sections) {
    lines.set(s.name, s.line);
    for (const [key, opt] of s.options) lines.set(`${s.name}.${key}`, opt.line);
  }
  const names = sections.map((s) => s.name);
  for (const key of Object.keys(overrides)) {
    const cut = key.lastIndexOf(".");
    if (cut < 0 || !index.has(key.slice(0, cut))) {
      throw new RangeError(
        `Cannot override "${key}"${where({ file })}: ` +
          (cut < 0 ? "not a section value" : `section [${key.slice(0, cut)}] is not defined`),
      );
    }
  }
  const result: Record<string, unknown> = {};
  const paths = sections.map((s) => s.name.split("."));
  for (const parts of paths) {
    let node = result;
    for (const part of parts.slice(0, -1)) {
      if (!Object.hasOwn(node, part)) setKey(node, part, {});
      node = node[part] as Record<string, unknown>;
    }
    const last = parts.at(-1)!;
    if (!Object.hasOwn(node, last)) setKey(node, last, {});
  }
  const byDepth = sections.map((s, i) => [s, paths[i]!.length] as const)
    .sort((a, b) => a[1] - b[1]);
  for (const [section] of byDepth) {
    const node = lookupPath(result, section.name.split(".")) as Record<string, unknown>;
    for (const [key, opt] of section.options) {
      const text = interpolate && !hasOverrides
        ? interpolateValue(index, section.name, key, file)
        : opt.raw;
      setKey(node, key, interpretValue(text));
    }
  }
  for (const [key, value] of Object.entries(overrides)) {
    const parts = key.split(".");
    const node = lookupPath(result, parts.slice(0, -1)) as Record<string, unknown>;
    setKey(node, parts.at(-1)!, value);
  }
  const whereOf: WhereOf = (loc) => {
    // The nearest value the text holds: a.b.key, else a.b (as key b of [a]), ...
    for (let n = loc.length; n > 0; n--) {
      const line = lines.get(loc.slice(0, n).join("."));
      if (line !== undefined) {
        const section = n > 1 ? loc.slice(0, n - 1).join(".") : undefined;
        return `"${loc[n - 1]}"${where({ file, line, section })}`;
      }
    }
    return `[${loc.join(".")}]${where({ file })}`;
  };
  replaceSectionRefs(result, result, [], new Set(), whereOf);
  checkAcyclic(result, new Set(), [], whereOf);
  if (hasOverrides && interpolate) {
    // As confection does: write the overridden config out and read it back,
    // interpolated. Lines in errors from here on refer to that text.
    const again = parseConfig(serializeConfig(result as ConfigSection), { interpolate: true });
    return { data: again.data, sections: names, lines };
  }
  return { data: result as ConfigSection, sections: names, lines };
}
