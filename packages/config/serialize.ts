/**
 * From nested config data back to config text, as confection writes it:
 * sections breadth-first (children after all sections of the level above),
 * `*` sections only when they hold values, values as Python `json.dumps`
 * with `$` escaped to `$$` except in `${...}` references.
 *
 * @module
 */

import { dumpJson } from "./json_value.ts";
import { isSection } from "./types.ts";

const VARIABLE_RE = /\$\{[\w.:]+\}/u;
const KEYCRE = /\$\{[^}]+\}/g;

/**
 * confection's `try_dump_json`: strings holding a `${...}` variable are kept
 * as they are, everything else is dumped as JSON with a lone `$` doubled.
 *
 * @param value The value.
 * @returns The value's text in a config file.
 * @throws {TypeError} For values that JSON cannot hold.
 */
export function dumpValue(value: unknown): string {
  if (typeof value === "string" && VARIABLE_RE.test(value)) return value;
  return dumpJson(value).replace(/\$(?!\{)/g, "$$$$");
}

/**
 * Writes nested config data as config text.
 *
 * @param data The config data (top-level values must all be sections).
 * @param interpolate Check that `$` is used validly, as configparser does when it interpolates.
 * @returns The text, with no trailing newline.
 * @throws {TypeError} For top-level values that are not sections, values that
 *   are not JSON, and (with `interpolate`) strings with a stray `${`.
 */
export function serializeConfig(data: Record<string, unknown>, interpolate = true): string {
  const sections = new Map<string, [string, string][]>();
  const queue: [string[], Record<string, unknown>][] = [[[], data]];
  for (let q = 0; q < queue.length; q++) {
    const [path, node] = queue[q]!;
    const name = path.join(".");
    const isKwarg = path.length > 0 && path.at(-1) !== "*";
    const hasLeaves = Object.values(node).some((v) => !isSection(v));
    if ((path.length > 0 && hasLeaves) || isKwarg) {
      if (!sections.has(name)) sections.set(name, []);
    }
    for (const [key, value] of Object.entries(node)) {
      if (isSection(value)) {
        queue.push([[...path, key], value]);
        continue;
      }
      if (path.length === 0) {
        throw new TypeError(
          `Cannot serialize config: top-level value "${key}" is not part of a section`,
        );
      }
      const text = dumpValue(value);
      if (interpolate) {
        const leftover = text.replaceAll("$$", "").replace(KEYCRE, "");
        if (leftover.includes("$")) {
          throw new TypeError(
            `Cannot serialize config [${name}] "${key}": invalid interpolation syntax in ${text}`,
          );
        }
      }
      sections.get(name)!.push([key, text]);
    }
  }
  const out: string[] = [];
  for (const [name, entries] of sections) {
    out.push(`[${name}]\n`);
    for (const [key, text] of entries) out.push(`${key} = ${text.replaceAll("\n", "\n\t")}\n`);
    out.push("\n");
  }
  return out.join("").trim();
}
