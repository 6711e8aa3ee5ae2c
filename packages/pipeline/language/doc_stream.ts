/**
 * `DocStream`: the result of `Language.pipe`, iterable both synchronously and
 * asynchronously.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";

/** A text or an already tokenized doc. */
export type TextOrDoc = string | Doc;

/** The two ways to run a batch through a pipeline. */
export interface BatchRunner {
  /**
   * Run a batch synchronously.
   *
   * @param batch texts or docs
   * @returns the annotated docs
   */
  runSync(batch: TextOrDoc[]): Doc[];
  /**
   * Run a batch asynchronously.
   *
   * @param batch texts or docs
   * @returns the annotated docs
   */
  runAsync(batch: TextOrDoc[]): Promise<Doc[]>;
}

/**
 * Docs processed in batches, in input order: `for (const doc of stream)` runs
 * the synchronous path (sync inputs only), `for await (const doc of stream)` the
 * asynchronous one (sync or async inputs).
 *
 * @example Sync and async iteration
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const texts = ["a b", "c"];
 * assert.deepEqual([...nlp.pipe(texts)].map((d) => d.length), [2, 1]);
 * const lengths: number[] = [];
 * for await (const doc of nlp.pipe(texts, { batchSize: 1 })) lengths.push(doc.length);
 * assert.deepEqual(lengths, [2, 1]);
 * ```
 */
export class DocStream implements Iterable<Doc>, AsyncIterable<Doc> {
  /**
   * Create a stream (use `Language.pipe`).
   *
   * @param runner runs one batch
   * @param inputs texts or docs
   * @param batchSize how many to process at a time
   * @throws {RangeError} when the batch size is not a positive integer
   */
  constructor(
    readonly runner: BatchRunner,
    readonly inputs: Iterable<TextOrDoc> | AsyncIterable<TextOrDoc>,
    readonly batchSize: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
  }

  /**
   * Iterate synchronously.
   *
   * @throws {TypeError} when the inputs are only asynchronously iterable
   */
  *[Symbol.iterator](): Iterator<Doc> {
    const inputs = this.inputs;
    if (!(Symbol.iterator in inputs)) {
      throw new TypeError("Language.pipe(): async inputs need `for await` iteration");
    }
    let batch: TextOrDoc[] = [];
    for (const x of inputs) {
      batch.push(x);
      if (batch.length >= this.batchSize) {
        yield* this.runner.runSync(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield* this.runner.runSync(batch);
  }

  /** Iterate asynchronously. */
  async *[Symbol.asyncIterator](): AsyncIterator<Doc> {
    let batch: TextOrDoc[] = [];
    for await (const x of this.inputs) {
      batch.push(x);
      if (batch.length >= this.batchSize) {
        yield* await this.runner.runAsync(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield* await this.runner.runAsync(batch);
  }
}
