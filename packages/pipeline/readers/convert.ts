/**
 * `convertFile`: read any supported corpus file into records (for `weft convert`).
 *
 * @module
 */

import type { DocRecord } from "./types.ts";
import type { IobScheme } from "./biluo.ts";
import { ConlluParser } from "./conllu.ts";
import { IobParser } from "./iob.ts";
import { JsonlParser, type Tokenize } from "./jsonl.ts";
import { type LineParser, streamLines } from "./lines.ts";
import { mergeRecords } from "./merge.ts";

/** The converters {@linkcode convertFile} knows. */
export type Converter = "auto" | "conllu" | "iob" | "jsonl";

/** Options for {@linkcode convertFile}. */
export interface ConvertOptions {
  /** Which reader to use; `"auto"` (default) picks by extension and content. */
  converter?: Converter;
  /** Sentences per output document (default 1); documents never span a `newdoc`/`-DOCSTART-`. */
  nSents?: number;
  /** IOB tag scheme for the `iob` converter (default `"auto"`). */
  scheme?: IobScheme | "auto";
  /** Tokenizer for JSONL records with only `text`. */
  tokenize?: Tokenize;
  /** All labels for single-label JSONL records. */
  labels?: string[];
  /** CoNLL-U multiword tokens: keep the syntactic words (`"split"`, default) or merge them. */
  multiword?: "split" | "merge";
}

/**
 * Picks a converter from a file name and the file's first lines.
 *
 * `.conllu` is CoNLL-U and `.jsonl` JSONL; otherwise (`.conll`, `.iob`, `.iob2`, `.txt`, ...)
 * the first data line decides: `{` is JSONL, ten tab-separated columns starting with an
 * integer ID is CoNLL-U, anything else is token-per-line IOB.
 *
 * @param path The file name.
 * @param head The beginning of the file's text.
 * @returns The converter to use.
 * @example Sniffing a `.conll` file
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectConverter } from "@weft/pipeline";
 * assert.equal(detectConverter("a.conllu", ""), "conllu");
 * assert.equal(detectConverter("wnut.conll", "Hi\tO\n"), "iob");
 * assert.equal(detectConverter("x.conll", "# c\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n"), "conllu");
 * assert.equal(detectConverter("data.txt", '{"text": "hi"}\n'), "jsonl");
 * ```
 */
export function detectConverter(path: string, head: string): Exclude<Converter, "auto"> {
  const lower = path.toLowerCase();
  if (lower.endsWith(".conllu")) return "conllu";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  for (const raw of head.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("-DOCSTART-")) continue;
    if (line.startsWith("{")) return "jsonl";
    // "# ..." is a comment unless it is a "#" token with a tag ("# O", "#\tB-X").
    const hashToken = /^#[ \t]+(?:O|[BIESLU]-\S+)$/.test(line) || raw.startsWith("#\t");
    if (line.startsWith("#") && !hashToken) continue;
    const cols = raw.replace(/\r$/, "").split("\t");
    return cols.length === 10 && /^\d+(?:[-.]\d+)?$/.test(cols[0] as string) ? "conllu" : "iob";
  }
  return "iob";
}

function parserFor(
  converter: Exclude<Converter, "auto">,
  path: string,
  options: ConvertOptions,
): LineParser<DocRecord> {
  if (converter === "conllu") {
    return new ConlluParser({ file: path, multiword: options.multiword ?? "split" });
  }
  if (converter === "jsonl") {
    const o: ConstructorParameters<typeof JsonlParser>[0] = { file: path };
    if (options.tokenize) o.tokenize = options.tokenize;
    if (options.labels) o.labels = options.labels;
    return new JsonlParser(o);
  }
  return new IobParser({ file: path, scheme: options.scheme ?? "auto" });
}

async function readHead(path: string): Promise<string> {
  const file = await Deno.open(path, { read: true });
  try {
    const buf = new Uint8Array(4096);
    const n = await file.read(buf);
    return new TextDecoder().decode(buf.subarray(0, n ?? 0));
  } finally {
    file.close();
  }
}

/**
 * Reads a corpus file (CoNLL-U, token-per-line IOB or JSONL) into records.
 *
 * @param path The file.
 * @param options Converter choice, sentences per document and reader options.
 * @returns The records; with `nSents > 1`, consecutive sentences joined by {@linkcode mergeRecords}.
 * @throws {SyntaxError} Malformed input, naming file and line.
 * @throws {RangeError} A bad `nSents`, or unbalanced tags and bad indices in the input.
 * @example Three sentences, two per document
 * ```ts
 * import assert from "node:assert/strict";
 * import { convertFile } from "@weft/pipeline";
 * const path = await Deno.makeTempFile({ suffix: ".iob" });
 * await Deno.writeTextFile(path, "A O\n\nB B-X\n\nC O\n");
 * const docs = await convertFile(path, { converter: "auto", nSents: 2 });
 * assert.deepEqual(docs.map((d) => d.words), [["A", "B"], ["C"]]);
 * await Deno.remove(path);
 * ```
 */
export async function convertFile(
  path: string,
  options: ConvertOptions = {},
): Promise<DocRecord[]> {
  const nSents = options.nSents ?? 1;
  if (!Number.isInteger(nSents) || nSents < 1) {
    throw new RangeError(`Invalid nSents ${nSents}: expected a positive integer`);
  }
  let converter = options.converter ?? "auto";
  if (converter === "auto") converter = detectConverter(path, await readHead(path));
  const out: DocRecord[] = [];
  let group: DocRecord[] = [];
  for await (const record of streamLines(parserFor(converter, path, options), path)) {
    const prev = group[group.length - 1];
    if (
      group.length === nSents || (prev !== undefined && prev.meta?.docId !== record.meta?.docId)
    ) {
      out.push(mergeRecords(group));
      group = [];
    }
    group.push(record);
  }
  if (group.length > 0) out.push(mergeRecords(group));
  return out;
}
