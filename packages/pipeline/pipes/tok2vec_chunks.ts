/**
 * Prediction over a batch of docs in chunks of a bounded number of words.
 *
 * @module
 */

/**
 * How many words token-level components (`tok2vec`, `tagger`, ...) run through
 * their network at once when predicting. A batch of 1000 docs holds tens of
 * thousands of words, and every layer's output for all of them (a window of
 * 288 floats per word for a width-96 encoder) would be alive at the same time;
 * in chunks, each is garbage before the next is made, so memory stays bounded
 * whatever the batch size. Training batches are not chunked.
 */
export const PREDICT_CHUNK_WORDS: number = 2048;

/**
 * Run a per-doc prediction over consecutive chunks of the docs, each of at
 * most `maxWords` words (a longer doc makes a chunk by itself), and
 * concatenate the outputs in doc order. The outputs are the same as from one
 * call on all docs when the network treats docs independently, as token-level
 * networks do at prediction time.
 *
 * @param docs the docs (anything with a `length` in words)
 * @param run the prediction of a chunk: one output per doc
 * @param maxWords the most words in a chunk (default {@linkcode PREDICT_CHUNK_WORDS})
 * @returns one output per doc, in order
 * @throws {RangeError} when `run` returns the wrong number of outputs
 * @example Chunks of at most five words
 * ```ts
 * import assert from "node:assert/strict";
 * import { predictInChunks } from "./tok2vec_chunks.ts";
 * const docs = [{ length: 3 }, { length: 2 }, { length: 4 }, { length: 9 }];
 * const chunks: number[][] = [];
 * const out = predictInChunks(docs, (chunk) => {
 *   chunks.push(chunk.map((d) => d.length));
 *   return chunk.map((d) => d.length * 10);
 * }, 5);
 * assert.deepEqual(chunks, [[3, 2], [4], [9]]);
 * assert.deepEqual(out, [30, 20, 40, 90]);
 * ```
 */
export function predictInChunks<D extends { readonly length: number }, T>(
  docs: readonly D[],
  run: (chunk: D[]) => T[],
  maxWords: number = PREDICT_CHUNK_WORDS,
): T[] {
  let words = 0;
  for (const doc of docs) words += doc.length;
  if (words <= maxWords) return run(docs as D[]);
  const out: T[] = [];
  let start = 0;
  while (start < docs.length) {
    let end = start;
    let n = 0;
    while (end < docs.length && (end === start || n + docs[end]!.length <= maxWords)) {
      n += docs[end]!.length;
      end++;
    }
    const outputs = run(docs.slice(start, end));
    if (outputs.length !== end - start) {
      throw new RangeError(
        `predictInChunks: got ${outputs.length} outputs for a chunk of ${end - start} docs`,
      );
    }
    for (const y of outputs) out.push(y);
    start = end;
  }
  return out;
}
