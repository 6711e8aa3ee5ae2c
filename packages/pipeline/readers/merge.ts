/**
 * Joining sentence records into multi-sentence documents.
 *
 * @module
 */

import type { DocRecord, MultiwordToken, SpanOffset } from "./types.ts";

const LISTS = ["tags", "pos", "morphs", "lemmas", "deps", "entities"] as const;

/**
 * Concatenates records into one document record, as spaCy's `Doc.from_docs` does.
 *
 * A space is added after each part whose last word had none, heads and multiword tokens are
 * shifted (span offsets by the characters before the part), `sent_starts` mark every part's first word (when a part has none), and an
 * annotation list is kept only when every part has it. `cats` and `meta` come from the first
 * part; `text` is the parts' texts joined by spaces when all have one.
 *
 * @param records The parts, in order (at least one).
 * @returns The joined record.
 * @throws {RangeError} When `records` is empty.
 * @example Two sentences
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeRecords } from "@weft/pipeline";
 * const a = { words: ["Hi", "."], spaces: [false, false], heads: [0, 0] };
 * const b = { words: ["Bye"], spaces: [false], heads: [0] };
 * const doc = mergeRecords([a, b]);
 * assert.deepEqual(doc.words, ["Hi", ".", "Bye"]);
 * assert.deepEqual(doc.spaces, [false, true, false]);
 * assert.deepEqual(doc.heads, [0, 0, 2]);
 * assert.deepEqual(doc.sent_starts, [1, 0, 1]);
 * ```
 */
export function mergeRecords(records: DocRecord[]): DocRecord {
  const first = records[0];
  if (first === undefined) throw new RangeError("Cannot merge records: no records given");
  if (records.length === 1) return first;
  const words: string[] = [];
  const spaces: boolean[] = [];
  const heads: number[] = [];
  const starts: number[] = [];
  const mwts: MultiwordToken[] = [];
  const lists: Partial<Record<(typeof LISTS)[number], string[]>> = {};
  for (const key of LISTS) if (records.every((r) => r[key] !== undefined)) lists[key] = [];
  const withHeads = records.every((r) => r.heads !== undefined);
  const spans: Record<string, SpanOffset[]> = {};
  let chars = 0;
  for (let p = 0; p < records.length; p++) {
    const r = records[p] as DocRecord;
    const offset = words.length;
    if (p > 0 && offset > 0 && !spaces[offset - 1]) {
      spaces[offset - 1] = true;
      chars++;
    }
    for (const [key, group] of Object.entries(r.spans ?? {})) {
      (spans[key] ??= []).push(
        ...group.map((s): SpanOffset => [s[0] + chars, s[1] + chars, ...s.slice(2)] as SpanOffset),
      );
    }
    r.words.forEach((w, i) => (chars += w.length + (r.spaces[i] ? 1 : 0)));
    words.push(...r.words);
    spaces.push(...r.spaces);
    if (withHeads) { for (const h of r.heads as number[]) heads.push(h + offset); }
    if (r.sent_starts) starts.push(...r.sent_starts);
    else for (let i = 0; i < r.words.length; i++) starts.push(i === 0 ? 1 : 0);
    for (const m of r.multiwordTokens ?? []) {
      mwts.push({ start: m.start + offset, end: m.end + offset, form: m.form });
    }
    for (const key of LISTS) lists[key]?.push(...(r[key] as string[]));
  }
  const out: DocRecord = { words, spaces, ...lists, sent_starts: starts };
  if (withHeads) out.heads = heads;
  if (mwts.length > 0) out.multiwordTokens = mwts;
  if (Object.keys(spans).length > 0) out.spans = spans;
  if (first.cats) out.cats = first.cats;
  if (records.every((r) => r.text !== undefined)) out.text = records.map((r) => r.text).join(" ");
  if (first.meta) out.meta = first.meta;
  return out;
}
