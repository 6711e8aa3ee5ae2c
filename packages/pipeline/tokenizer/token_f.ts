/**
 * Token-level F of Weft's tokenizer against UD gold tokenization (spaCy's `token_f` style).
 *
 * The command-line report is `bench/tokenizer/token_f.ts` at the repository root.
 * Gold tokens and scoring mirror `testdata/spacy_token_f.py`: the syntactic words of a
 * multiword token when they spell its surface form, else the surface token; a predicted token
 * is correct when its character span in `# text` equals a gold token's span; whitespace tokens
 * are ignored; sentences whose gold tokens are not found in `# text` are skipped and counted.
 *
 * @module
 */

import type { DocRecord } from "../readers/types.ts";
import type { Tokenizer } from "./tokenizer.ts";

/** Precision, recall, F and the number of skipped sentences. */
export interface TokenScore {
  /** Precision. */
  p: number;
  /** Recall. */
  r: number;
  /** F-score. */
  f: number;
  /** Sentences skipped because their gold tokens are not found in `# text`. */
  skipped: number;
}

/** The gold tokens of a CoNLL-U sentence (see the module doc). */
export function goldTokens(record: DocRecord): string[] {
  const out: string[] = [];
  const mwts = record.multiwordTokens ?? [];
  let m = 0;
  for (let i = 0; i < record.words.length; i++) {
    const mwt = mwts[m];
    if (mwt !== undefined && mwt.start === i) {
      const words = record.words.slice(mwt.start, mwt.end);
      if (words.join("") === mwt.form) out.push(...words);
      else out.push(mwt.form);
      i = mwt.end - 1;
      m++;
    } else {
      out.push(record.words[i] as string);
    }
  }
  return out;
}

/** Character spans of `tokens` in `text`, skipping whitespace; undefined if they do not fit. */
export function tokenSpans(text: string, tokens: string[]): string[] | undefined {
  const out: string[] = [];
  let pos = 0;
  for (const tok of tokens) {
    while (pos < text.length && /\s/u.test(text[pos] as string)) pos++;
    if (!text.startsWith(tok, pos)) return undefined;
    out.push(`${pos}:${pos + tok.length}`);
    pos += tok.length;
  }
  return out;
}

/** Scores a tokenizer on CoNLL-U sentences with `# text`; `errors` collects mismatches. */
export function tokenF(
  tokenizer: Tokenizer,
  records: DocRecord[],
  errors?: Array<{ text: string; gold: string[]; pred: string[] }>,
): TokenScore {
  let tp = 0, nPred = 0, nGold = 0, skipped = 0;
  for (const record of records) {
    const text = record.text ?? "";
    const goldList = goldTokens(record);
    const gold = tokenSpans(text, goldList);
    if (gold === undefined) {
      skipped++;
      continue;
    }
    const { words, spaces } = tokenizer.call(text);
    const pred: string[] = [];
    let pos = 0;
    words.forEach((w, i) => {
      if (w.trim().length > 0) pred.push(`${pos}:${pos + w.length}`);
      pos += w.length + (spaces[i] ? 1 : 0);
    });
    const goldSet = new Set(gold);
    let hits = 0;
    for (const s of new Set(pred)) if (goldSet.has(s)) hits++;
    tp += hits;
    nPred += new Set(pred).size;
    nGold += goldSet.size;
    if (errors && (hits !== goldSet.size || hits !== pred.length)) {
      errors.push({ text, gold: goldList, pred: words.filter((w) => w.trim().length > 0) });
    }
  }
  const p = tp / nPred, r = tp / nGold;
  return { p, r, f: (2 * p * r) / (p + r), skipped };
}
