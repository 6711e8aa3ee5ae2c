/**
 * CoNLL-U reader: one record per sentence, syntactic words as words.
 *
 * @module
 */

import type { DocMeta, DocRecord, EmptyNode, MultiwordToken, ReaderOptions } from "./types.ts";
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

interface Row {
  cols: string[];
  line: number;
}

/** Parses a string of ASCII digits; returns -1 for anything else. */
function digits(s: string): number {
  if (s.length === 0 || s.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function hasSpaceAfterNo(misc: string): boolean {
  if (misc === "_" || misc.indexOf("SpaceAfter=No") < 0) return false;
  return misc.split("|").includes("SpaceAfter=No");
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
    const built = this.#build(rows);
    const record = this.#merge ? mergeMultiwordTokens(built) : built;
    this.#rows = [];
    this.#comments = [];
    this.#sentId = undefined;
    this.#text = undefined;
    this.#startLine = 0;
    this.#count++;
    return record;
  }

  #error(line: number, detail: string): string {
    return `Invalid CoNLL-U in ${this.#file}:${line}: ${detail}`;
  }

  #build(rows: Row[]): DocRecord {
    const words: string[] = [];
    const spaces: boolean[] = [];
    const tags: string[] = [];
    const pos: string[] = [];
    const morphs: string[] = [];
    const lemmas: string[] = [];
    const headCols: string[] = [];
    const headLines: number[] = [];
    const deps: string[] = [];
    const mwts: MultiwordToken[] = [];
    const empty: EmptyNode[] = [];
    let mwtEnd = 0;
    let mwtSpace = true;
    for (const { cols, line } of rows) {
      const id = cols[0] as string;
      const n = digits(id);
      if (n < 0) {
        const dash = id.indexOf("-");
        const dot = id.indexOf(".");
        if (dash > 0) {
          const a = digits(id.slice(0, dash));
          const b = digits(id.slice(dash + 1));
          if (a < 0 || b < 0) throw new SyntaxError(this.#error(line, `invalid token ID "${id}"`));
          if (a !== words.length + 1 || b < a) {
            throw new RangeError(
              this.#error(
                line,
                `multiword token range "${id}" does not start at word ${words.length + 1}`,
              ),
            );
          }
          mwts.push({ start: a - 1, end: b, form: cols[1] as string });
          mwtEnd = b;
          mwtSpace = !hasSpaceAfterNo(cols[9] as string);
        } else if (dot > 0 && digits(id.slice(0, dot)) >= 0 && digits(id.slice(dot + 1)) >= 0) {
          empty.push({ id, columns: cols });
        } else {
          throw new SyntaxError(this.#error(line, `invalid token ID "${id}"`));
        }
        continue;
      }
      if (n !== words.length + 1) {
        throw new RangeError(
          this.#error(line, `token ID ${n} out of sequence, expected ${words.length + 1}`),
        );
      }
      words.push(cols[1] as string);
      if (n < mwtEnd) spaces.push(false);
      else if (n === mwtEnd) spaces.push(mwtSpace);
      else spaces.push(!hasSpaceAfterNo(cols[9] as string));
      const upos = cols[3] as string;
      const xpos = cols[4] as string;
      tags.push(xpos === "_" ? upos : xpos);
      pos.push(upos === "_" ? "" : upos);
      const feats = cols[5] as string;
      morphs.push(feats === "_" ? "" : feats);
      lemmas.push(cols[2] as string);
      headCols.push(cols[6] as string);
      headLines.push(line);
      const dep = cols[7] as string;
      deps.push(dep === "root" ? "ROOT" : dep);
    }
    const first = rows[0] as Row;
    if (words.length === 0) throw new SyntaxError(this.#error(first.line, "sentence has no words"));
    if (mwtEnd > words.length) {
      throw new RangeError(
        this.#error(first.line, `multiword token ends at ${mwtEnd}, past the last word`),
      );
    }
    const heads = new Array<number>(words.length);
    for (let i = 0; i < words.length; i++) {
      const col = headCols[i] as string;
      if (col === "_") {
        heads[i] = i;
        continue;
      }
      const h = digits(col);
      if (h < 0) {
        throw new SyntaxError(this.#error(headLines[i] as number, `invalid head "${col}"`));
      }
      if (h > words.length) {
        throw new RangeError(
          this.#error(headLines[i] as number, `head ${h} is past the last word (${words.length})`),
        );
      }
      heads[i] = h === 0 ? i : h - 1;
    }
    const sentStarts = new Array<number>(words.length).fill(0);
    sentStarts[0] = 1;
    const meta: DocMeta = { file: this.#file, line: this.#startLine };
    if (this.#sentId !== undefined) meta.sentId = this.#sentId;
    if (this.#docId !== undefined) meta.docId = this.#docId;
    if (this.#comments.length > 0) meta.comments = this.#comments;
    if (empty.length > 0) meta.emptyNodes = empty;
    const record: DocRecord = {
      words,
      spaces,
      tags,
      pos,
      morphs,
      lemmas,
      heads,
      deps,
      sent_starts: sentStarts,
    };
    if (this.#text !== undefined) record.text = this.#text;
    if (mwts.length > 0) record.multiwordTokens = mwts;
    record.meta = meta;
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

/**
 * Rebuilds the text a record stands for, with multiword tokens in their surface form.
 *
 * This is the text of the `Doc` the record makes, so it ends with a space when the last
 * word has one.
 *
 * @param record A record.
 * @returns The text.
 * @example French contractions come back as written
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordText } from "@weft/pipeline";
 * const record = {
 *   words: ["Il", "va", "à", "le", "marché"],
 *   spaces: [true, true, false, true, false],
 *   multiwordTokens: [{ start: 2, end: 4, form: "au" }],
 * };
 * assert.equal(recordText(record), "Il va au marché");
 * ```
 */
export function recordText(record: DocRecord): string {
  const { words, spaces } = record;
  const mwts = record.multiwordTokens ?? [];
  let out = "";
  let m = 0;
  for (let i = 0; i < words.length; i++) {
    const mwt = mwts[m];
    if (mwt !== undefined && mwt.start === i) {
      out += mwt.form;
      i = mwt.end - 1;
      m++;
    } else {
      out += words[i];
    }
    if (spaces[i]) out += " ";
  }
  return out;
}
