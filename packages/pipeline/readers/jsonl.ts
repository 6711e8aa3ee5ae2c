/**
 * JSONL reader: text classification records and pre-tokenized annotation records.
 *
 * @module
 */

import type { DocMeta, DocRecord, ReaderOptions } from "./types.ts";
import { checkBiluo, iobToBiluo } from "./biluo.ts";
import { checkSpans, offsetsToBiluo } from "./offsets.ts";
import { type LineParser, parseLines, streamLines } from "./lines.ts";
import { createTokenizer } from "../tokenizer/create.ts";

/** Splits a text into words and trailing spaces (a tokenizer's `call`). */
export type Tokenize = (text: string) => { words: string[]; spaces: boolean[] };

/** Options for {@linkcode JsonlParser}. */
export interface JsonlOptions extends ReaderOptions {
  /** Tokenizes records that only have `text`; defaults to `createTokenizer("en")`. */
  tokenize?: Tokenize;
  /** For single-label records (`label`): every label, so the others get a score of 0. */
  labels?: string[];
}

type Json = Record<string, unknown>;

const STRING_LISTS = ["tags", "pos", "morphs", "lemmas", "deps"] as const;

/**
 * Incremental JSONL parser: one JSON object per line, one record per object.
 *
 * Understands `{"text", "cats"}`, `{"text", "label"}` (CLINC150 style; `cats` gets the label
 * with 1, and every other label in `options.labels` with 0), and token records with `words`
 * (or `tokens`), optional `spaces`, spaCy's annotation keys, and entities as IOB or BILUO tags
 * (`entities` or `ner_tags`) or as `[start, end, label]` character offsets. Blank lines are
 * skipped; a `meta` object goes to `meta.extra`.
 *
 * @example A CLINC150 line
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonlParser, parseLines } from "@weft/pipeline";
 * const parser = new JsonlParser({ labels: ["translate", "oos"] });
 * const [r] = parseLines(parser, '{"text": "how do you say hi", "label": "translate"}');
 * assert.deepEqual(r?.words, ["how", "do", "you", "say", "hi"]);
 * assert.deepEqual(r?.cats, { translate: 1, oos: 0 });
 * ```
 */
export class JsonlParser implements LineParser<DocRecord> {
  readonly #file: string;
  readonly #labels: string[] | undefined;
  #tokenize: Tokenize | undefined;
  #lineNo = 0;
  #count = 0;

  /**
   * Creates a parser.
   *
   * @param options `file`, `tokenize` and `labels`.
   */
  constructor(options: JsonlOptions = {}) {
    this.#file = options.file ?? "<input>";
    this.#tokenize = options.tokenize;
    this.#labels = options.labels;
  }

  /**
   * Parses one line; returns its record (blank lines give none).
   *
   * @param line One line without its terminator.
   * @returns The record.
   * @throws {SyntaxError} Invalid JSON, naming file and line.
   * @throws {TypeError} A value of the wrong type, naming file and line.
   * @throws {RangeError} Lists of different lengths or unbalanced tags, naming file and line.
   */
  push(line: string): DocRecord | undefined {
    const lineNo = ++this.#lineNo;
    if (line.trim().length === 0) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new SyntaxError(`Invalid JSON in ${this.#file}:${lineNo}: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new TypeError(`Invalid record in ${this.#file}:${lineNo}: expected a JSON object`);
    }
    const record = this.#record(value as Json, lineNo);
    this.#count++;
    return record;
  }

  /**
   * Ends the input.
   *
   * @returns Nothing: every record is returned by `push`.
   * @throws {SyntaxError} When the whole input held no record.
   */
  end(): DocRecord | undefined {
    if (this.#count === 0) {
      throw new SyntaxError(`Invalid JSONL in ${this.#file}:${this.#lineNo + 1}: no records found`);
    }
    return undefined;
  }

  #where(line: number): string {
    return `${this.#file}:${line}`;
  }

  #strings(obj: Json, key: string, line: number): string[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
      throw new TypeError(
        `Invalid record in ${this.#where(line)}: "${key}" must be a list of strings`,
      );
    }
    return v as string[];
  }

  #record(obj: Json, line: number): DocRecord {
    const where = this.#where(line);
    const text = obj.text;
    if (text !== undefined && typeof text !== "string") {
      throw new TypeError(`Invalid record in ${where}: "text" must be a string`);
    }
    let words = this.#strings(obj, "words", line) ?? this.#strings(obj, "tokens", line);
    let spaces: boolean[];
    if (words !== undefined) {
      const given = obj.spaces;
      if (given === undefined) spaces = new Array<boolean>(words.length).fill(true);
      else if (Array.isArray(given) && given.every((x) => typeof x === "boolean")) spaces = given;
      else throw new TypeError(`Invalid record in ${where}: "spaces" must be a list of booleans`);
    } else if (typeof text === "string") {
      if (this.#tokenize === undefined) {
        const tokenizer = createTokenizer("en");
        this.#tokenize = (t) => tokenizer.call(t);
      }
      ({ words, spaces } = this.#tokenize(text));
    } else {
      throw new TypeError(`Invalid record in ${where}: needs "text" or "words"`);
    }
    const n = words.length;
    const record: DocRecord = { words, spaces };
    const sameLength = (key: string, list: unknown[]) => {
      if (list.length !== n) {
        throw new RangeError(
          `Invalid record in ${where}: "${key}" has ${list.length} items for ${n} words`,
        );
      }
    };
    sameLength("spaces", spaces);
    for (const key of STRING_LISTS) {
      const list = this.#strings(obj, key, line);
      if (list) {
        sameLength(key, list);
        record[key] = list;
      }
    }
    const heads = obj.heads;
    if (heads !== undefined) {
      if (!Array.isArray(heads) || !heads.every((h) => Number.isInteger(h))) {
        throw new TypeError(`Invalid record in ${where}: "heads" must be a list of integers`);
      }
      sameLength("heads", heads);
      const bad = (heads as number[]).findIndex((h) => h < 0 || h >= n);
      if (bad >= 0) {
        throw new RangeError(
          `Invalid record in ${where}: head ${heads[bad]} of word ${bad} is out of range`,
        );
      }
      record.heads = heads as number[];
    }
    const ents = obj.entities ?? obj.ner_tags;
    if (ents !== undefined) record.entities = this.#entities(ents, record, text, where);
    if (obj.spans !== undefined) record.spans = checkSpans(obj.spans, where);
    const cats = this.#cats(obj, where);
    if (cats) record.cats = cats;
    if (typeof text === "string") record.text = text;
    const meta: DocMeta = { file: this.#file, line };
    const extra = obj.meta;
    if (extra !== undefined) {
      if (extra === null || typeof extra !== "object" || Array.isArray(extra)) {
        throw new TypeError(`Invalid record in ${where}: "meta" must be an object`);
      }
      meta.extra = extra as Record<string, unknown>;
    }
    record.meta = meta;
    return record;
  }

  #entities(ents: unknown, record: DocRecord, text: unknown, where: string): string[] {
    if (!Array.isArray(ents)) {
      throw new TypeError(`Invalid record in ${where}: "entities" must be a list`);
    }
    const n = record.words.length;
    const locate = (i: number) => `${where} (word ${i})`;
    if (ents.every((e) => typeof e === "string")) {
      const tags = ents as string[];
      if (tags.length !== n) {
        throw new RangeError(
          `Invalid record in ${where}: "entities" has ${tags.length} items for ${n} words`,
        );
      }
      if (tags.some((t) => t.startsWith("L-") || t.startsWith("U-"))) {
        checkBiluo(tags, locate);
        return tags;
      }
      return iobToBiluo(tags, "iob2", locate);
    }
    return offsetsToBiluo(ents, record, typeof text === "string" ? text : undefined, where);
  }

  #cats(obj: Json, where: string): Record<string, number> | undefined {
    const cats = obj.cats;
    if (cats !== undefined) {
      if (cats === null || typeof cats !== "object" || Array.isArray(cats)) {
        throw new TypeError(`Invalid record in ${where}: "cats" must be an object of numbers`);
      }
      for (const [k, v] of Object.entries(cats)) {
        if (typeof v !== "number") {
          throw new TypeError(`Invalid record in ${where}: cats["${k}"] is not a number`);
        }
      }
      return cats as Record<string, number>;
    }
    const label = obj.label;
    if (label === undefined) return undefined;
    if (typeof label !== "string") {
      throw new TypeError(`Invalid record in ${where}: "label" must be a string`);
    }
    const out: Record<string, number> = {};
    if (this.#labels) {
      if (!this.#labels.includes(label)) {
        throw new RangeError(
          `Invalid record in ${where}: label "${label}" is not one of the given labels`,
        );
      }
      for (const l of this.#labels) out[l] = 0;
    }
    out[label] = 1;
    return out;
  }
}

/**
 * Parses JSONL text into one record per non-blank line.
 *
 * @param text The JSONL text.
 * @param options `file`, `tokenize` and `labels`.
 * @returns The records, in order.
 * @throws {SyntaxError} Invalid JSON or an empty input, naming file and line.
 * @example Tokens with IOB entity tags
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJsonl } from "@weft/pipeline";
 * const [r] = parseJsonl('{"tokens": ["Ada", "Lovelace", "wrote"], "ner_tags": ["B-PER", "I-PER", "O"]}');
 * assert.deepEqual(r?.entities, ["B-PER", "L-PER", "O"]);
 * assert.throws(() => parseJsonl("{oops}", { file: "x.jsonl" }), /x\.jsonl:1/);
 * ```
 */
export function parseJsonl(text: string, options: JsonlOptions = {}): DocRecord[] {
  return parseLines(new JsonlParser(options), text);
}

/**
 * Streams a JSONL file, one record per non-blank line.
 *
 * @param path The file to read.
 * @param options `tokenize` and `labels`.
 * @returns The records, in order.
 * @throws {SyntaxError} As {@linkcode parseJsonl}.
 * @example Streaming text classification records
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonl } from "@weft/pipeline";
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"text": "great film", "cats": {"POS": 1, "NEG": 0}}\n');
 * const cats = [];
 * for await (const r of readJsonl(path)) cats.push(r.cats);
 * assert.deepEqual(cats, [{ POS: 1, NEG: 0 }]);
 * await Deno.remove(path);
 * ```
 */
export function readJsonl(
  path: string,
  options: Omit<JsonlOptions, "file"> = {},
): AsyncGenerator<DocRecord> {
  return streamLines(new JsonlParser({ ...options, file: path }), path);
}
