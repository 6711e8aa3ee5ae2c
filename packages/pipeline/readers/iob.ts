/**
 * Token-per-line NER reader: CoNLL/IOB files such as wikigold, WNUT17 and UNER.
 *
 * @module
 */

import type { DocMeta, DocRecord, ReaderOptions } from "./types.ts";
import { type IobScheme, iobToBiluo } from "./biluo.ts";
import { type LineParser, parseLines, streamLines } from "./lines.ts";

/** Options for {@linkcode IobParser}. */
export interface IobOptions extends ReaderOptions {
  /**
   * The tag scheme. `"auto"` (default) decides per file from the first entity: a `B-` start
   * means IOB2 (strict: an `I-` that continues nothing is an error), an `I-` start means IOB1.
   */
  scheme?: IobScheme | "auto";
}

const COMMENT = /^#\s*[A-Za-z_][\w .:-]*=/;
const TAG = /^(?:O|[BIESLU]-.+)$/;

/**
 * Incremental parser for token-per-line NER files; one record per sentence.
 *
 * Accepts `FORM TAG` (space or tab separated, tag in the last column) and UNER's
 * `ID FORM TAG - ANNOTATOR` rows, blank lines between sentences, `-DOCSTART-` lines
 * (counted into `meta.docId`) and `# key = value` comments (`sent_id`, `text`; when the
 * words can be found in `# text` in order, `spaces` come from it and `text` is set).
 * Tags are converted to BILUO `entities`.
 *
 * @example IOB1 with a document marker
 * ```ts
 * import assert from "node:assert/strict";
 * import { IobParser, parseLines } from "@weft/pipeline";
 * const text = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nplay O\n";
 * const [s] = parseLines(new IobParser(), text);
 * assert.deepEqual(s?.entities, ["B-ORG", "I-ORG", "L-ORG", "O"]);
 * assert.equal(s?.meta?.docId, "1");
 * ```
 */
export class IobParser implements LineParser<DocRecord> {
  readonly #file: string;
  #scheme: IobScheme | "auto";
  #lineNo = 0;
  #count = 0;
  #docs = 0;
  #layout: "id-form-tag" | "form-tag" | undefined;
  #width = 0;
  #words: string[] = [];
  #tags: string[] = [];
  #lines: number[] = [];
  #startLine = 0;
  #sentId: string | undefined;
  #text: string | undefined;
  #comments: string[] = [];

  /**
   * Creates a parser.
   *
   * @param options `file` for records and errors; `scheme` for the tags.
   */
  constructor(options: IobOptions = {}) {
    this.#file = options.file ?? "<input>";
    this.#scheme = options.scheme ?? "auto";
  }

  /**
   * Consumes one line; returns the sentence it completes, if any.
   *
   * @param line One line without its terminator.
   * @returns The finished sentence at a blank line or `-DOCSTART-`.
   * @throws {SyntaxError} A malformed line or tag, naming file and line.
   * @throws {RangeError} Unbalanced IOB2 tags, naming file and line.
   */
  push(line: string): DocRecord | undefined {
    const lineNo = ++this.#lineNo;
    const trimmed = line.trim();
    if (trimmed.length === 0) return this.#flush();
    if (trimmed.startsWith("-DOCSTART-")) {
      const out = this.#flush();
      this.#docs++;
      return out;
    }
    if (this.#startLine === 0) this.#startLine = lineNo;
    if (line.charCodeAt(0) === 35 /* # */ && this.#words.length === 0 && COMMENT.test(line)) {
      const body = line.slice(1).trim();
      const eq = body.indexOf("=");
      const key = body.slice(0, eq).trim();
      const value = body.slice(eq + 1).trim();
      if (key === "sent_id") this.#sentId = value;
      else if (key === "text") this.#text = value;
      else this.#comments.push(body);
      return undefined;
    }
    const cols = line.indexOf("\t") >= 0 ? line.split("\t") : trimmed.split(/ +/);
    if (this.#layout === undefined) {
      if (cols.length < 2) throw this.#syntax(lineNo, "expected a token and a tag");
      const uner = cols.length >= 3 && /^\d+$/.test(cols[0] as string) &&
        TAG.test(cols[2] as string);
      this.#layout = uner ? "id-form-tag" : "form-tag";
      this.#width = cols.length;
    }
    if (cols.length !== this.#width) {
      throw this.#syntax(
        lineNo,
        `expected ${this.#width} columns like the first token line, found ${cols.length}`,
      );
    }
    const form = this.#layout === "id-form-tag" ? cols[1] as string : cols[0] as string;
    const tag = this.#layout === "id-form-tag"
      ? cols[2] as string
      : cols[cols.length - 1] as string;
    if (!TAG.test(tag)) throw this.#syntax(lineNo, `invalid entity tag "${tag}"`);
    this.#words.push(form);
    this.#tags.push(tag);
    this.#lines.push(lineNo);
    return undefined;
  }

  /**
   * Ends the input; returns the pending sentence, if any.
   *
   * @returns The last sentence when the input lacked a final blank line.
   * @throws {SyntaxError} When the whole input held no sentence.
   */
  end(): DocRecord | undefined {
    const last = this.#flush();
    if (last === undefined && this.#count === 0) {
      throw this.#syntax(this.#lineNo + 1, "no sentences found");
    }
    return last;
  }

  #syntax(line: number, detail: string): SyntaxError {
    return new SyntaxError(`Invalid IOB data in ${this.#file}:${line}: ${detail}`);
  }

  #decideScheme(tags: string[]): IobScheme {
    if (this.#scheme !== "auto") return this.#scheme;
    let prev = "O";
    for (const tag of tags) {
      if (tag.startsWith("B-")) return (this.#scheme = "iob2");
      if (tag.startsWith("I-") && prev.slice(2) !== tag.slice(2)) return (this.#scheme = "iob1");
      prev = tag;
    }
    return "iob2";
  }

  #flush(): DocRecord | undefined {
    const words = this.#words;
    if (words.length === 0) {
      if (this.#sentId !== undefined || this.#text !== undefined) {
        throw this.#syntax(this.#startLine, "sentence has comments but no tokens");
      }
      this.#comments = [];
      return undefined;
    }
    const lines = this.#lines;
    const entities = iobToBiluo(
      this.#tags,
      this.#decideScheme(this.#tags),
      (i) => `${this.#file}:${lines[Math.min(i, lines.length - 1)]}`,
    );
    const record: DocRecord = {
      words,
      spaces: new Array<boolean>(words.length).fill(true),
      entities,
    };
    const meta: DocMeta = { file: this.#file, line: this.#startLine };
    if (this.#docs > 0) meta.docId = String(this.#docs);
    if (this.#sentId !== undefined) meta.sentId = this.#sentId;
    const comments = this.#comments;
    if (this.#text !== undefined) {
      const spaces = spacesFromText(words, this.#text);
      if (spaces) {
        record.spaces = spaces;
        record.text = this.#text;
      } else {
        comments.push(`text = ${this.#text}`);
      }
    }
    if (comments.length > 0) meta.comments = comments;
    record.meta = meta;
    this.#words = [];
    this.#tags = [];
    this.#lines = [];
    this.#comments = [];
    this.#sentId = undefined;
    this.#text = undefined;
    this.#startLine = 0;
    this.#count++;
    return record;
  }
}

/**
 * Finds the words in `text` in order, skipping whitespace; returns their trailing spaces
 * or `undefined` when the text does not spell the words.
 */
function spacesFromText(words: string[], text: string): boolean[] | undefined {
  const spaces = new Array<boolean>(words.length);
  let pos = 0;
  for (let i = 0; i < words.length; i++) {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
    const word = words[i] as string;
    if (!text.startsWith(word, pos)) return undefined;
    pos += word.length;
    spaces[i] = pos >= text.length || text[pos] === " ";
  }
  return pos === text.trimEnd().length ? spaces : undefined;
}

/**
 * Parses token-per-line NER text (IOB1/IOB2) into one record per sentence.
 *
 * @param text The file's text.
 * @param options `file` for records and errors; `scheme` for the tags.
 * @returns The sentences with BILUO `entities`.
 * @throws {SyntaxError} Malformed lines or tags, or an empty input, naming file and line.
 * @throws {RangeError} Unbalanced IOB2 tags, naming file and line.
 * @example WNUT-style IOB2 with tabs
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseIob } from "@weft/pipeline";
 * const [s] = parseIob("Visit\tO\nNew\tB-location\nYork\tI-location\n");
 * assert.deepEqual(s?.entities, ["O", "B-location", "L-location"]);
 * // The file starts with B-, so it is IOB2: an I- after O is an error.
 * assert.throws(() => parseIob("a\tB-x\n\nb\tO\nc\tI-x\n", { file: "w.conll" }), /w\.conll:4/);
 * ```
 */
export function parseIob(text: string, options: IobOptions = {}): DocRecord[] {
  return parseLines(new IobParser(options), text);
}

/**
 * Streams a token-per-line NER file, one record per sentence.
 *
 * @param path The file to read.
 * @param options `scheme` for the tags.
 * @returns The sentences, in order.
 * @throws {SyntaxError} As {@linkcode parseIob}.
 * @example Streaming a small file
 * ```ts
 * import assert from "node:assert/strict";
 * import { readIob } from "@weft/pipeline";
 * const path = await Deno.makeTempFile({ suffix: ".iob" });
 * await Deno.writeTextFile(path, "Paris B-LOC\n\nHi O\n");
 * let n = 0;
 * for await (const _ of readIob(path)) n++;
 * assert.equal(n, 2);
 * await Deno.remove(path);
 * ```
 */
export function readIob(
  path: string,
  options: Omit<IobOptions, "file"> = {},
): AsyncGenerator<DocRecord> {
  return streamLines(new IobParser({ ...options, file: path }), path);
}
