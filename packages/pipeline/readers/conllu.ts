/**
 * CoNLL-U reader: one record per sentence, syntactic words as words.
 *
 * @module
 */

import type { DocRecord, ReaderOptions } from "./types.ts";
import { buildSentence, type Row } from "./conllu_sentence.ts";
import { type LineParser, parseLines, streamLines } from "./lines.ts";
import { mergeMultiwordTokens } from "./multiword.ts";

/** Options for {@linkcode ConlluParser}. */
export interface ConlluOptions extends ReaderOptions {
  /**
   * `"split"` (default): words are the syntactic words, with `multiwordTokens` spans;
   * `"merge"`: each multiword token becomes one word ({@linkcode mergeMultiwordTokens}).
   */
  multiword?: "split" | "merge";
}

/**
 * Incremental CoNLL-U parser: feed it lines, get a {@linkcode DocRecord} per sentence.
 *
 * Multiword tokens (`1-2`) become {@linkcode MultiwordToken}s over the syntactic words,
 * empty nodes (`8.1`) go to `meta.emptyNodes`, `# text`, `# sent_id` and `# newdoc id`
 * go to `text`, `meta.sentId` and `meta.docId`, other comments to `meta.comments`.
 *
 * @example Parsing a sentence with a multiword token
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConlluParser, parseLines } from "@weft/pipeline";
 * const text = [
 *   "# text = Don't!",
 *   "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No",
 *   "1\tDo\tdo\tAUX\tVB\t_\t0\troot\t_\t_",
 *   "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_",
 *   "3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_",
 * ].join("\n");
 * const [record] = parseLines(new ConlluParser(), text);
 * assert.deepEqual(record?.words, ["Do", "n't", "!"]);
 * assert.deepEqual(record?.spaces, [false, false, true]);
 * assert.deepEqual(record?.heads, [0, 0, 0]);
 * assert.deepEqual(record?.multiwordTokens, [{ start: 0, end: 2, form: "Don't" }]);
 * ```
 */
export class ConlluParser implements LineParser<DocRecord> {
  readonly #file: string;
  readonly #merge: boolean;
  #lineNo = 0;
  #startLine = 0;
  #count = 0;
  #docId: string | undefined;
  #sentId: string | undefined;
  #text: string | undefined;
  #comments: string[] = [];
  #rows: Row[] = [];

  /**
   * Creates a parser.
   *
   * @param options `file` names the input in records and errors; `multiword` picks the words.
   */
  constructor(options: ConlluOptions = {}) {
    this.#file = options.file ?? "<input>";
    this.#merge = options.multiword === "merge";
  }

  /**
   * Consumes one line; returns the sentence it completes, if any.
   *
   * @param line One line without its terminator.
   * @returns The finished sentence at a blank line.
   * @throws {SyntaxError} A malformed line, naming file and line.
   */
  push(line: string): DocRecord | undefined {
    const lineNo = ++this.#lineNo;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) {
      return this.#flush();
    }
    if (this.#startLine === 0) this.#startLine = lineNo;
    if (line.charCodeAt(0) === 35 /* # */) {
      if (this.#rows.length > 0) {
        throw new SyntaxError(
          `Invalid CoNLL-U in ${this.#file}:${lineNo}: comment inside a sentence (missing blank line?)`,
        );
      }
      this.#comment(line);
      return undefined;
    }
    const cols = line.split("\t");
    if (cols.length !== 10) {
      throw new SyntaxError(
        `Invalid CoNLL-U in ${this.#file}:${lineNo}: expected 10 tab-separated columns, found ${cols.length}`,
      );
    }
    this.#rows.push({ cols, line: lineNo });
    return undefined;
  }

  /**
   * Ends the input; returns the last sentence if the input lacked a final blank line.
   *
   * @returns The pending sentence, if any.
   * @throws {SyntaxError} When the whole input held no sentence.
   */
  end(): DocRecord | undefined {
    const last = this.#flush();
    if (last === undefined && this.#count === 0) {
      throw new SyntaxError(
        `Invalid CoNLL-U in ${this.#file}:${this.#lineNo + 1}: no sentences found`,
      );
    }
    return last;
  }

  #comment(line: string): void {
    const body = line.slice(1).trim();
    const eq = body.indexOf("=");
    const key = (eq < 0 ? body : body.slice(0, eq)).trim();
    const value = eq < 0 ? "" : body.slice(eq + 1).trim();
    if (key === "text") this.#text = value;
    else if (key === "sent_id") this.#sentId = value;
    else if (key === "newdoc id" || key === "newdoc") this.#docId = value || undefined;
    else this.#comments.push(body);
  }

  #flush(): DocRecord | undefined {
    const rows = this.#rows;
    if (rows.length === 0) {
      if (this.#sentId !== undefined || this.#text !== undefined || this.#comments.length > 0) {
        throw new SyntaxError(
          `Invalid CoNLL-U in ${this.#file}:${this.#startLine}: sentence has comments but no tokens`,
        );
      }
      return undefined;
    }
    const built = buildSentence(rows, {
      file: this.#file,
      startLine: this.#startLine,
      sentId: this.#sentId,
      docId: this.#docId,
      text: this.#text,
      comments: this.#comments,
    });
    const record = this.#merge ? mergeMultiwordTokens(built) : built;
    this.#rows = [];
    this.#comments = [];
    this.#sentId = undefined;
    this.#text = undefined;
    this.#startLine = 0;
    this.#count++;
    return record;
  }
}

/**
 * Parses CoNLL-U text into one record per sentence.
 *
 * @param text The CoNLL-U text.
 * @param options `file` names the input in records and errors; `multiword` picks the words.
 * @returns The sentences, in order.
 * @throws {SyntaxError} Malformed lines (wrong column count, bad IDs or heads), naming file and line.
 * @throws {RangeError} IDs out of sequence or heads past the sentence end.
 * @example Reading heads, deps and spaces
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConllu } from "@weft/pipeline";
 * const text = "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";
 * const [s] = parseConllu(text, { file: "hi.conllu" });
 * assert.deepEqual(s?.words, ["Hi", "!"]);
 * assert.deepEqual(s?.deps, ["ROOT", "punct"]);
 * assert.throws(() => parseConllu("1\tHi\n", { file: "bad.conllu" }), /bad\.conllu:1/);
 * ```
 */
export function parseConllu(text: string, options: ConlluOptions = {}): DocRecord[] {
  return parseLines(new ConlluParser(options), text);
}

/**
 * Streams a CoNLL-U file, yielding one record per sentence without reading the file whole.
 *
 * @param path The file to read.
 * @param options `multiword` picks the words.
 * @returns The sentences, in order.
 * @throws {SyntaxError} As {@linkcode parseConllu}.
 * @example Streaming a file
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConllu } from "@weft/pipeline";
 * const path = await Deno.makeTempFile({ suffix: ".conllu" });
 * await Deno.writeTextFile(path, "1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
 * const words: string[][] = [];
 * for await (const s of readConllu(path)) words.push(s.words);
 * assert.deepEqual(words, [["Ok"]]);
 * await Deno.remove(path);
 * ```
 */
export function readConllu(
  path: string,
  options: Omit<ConlluOptions, "file"> = {},
): AsyncGenerator<DocRecord> {
  return streamLines(new ConlluParser({ ...options, file: path }), path);
}
