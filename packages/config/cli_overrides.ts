/**
 * Command-line config overrides, as spaCy's CLI reads them.
 *
 * @module
 */

import { loadJson } from "./json_value.ts";

/**
 * Reads `--section.key value`, `--section.key=value` and `--section.flag`
 * arguments into an overrides map for `Config.fromStr(text, { overrides })`.
 * Values are read as JSON, falling back to the plain string; a flag with no
 * value is `true`. As in spaCy, `-` in the key of the `--key=value` form reads
 * as `_`. Keys without a dot are kept (spaCy's CLI rejects them, and so does
 * `Config.fromStr`, which can only override values inside sections).
 *
 * @param argv The arguments, e.g. `Deno.args` after the command's own.
 * @returns Overrides by dotted key, in argument order.
 * @throws {SyntaxError} For an argument that does not start with `--`.
 *
 * @example Reading CLI overrides
 * ```ts
 * import { parseCliOverrides } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   parseCliOverrides(["--paths.train", "./x", "--training.max_epochs=5", "--flag"]),
 *   { "paths.train": "./x", "training.max_epochs": 5, flag: true },
 * );
 * ```
 */
export function parseCliOverrides(argv: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const args = [...argv];
  while (args.length) {
    const arg = args.shift()!;
    if (!arg.startsWith("--")) {
      throw new SyntaxError(`Invalid config override "${arg}": name should start with --`);
    }
    let key = arg.replaceAll("--", "");
    let value: string;
    const eq = key.indexOf("=");
    if (eq >= 0) {
      value = key.slice(eq + 1);
      key = key.slice(0, eq).replaceAll("-", "_");
    } else if (args.length === 0 || args[0]!.startsWith("--")) {
      value = "true";
    } else {
      value = args.shift()!;
    }
    const parsed = loadJson(value);
    Object.defineProperty(result, key, {
      value: parsed.ok ? parsed.value : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
