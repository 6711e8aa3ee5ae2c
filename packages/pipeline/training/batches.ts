/**
 * The batches of spaCy's training loop: epochs over the corpus
 * (`create_train_batches`) and sub-batches for gradient accumulation
 * (`subdivide_batch`).
 *
 * @module
 */
import { seededRandom, shuffleInPlace } from "../corpus/shuffle.ts";

/**
 * Split a batch into `n` sub-batches of equal size after sorting by length
 * (spaCy's `subdivide_batch`); the remainder forms one more.
 *
 * @param batch the examples
 * @param n the number of sub-batches
 * @returns the sub-batches (empty ones left out)
 * @example Sorted by length, then split
 * ```ts
 * import assert from "node:assert/strict";
 * import { subdivideBatch } from "@weft/pipeline";
 * const egs = [3, 1, 2, 5, 4].map((n) => ({ predicted: { length: n } }));
 * const lens = subdivideBatch(egs, 2).map((b) => b.map((e) => e.predicted.length));
 * assert.deepEqual(lens, [[1, 2], [3, 4], [5]]);
 * ```
 */
export function subdivideBatch<T extends { predicted: { length: number } }>(
  batch: readonly T[],
  n: number,
): T[][] {
  const sorted = [...batch].sort((a, b) => a.predicted.length - b.predicted.length);
  const size = Math.floor(sorted.length / n);
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const sub = sorted.slice(start, start + size);
    if (sub.length) out.push(sub);
    start += sub.length;
  }
  const rest = sorted.slice(start);
  if (rest.length) out.push(rest);
  return out;
}

/**
 * Batches over epochs (spaCy's `create_train_batches`): with `maxEpochs >= 0`
 * the corpus is read once and shuffled (seeded) before each epoch, and
 * `maxEpochs = 0` repeats forever; with `maxEpochs = -1` the corpus is
 * streamed, re-read each epoch without shuffling, forever.
 *
 * @param readCorpus reads the examples of one pass
 * @param batcher groups examples into batches
 * @param maxEpochs the number of epochs (0: unlimited; -1: streamed, unlimited)
 * @param seed the shuffling seed
 * @returns `[epoch, batch]` pairs
 * @throws {RangeError} when the corpus is empty
 * @example Two epochs of single-item batches
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainBatches } from "@weft/pipeline";
 * const batcher = function* (items: Iterable<number>) { for (const x of items) yield [x]; };
 * const out = [...createTrainBatches(() => [1, 2], batcher, 2, 0)];
 * assert.deepEqual(out.map(([e]) => e), [0, 0, 1, 1]);
 * assert.deepEqual(out.map(([, b]) => b[0]).sort(), [1, 1, 2, 2]);
 * ```
 */
export function* createTrainBatches<T>(
  readCorpus: () => Iterable<T>,
  batcher: (items: Iterable<T>) => Iterable<T[]>,
  maxEpochs: number,
  seed: number,
): IterableIterator<[number, T[]]> {
  let epoch = 0;
  const random = seededRandom(seed);
  let examples: T[] = [];
  if (maxEpochs >= 0) {
    examples = [...readCorpus()];
    if (examples.length === 0) {
      throw new RangeError("The training corpus is empty: check [corpora.train] and its path");
    }
  }
  while (maxEpochs < 1 || epoch !== maxEpochs) {
    const items = maxEpochs >= 0 ? shuffleInPlace(examples, random) : readCorpus();
    for (const batch of batcher(items)) yield [epoch, batch];
    epoch++;
  }
}
