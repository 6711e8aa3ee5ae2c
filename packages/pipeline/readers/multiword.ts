/**
 * Merging CoNLL-U multiword tokens into single words (spaCy's `merge_subtokens`).
 *
 * @module
 */

import type { DocRecord } from "./types.ts";

function mergeMorphs(morphs: string[]): string {
  // Union of the features, values of one feature joined by commas, features sorted.
  const byField = new Map<string, Set<string>>();
  for (const morph of morphs) {
    if (!morph) continue;
    for (const feature of morph.split("|")) {
      const eq = feature.indexOf("=");
      if (eq < 0) continue;
      const field = feature.slice(0, eq);
      let values = byField.get(field);
      if (!values) byField.set(field, values = new Set());
      for (const v of feature.slice(eq + 1).split(",")) values.add(v);
    }
  }
  return [...byField].map(([f, vs]) => `${f}=${[...vs].sort().join(",")}`).sort().join("|");
}

/**
 * Turns each multiword token of a record into one word with its surface form, as spaCy's
 * CoNLL-U converter does with `merge_subtokens`.
 *
 * The merged word takes the tags joined by `_`, the lemmas joined by a space, the union of
 * the morphological features, and the POS, head and dependency label of the span's root
 * (its first word whose head lies outside the span). Heads pointing into a merged span
 * point at the merged word. The record's text is then exactly `words` + `spaces`.
 *
 * @param record A record with `multiwordTokens` (others are returned unchanged).
 * @returns A new record without `multiwordTokens`.
 * @example French "du" = "de" + "le"
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeMultiwordTokens } from "@weft/pipeline";
 * const merged = mergeMultiwordTokens({
 *   words: ["près", "de", "le", "port"],
 *   spaces: [true, false, true, false],
 *   tags: ["ADV", "ADP", "DET", "NOUN"],
 *   lemmas: ["près", "de", "le", "port"],
 *   heads: [3, 0, 3, 3],
 *   deps: ["advmod", "fixed", "det", "ROOT"],
 *   multiwordTokens: [{ start: 1, end: 3, form: "du" }],
 * });
 * assert.deepEqual(merged.words, ["près", "du", "port"]);
 * assert.deepEqual(merged.tags, ["ADV", "ADP_DET", "NOUN"]);
 * assert.deepEqual(merged.lemmas, ["près", "de le", "port"]);
 * assert.deepEqual(merged.heads, [2, 0, 2]);
 * ```
 */
export function mergeMultiwordTokens(record: DocRecord): DocRecord {
  const mwts = record.multiwordTokens;
  if (!mwts || mwts.length === 0) return record;
  const n = record.words.length;
  // newIndex[i]: the merged position of old word i.
  const newIndex = new Int32Array(n);
  const groups: Array<[number, number]> = [];
  let m = 0;
  for (let i = 0; i < n;) {
    const mwt = mwts[m];
    const end = mwt !== undefined && mwt.start === i ? mwt.end : i + 1;
    if (mwt !== undefined && mwt.start === i) m++;
    for (let j = i; j < end; j++) newIndex[j] = groups.length;
    groups.push([i, end]);
    i = end;
  }
  const heads = record.heads;
  const rootOf = (a: number, b: number): number => {
    if (!heads) return a;
    for (let j = a; j < b; j++) {
      const h = heads[j] as number;
      if (h < a || h >= b || h === j) return j;
    }
    return a;
  };
  const out: DocRecord = { words: [], spaces: [] };
  const lists = {
    tags: record.tags ? [] as string[] : undefined,
    pos: record.pos ? [] as string[] : undefined,
    morphs: record.morphs ? [] as string[] : undefined,
    lemmas: record.lemmas ? [] as string[] : undefined,
    deps: record.deps ? [] as string[] : undefined,
    entities: record.entities ? [] as string[] : undefined,
  };
  const newHeads: number[] | undefined = heads ? [] : undefined;
  const starts: number[] | undefined = record.sent_starts ? [] : undefined;
  m = 0;
  for (const [a, b] of groups) {
    const mwt = mwts[m];
    const merged = mwt !== undefined && mwt.start === a;
    if (merged) m++;
    const root = rootOf(a, b);
    out.words.push(merged ? mwt.form : record.words[a] as string);
    out.spaces.push(record.spaces[b - 1] as boolean);
    const slice = (xs: string[] | undefined) => (xs ?? []).slice(a, b);
    lists.tags?.push(slice(record.tags).join("_"));
    lists.lemmas?.push(slice(record.lemmas).join(" "));
    lists.morphs?.push(
      b - a > 1 ? mergeMorphs(slice(record.morphs)) : record.morphs?.[a] as string,
    );
    lists.pos?.push(record.pos?.[root] as string);
    lists.deps?.push(record.deps?.[root] as string);
    lists.entities?.push(mergeEntity(slice(record.entities)));
    if (newHeads && heads) {
      const h = heads[root] as number;
      newHeads.push(h === root ? newIndex[root] as number : newIndex[h] as number);
    }
    starts?.push(record.sent_starts?.[a] as number);
  }
  for (const [key, list] of Object.entries(lists)) {
    if (list) out[key as keyof typeof lists] = list;
  }
  if (newHeads) out.heads = newHeads;
  if (starts) out.sent_starts = starts;
  if (record.cats) out.cats = record.cats;
  if (record.text !== undefined) out.text = record.text;
  if (record.meta) out.meta = record.meta;
  return out;
}

/** One BILUO tag for merged words: the entity begins or ends on the word if it did on a part. */
function mergeEntity(tags: string[]): string {
  const ents = tags.filter((t) => t !== "O");
  const first = ents[0];
  const last = ents[ents.length - 1];
  if (first === undefined || last === undefined) return tags[0] ?? "O";
  const begins = first[0] === "B" || first[0] === "U";
  const ends = last[0] === "L" || last[0] === "U";
  return `${begins ? (ends ? "U" : "B") : ends ? "L" : "I"}-${first.slice(2)}`;
}
