/**
 * Plain text tables for `info`, `debug` and error output.
 *
 * @module
 */

/**
 * Left-aligned columns, two spaces apart, padded to the widest cell.
 *
 * @param rows the rows (cells are strings or numbers)
 * @param align per column, `"l"` (default) or `"r"`
 * @returns the lines, without trailing spaces
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTable } from "@weft/cli";
 * assert.deepEqual(formatTable([["a", 1], ["bcd", 22]], ["l", "r"]), ["a     1", "bcd  22"]);
 * ```
 */
export function formatTable(
  rows: readonly (readonly (string | number)[])[],
  align: readonly ("l" | "r")[] = [],
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => widths[i] = Math.max(widths[i] ?? 0, String(c).length));
  }
  return rows.map((row) =>
    row.map((c, i) => {
      const s = String(c);
      return align[i] === "r" ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
    }).join("  ").trimEnd()
  );
}
