/**
 * Rebuilding the exact text of a record, multiword tokens included.
 *
 * @module
 */

import type { DocRecord } from "./types.ts";

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
