/**
 * Turning the token lines of one CoNLL-U sentence into a record.
 *
 * @module
 */

import type { DocMeta, DocRecord, EmptyNode, MultiwordToken } from "./types.ts";

/** One token line: its columns and its 1-based line number. */
export interface Row {
  /** The ten columns. */
  cols: string[];
  /** The line number. */
  line: number;
}

/** What the comment lines before a sentence said, and where it came from. */
export interface SentenceHead {
  /** The file name for records and errors. */
  file: string;
  /** The sentence's first line. */
  startLine: number;
  /** `# sent_id`. */
  sentId: string | undefined;
  /** The latest `# newdoc id`. */
  docId: string | undefined;
  /** `# text`. */
  text: string | undefined;
  /** Other comments. */
  comments: string[];
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
 * Builds the record of one sentence from its token lines.
 *
 * @param rows The sentence's token lines, split into columns, with their line numbers.
 * @param head Comments and provenance gathered before the tokens.
 * @returns The record.
 * @throws {SyntaxError} Bad IDs or heads, naming file and line.
 * @throws {RangeError} IDs out of sequence, ranges or heads out of range.
 */
export function buildSentence(rows: Row[], head: SentenceHead): DocRecord {
  const error = (line: number, detail: string) =>
    `Invalid CoNLL-U in ${head.file}:${line}: ${detail}`;
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
        if (a < 0 || b < 0) throw new SyntaxError(error(line, `invalid token ID "${id}"`));
        if (a !== words.length + 1 || b < a) {
          throw new RangeError(
            error(
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
        throw new SyntaxError(error(line, `invalid token ID "${id}"`));
      }
      continue;
    }
    if (n !== words.length + 1) {
      throw new RangeError(
        error(line, `token ID ${n} out of sequence, expected ${words.length + 1}`),
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
  if (words.length === 0) throw new SyntaxError(error(first.line, "sentence has no words"));
  if (mwtEnd > words.length) {
    throw new RangeError(
      error(first.line, `multiword token ends at ${mwtEnd}, past the last word`),
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
      throw new SyntaxError(error(headLines[i] as number, `invalid head "${col}"`));
    }
    if (h > words.length) {
      throw new RangeError(
        error(headLines[i] as number, `head ${h} is past the last word (${words.length})`),
      );
    }
    heads[i] = h === 0 ? i : h - 1;
  }
  const sentStarts = new Array<number>(words.length).fill(0);
  sentStarts[0] = 1;
  const meta: DocMeta = { file: head.file, line: head.startLine };
  if (head.sentId !== undefined) meta.sentId = head.sentId;
  if (head.docId !== undefined) meta.docId = head.docId;
  if (head.comments.length > 0) meta.comments = head.comments;
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
  if (head.text !== undefined) record.text = head.text;
  if (mwts.length > 0) record.multiwordTokens = mwts;
  record.meta = meta;
  return record;
}
