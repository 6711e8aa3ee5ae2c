/**
 * Character-offset entities to BILUO tags, for JSONL records.
 *
 * @module
 */

import type { DocRecord, SpanOffset } from "./types.ts";

/**
 * Turns `[start, end, label]` character offsets into BILUO tags over a record's words.
 *
 * @param ents The offsets, as parsed from JSON.
 * @param record The record whose words and spaces give the character positions.
 * @param text The record's text, when it has one (must not be longer than the words).
 * @param where Names the record in error messages (`file:line`).
 * @returns One BILUO tag per word.
 * @throws {TypeError} An entry that is not a `[start, end, label]` triple.
 * @throws {RangeError} Offsets off word boundaries, or overlapping entities.
 */
export function offsetsToBiluo(
  ents: unknown[],
  record: DocRecord,
  text: string | undefined,
  where: string,
): string[] {
  const { words, spaces } = record;
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  let pos = 0;
  for (let i = 0; i < words.length; i++) {
    starts.set(pos, i);
    pos += (words[i] as string).length;
    ends.set(pos, i);
    if (spaces[i]) pos++;
  }
  if (text !== undefined && text.length > pos) {
    throw new RangeError(`Invalid record in ${where}: "text" is longer than its words and spaces`);
  }
  const tags = new Array<string>(words.length).fill("O");
  for (const e of ents) {
    if (
      !Array.isArray(e) || e.length !== 3 || !Number.isInteger(e[0]) || !Number.isInteger(e[1]) ||
      typeof e[2] !== "string"
    ) {
      throw new TypeError(
        `Invalid record in ${where}: entities must be tags or [start, end, label] triples`,
      );
    }
    const [s, t, label] = e as [number, number, string];
    const a = starts.get(s);
    const b = ends.get(t);
    if (a === undefined || b === undefined || b < a) {
      throw new RangeError(
        `Invalid record in ${where}: entity [${s}, ${t}, "${label}"] does not match word boundaries`,
      );
    }
    for (let i = a; i <= b; i++) {
      if (tags[i] !== "O") {
        throw new RangeError(`Invalid record in ${where}: overlapping entities at word ${i}`);
      }
      tags[i] = a === b
        ? `U-${label}`
        : i === a
        ? `B-${label}`
        : i === b
        ? `L-${label}`
        : `I-${label}`;
    }
  }
  return tags;
}

/**
 * Checks a JSONL `spans` value: an object of span groups, each a list of
 * `[start, end, label]` or `[start, end, label, kbId]` with `0 <= start <= end`.
 *
 * @param value The parsed `spans` value.
 * @param where Names the record in error messages (`file:line`).
 * @returns The same value, typed.
 * @throws {TypeError} A value of the wrong shape.
 */
export function checkSpans(value: unknown, where: string): Record<string, SpanOffset[]> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`Invalid record in ${where}: "spans" must be an object of span lists`);
  }
  for (const [key, group] of Object.entries(value)) {
    const ok = Array.isArray(group) &&
      group.every((s) =>
        Array.isArray(s) && (s.length === 3 || s.length === 4) && Number.isInteger(s[0]) &&
        Number.isInteger(s[1]) && s[0] >= 0 && s[1] >= s[0] &&
        s.slice(2).every((x: unknown) => typeof x === "string")
      );
    if (!ok) {
      throw new TypeError(
        `Invalid record in ${where}: spans["${key}"] must hold [start, end, label] lists`,
      );
    }
  }
  return value as Record<string, SpanOffset[]>;
}
