/**
 * The line-level reader of config files, following Python's `configparser`
 * as confection sets it up: `[section]` headers, `key = value` or
 * `key: value`, full-line `#`/`;` comments, values continued on deeper
 * indented lines (blank lines inside kept), case-preserved keys, no
 * duplicate sections or keys.
 *
 * @module
 */

/** One `key = value` of a section, before interpolation. */
export interface RawOption {
  /** The value text, continuation lines joined with `\n`. */
  readonly raw: string;
  /** 1-based line of the key. */
  readonly line: number;
}

/** One `[section]` with its options, in file order. */
export interface RawSection {
  /** The name between the brackets. */
  readonly name: string;
  /** 1-based line of the header. */
  readonly line: number;
  /** Options in file order. */
  readonly options: Map<string, RawOption>;
}

/** Where a problem is: file, line, section. */
export interface Where {
  /** File name, when read from disk. */
  readonly file?: string | undefined;
  /** 1-based line. */
  readonly line?: number | undefined;
  /** Section name. */
  readonly section?: string | undefined;
}

/** Formats ` (file, line 3, [a.b])` for error messages. */
export function where(w: Where): string {
  const parts: string[] = [];
  if (w.file !== undefined) parts.push(w.file);
  if (w.line !== undefined) parts.push(`line ${w.line}`);
  if (w.section !== undefined) parts.push(`[${w.section}]`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

// Python's str.isspace() set, which str.strip() and the regex \s use.
const PY_SPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEAD = new RegExp(`^[${PY_SPACE}]+`);
const TRAIL = new RegExp(`[${PY_SPACE}]+$`);
const NONSPACE = new RegExp(`[^${PY_SPACE}]`);
const OPTION = new RegExp(`^(.*?)[${PY_SPACE}]*([=:])[${PY_SPACE}]*(.*)$`, "s");

/** Python's `str.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEAD, "").replace(TRAIL, "");
}

/** Python's `str.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAIL, "");
}

/**
 * Reads the sections of a config text.
 *
 * @param text The config text (lines split on `\n`).
 * @param file The file name, for error messages.
 * @returns The sections, in file order (an empty `[DEFAULT]` is dropped).
 * @throws {SyntaxError} Naming file, line and section, for: a value outside a
 *   section, a line that is neither header nor `key = value` (an unclosed
 *   `[section` among them), an empty key, a duplicate section or key, values
 *   in `[DEFAULT]`.
 */
export function readIni(text: string, file?: string): RawSection[] {
  const sections = new Map<string, RawSection>();
  const lines = text.split("\n");
  let cur: RawSection | undefined;
  let curName: string | undefined;
  let optName: string | undefined;
  let optLines: string[] = [];
  let optLine = 0;
  let indent = 0;
  const flush = () => {
    if (cur !== undefined && optName !== undefined) {
      cur.options.set(optName, { raw: pyRstrip(optLines.join("\n")), line: optLine });
    }
  };
  const fail = (msg: string, line: number): never => {
    throw new SyntaxError(`Cannot parse config${where({ file, line, section: curName })}: ${msg}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const lineno = i + 1;
    const line = lines[i]!;
    const stripped = pyStrip(line);
    if (stripped.startsWith("#") || stripped.startsWith(";")) continue;
    if (stripped === "") {
      if (optName !== undefined) optLines.push("");
      continue;
    }
    const first = NONSPACE.exec(line);
    const level = first ? first.index : 0;
    if (cur !== undefined && optName !== undefined && level > indent) {
      optLines.push(stripped);
      continue;
    }
    indent = level;
    const close = stripped.lastIndexOf("]");
    if (stripped.startsWith("[") && close >= 2) {
      flush();
      optName = undefined;
      const name = stripped.slice(1, close);
      if (sections.has(name)) {
        curName = name;
        fail(
          `duplicate section [${name}] (first defined on line ${sections.get(name)!.line})`,
          lineno,
        );
      }
      curName = name;
      cur = { name, line: lineno, options: new Map() };
      sections.set(name, cur);
      continue;
    }
    if (cur === undefined) {
      fail(`value outside a section: ${JSON.stringify(stripped)}`, lineno);
    }
    const m = OPTION.exec(stripped);
    if (m === null) {
      const hint = stripped.startsWith("[")
        ? "unclosed section header"
        : "expected a [section] header or a key = value line";
      fail(`${hint}: ${JSON.stringify(stripped)}`, lineno);
    }
    const key = m![1]!;
    if (key === "") fail(`missing key before "${m![2]}": ${JSON.stringify(stripped)}`, lineno);
    flush();
    const existing = cur!.options.get(key);
    if (existing !== undefined) {
      fail(`duplicate key "${key}" (first defined on line ${existing.line})`, lineno);
    }
    optName = key;
    optLine = lineno;
    optLines = [pyStrip(m![3]!)];
  }
  flush();
  const defaults = sections.get("DEFAULT");
  if (defaults !== undefined) {
    if (defaults.options.size) {
      const [key, opt] = [...defaults.options][0]!;
      throw new SyntaxError(
        `Cannot parse config${
          where({ file, line: opt.line, section: "DEFAULT" })
        }: value "${key}" is not part of a section ([DEFAULT] values are not supported)`,
      );
    }
    sections.delete("DEFAULT");
  }
  return [...sections.values()];
}
