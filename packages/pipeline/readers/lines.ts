/**
 * Line iteration over strings and files, shared by the line-based readers.
 *
 * @module
 */

/** A parser that consumes one line at a time and emits a record when one is complete. */
export interface LineParser<T> {
  /** Consumes the next line (without its terminator); returns a finished record, if any. */
  push(line: string): T | undefined;
  /** Signals end of input; returns the last record, if one is pending. */
  end(): T | undefined;
}

/**
 * Yields the lines of `text` without their terminators (`\n` or `\r\n`).
 *
 * A final line terminator does not produce an extra empty line.
 *
 * @param text The whole text.
 * @returns The lines, in order.
 * @example Splitting mixed line endings
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitLines } from "@weft/pipeline";
 * assert.deepEqual([...splitLines("a\r\nb\n\nc\n")], ["a", "b", "", "c"]);
 * ```
 */
export function* splitLines(text: string): Generator<string> {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = n;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    yield text.slice(start, stop);
    start = end + 1;
  }
}

/**
 * Streams the lines of a UTF-8 file without reading it whole.
 *
 * @param path The file to read.
 * @returns The lines, in order, without terminators.
 * @example Reading a file line by line
 * ```ts
 * import assert from "node:assert/strict";
 * import { readLines } from "@weft/pipeline";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "one\ntwo\n");
 * const lines: string[] = [];
 * for await (const line of readLines(path)) lines.push(line);
 * assert.deepEqual(lines, ["one", "two"]);
 * await Deno.remove(path);
 * ```
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const file = await Deno.open(path, { read: true });
  const stream = file.readable.pipeThrough(new TextDecoderStream());
  let rest = "";
  for await (const chunk of stream) {
    const text = rest + chunk;
    const last = text.lastIndexOf("\n");
    if (last < 0) {
      rest = text;
      continue;
    }
    yield* splitLines(text.slice(0, last + 1));
    rest = text.slice(last + 1);
  }
  if (rest.length > 0) yield* splitLines(rest);
}

/**
 * Runs a line parser over a whole text and collects its records.
 *
 * @param parser A fresh parser.
 * @param text The input text.
 * @returns Every record, in order.
 * @example Collecting records
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseLines } from "@weft/pipeline";
 * const upper = { push: (l: string) => (l ? l.toUpperCase() : undefined), end: () => undefined };
 * assert.deepEqual(parseLines(upper, "a\n\nb"), ["A", "B"]);
 * ```
 */
export function parseLines<T>(parser: LineParser<T>, text: string): T[] {
  const out: T[] = [];
  // The same walk as splitLines, inlined: this is the hot loop of every reader.
  const n = text.length;
  // A byte order mark is not part of the first line.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = n;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const record = parser.push(text.slice(start, stop));
    if (record !== undefined) out.push(record);
    start = end + 1;
  }
  const last = parser.end();
  if (last !== undefined) out.push(last);
  return out;
}

/**
 * Runs a line parser over a streamed file, yielding records as they complete.
 *
 * @param parser A fresh parser.
 * @param path The file to read.
 * @returns The records, in order.
 * @example Streaming records from a file
 * ```ts
 * import assert from "node:assert/strict";
 * import { streamLines } from "@weft/pipeline";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "x\ny\n");
 * const parser = { push: (l: string) => l.length, end: () => undefined };
 * const got: number[] = [];
 * for await (const n of streamLines(parser, path)) got.push(n);
 * assert.deepEqual(got, [1, 1]);
 * await Deno.remove(path);
 * ```
 */
export async function* streamLines<T>(parser: LineParser<T>, path: string): AsyncGenerator<T> {
  for await (const line of readLines(path)) {
    const record = parser.push(line);
    if (record !== undefined) yield record;
  }
  const last = parser.end();
  if (last !== undefined) yield last;
}
