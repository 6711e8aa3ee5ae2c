/**
 * Stripping a record down to spaCy's `Example.from_dict` keys.
 *
 * @module
 */

import type { DocRecord } from "./types.ts";

/** A {@linkcode DocRecord} without the reader-only keys (`text`, `multiwordTokens`, `meta`). */
export type ExampleRecord = Omit<DocRecord, "text" | "multiwordTokens" | "meta">;

/**
 * Returns only the keys spaCy's `Example.from_dict` knows, for `Example.fromDict`.
 *
 * @param record A reader record.
 * @returns The same arrays, without `text`, `multiwordTokens` and `meta`.
 * @example Dropping provenance
 * ```ts
 * import assert from "node:assert/strict";
 * import { toExampleDict } from "@weft/pipeline";
 * const dict = toExampleDict({ words: ["Hi"], spaces: [false], text: "Hi", meta: { line: 3 } });
 * assert.deepEqual(dict, { words: ["Hi"], spaces: [false] });
 * ```
 */
export function toExampleDict(record: DocRecord): ExampleRecord {
  const { text: _text, multiwordTokens: _mwts, meta: _meta, ...rest } = record;
  return rest;
}
