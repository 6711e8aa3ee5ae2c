/**
 * JSON text as Python's `json.dumps(value, indent=2)` writes it: `NaN` and
 * `Infinity` are kept (config values may hold them), keys in insertion order.
 *
 * @module
 */

/**
 * Serialize a JSON-like value with two-space indentation; non-finite numbers
 * are written as Python writes them (`NaN`, `Infinity`, `-Infinity`).
 *
 * @param value the value (plain objects, arrays, strings, numbers, booleans, null)
 * @param indent spaces per level (default 2)
 * @returns the text
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toJsonText } from "@weft/cli";
 * assert.equal(toJsonText({ a: [1, Infinity] }), '{\n  "a": [\n    1,\n    Infinity\n  ]\n}');
 * assert.equal(toJsonText({}), "{}");
 * ```
 */
export function toJsonText(value: unknown, indent = 2): string {
  const write = (v: unknown, depth: number): string => {
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "NaN";
      if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
      return JSON.stringify(v);
    }
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
    const pad = " ".repeat(indent * (depth + 1));
    const end = " ".repeat(indent * depth);
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[\n${v.map((x) => pad + write(x, depth + 1)).join(",\n")}\n${end}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${
      entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${write(x, depth + 1)}`).join(",\n")
    }\n${end}}`;
  };
  return write(value, 0);
}

/**
 * Parse JSON text that may hold bare `NaN`, `Infinity` and `-Infinity` (as
 * Python writes them).
 *
 * @param text the text
 * @returns the value
 * @throws {SyntaxError} for text that is not JSON
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJsonText } from "@weft/cli";
 * assert.deepEqual(parseJsonText('{"a": [NaN, -Infinity, "NaN"]}'), { a: [NaN, -Infinity, "NaN"] });
 * ```
 */
export function parseJsonText(text: string): unknown {
  const marks: Record<string, number> = {
    "NaN": NaN,
    "Infinity": Infinity,
    "-Infinity": -Infinity,
  };
  const tag = "\u0000weft-number:";
  const safe = text.replace(
    /("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g,
    (m, str: string | undefined) => str !== undefined ? m : JSON.stringify(tag + m),
  );
  return JSON.parse(safe, (_k, v) => {
    if (typeof v === "string" && v.startsWith(tag)) return marks[v.slice(tag.length)];
    return v;
  });
}
