/**
 * Batching functions for training (spaCy's `minibatch*` and registered batchers).
 *
 * @module
 */

/**
 * A batch size: a number, or a sequence of sizes (any iterable or iterator, such
 * as a generator), or a schedule with `at(step)` (from `@weft/layers`).
 */
export type BatchSize =
  | number
  | Iterable<number>
  | Iterator<number>
  | { at(step: number): number };

/** How long an item is (default: `length`, e.g. tokens of a doc or example). */
export type GetLength<T> = (item: T) => number;

/** A batcher: turns a stream of items into a stream of batches. */
export type Batcher<T> = (items: Iterable<T>) => IterableIterator<T[]>;

/**
 * An endless iterator over batch sizes; finite sequences repeat their last size.
 *
 * @param size the size or sequence of sizes
 * @returns a function giving the next size
 * @throws {RangeError} for sizes that are not positive numbers
 * @example A finite sequence repeats its last size
 * ```ts
 * import assert from "node:assert/strict";
 * import { sizeSequence } from "@weft/pipeline";
 * const next = sizeSequence([1, 2]);
 * assert.deepEqual([next(), next(), next()], [1, 2, 2]);
 * ```
 */
export function sizeSequence(size: BatchSize): () => number {
  let last: number | undefined;
  const check = (v: number) => {
    if (typeof v !== "number" || !(v > 0)) {
      throw new RangeError(`Batch size must be a positive number, got ${v}`);
    }
    return (last = v);
  };
  if (typeof size === "number") {
    check(size);
    return () => size;
  }
  if ("at" in size && typeof size.at === "function" && !(Symbol.iterator in size)) {
    const schedule = size as { at(step: number): number };
    let step = 0;
    return () => check(schedule.at(step++));
  }
  const it: Iterator<number> = Symbol.iterator in size
    ? (size as Iterable<number>)[Symbol.iterator]()
    : size as Iterator<number>;
  return () => {
    const r = it.next();
    if (r.done) {
      if (last === undefined) throw new RangeError("Batch size sequence is empty");
      return last;
    }
    return check(r.value);
  };
}

const defaultLength = (item: unknown): number => (item as { length: number }).length;

/**
 * Batches of `size` items (spaCy's `minibatch`); the last may be smaller.
 *
 * @param items the items
 * @param size the batch size or sizes
 * @returns the batches
 * @example Fixed-size batches
 * ```ts
 * import assert from "node:assert/strict";
 * import { minibatch } from "@weft/pipeline";
 * assert.deepEqual([...minibatch([1, 2, 3, 4, 5], 2)], [[1, 2], [3, 4], [5]]);
 * ```
 */
export function* minibatch<T>(items: Iterable<T>, size: BatchSize): IterableIterator<T[]> {
  const next = sizeSequence(size);
  let target = Math.floor(next());
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= target) {
      yield batch;
      batch = [];
      target = Math.floor(next());
    }
  }
  if (batch.length > 0) yield batch;
}

/** Options of {@linkcode minibatchByWords}. */
export interface ByWordsOptions<T> {
  /** The target number of words per batch. */
  size: BatchSize;
  /** How far a batch may overshoot the target, as a fraction (default 0.2). */
  tolerance?: number;
  /** Whether to drop items longer than target plus tolerance (default false: they come alone). */
  discardOversize?: boolean;
  /** The length of an item. */
  getLength?: GetLength<T>;
}

/**
 * Batches of roughly `size` words (spaCy's `minibatch_by_words`): items fill a
 * batch up to the target; items that overshoot it within the tolerance wait in
 * an overflow that starts the next batch; oversized items come alone or are
 * dropped.
 *
 * @param items the items
 * @param options target size, tolerance, oversize policy and length function
 * @returns the batches
 * @example An oversized item comes alone
 * ```ts
 * import assert from "node:assert/strict";
 * import { minibatchByWords } from "@weft/pipeline";
 * const batches = [...minibatchByWords(["aaa", "bb", "cccccccc", "d"], { size: 5, getLength: (s) => s.length })];
 * assert.deepEqual(batches, [["cccccccc"], ["aaa", "bb", "d"]]);
 * ```
 */
export function* minibatchByWords<T>(
  items: Iterable<T>,
  options: ByWordsOptions<T>,
): IterableIterator<T[]> {
  const next = sizeSequence(options.size);
  const tolerance = options.tolerance ?? 0.2;
  const getLength = options.getLength ?? defaultLength;
  let target = next();
  let tol = target * tolerance;
  let batch: T[] = [];
  let batchSize = 0;
  let overflow: T[] = [];
  let overflowSize = 0;
  for (const item of items) {
    const n = getLength(item);
    if (n > target + tol) {
      if (!options.discardOversize) yield [item];
    } else if (overflowSize === 0 && batchSize + n <= target) {
      batch.push(item);
      batchSize += n;
    } else if (batchSize + overflowSize + n <= target + tol) {
      overflow.push(item);
      overflowSize += n;
    } else {
      if (batch.length > 0) yield batch;
      target = next();
      tol = target * tolerance;
      batch = overflow;
      batchSize = overflowSize;
      overflow = [];
      overflowSize = 0;
      if (batchSize + n <= target) {
        batch.push(item);
        batchSize += n;
      } else if (batchSize + n <= target + tol) {
        overflow.push(item);
        overflowSize += n;
      } else {
        if (batch.length > 0) yield batch;
        target = next();
        tol = target * tolerance;
        batch = [item];
        batchSize = n;
      }
    }
  }
  batch.push(...overflow);
  if (batch.length > 0) yield batch;
}

/** Options of {@linkcode minibatchByPadded}. */
export interface ByPaddedOptions<T> {
  /** The target padded size: longest item × batch length. */
  size: BatchSize;
  /** How many items to sort by length at a time (default 256). */
  buffer?: number;
  /** Whether to drop batches whose padded size reaches the target (default false). */
  discardOversize?: boolean;
  /** The length of an item. */
  getLength?: GetLength<T>;
}

/**
 * Batches of similar-length items whose padded size (longest × count) stays
 * within the target (spaCy's `minibatch_by_padded_size`): items are read
 * `buffer` at a time, sorted by length, grouped, and each group keeps its
 * original order; groups come longest first.
 *
 * @param items the items
 * @param options target size, buffer, oversize policy and length function
 * @returns the batches
 * @example Similar lengths together
 * ```ts
 * import assert from "node:assert/strict";
 * import { minibatchByPadded } from "@weft/pipeline";
 * const out = [...minibatchByPadded(["aa", "b", "cccc", "dd"], { size: 4, getLength: (s) => s.length })];
 * assert.deepEqual(out, [["cccc"], ["dd"], ["aa", "b"]]);
 * ```
 */
export function* minibatchByPadded<T>(
  items: Iterable<T>,
  options: ByPaddedOptions<T>,
): IterableIterator<T[]> {
  const next = sizeSequence(options.size);
  const getLength = options.getLength ?? defaultLength;
  for (const outer of minibatch(items, options.buffer ?? 256)) {
    const target = next();
    for (const indices of groupByLength(outer.map(getLength), target)) {
      const sub = indices.map((i) => outer[i]!);
      const padded = Math.max(...indices.map((i) => getLength(outer[i]!))) * sub.length;
      if (!(options.discardOversize && padded >= target)) yield sub;
    }
  }
}

// Index groups by ascending length (ties by position), each within maxWords when
// padded; groups are returned longest first, indices sorted inside each group.
function groupByLength(lengths: number[], maxWords: number): number[][] {
  const order = lengths.map((n, i) => [n, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const groups: number[][] = [];
  let group: number[] = [];
  for (const [n, i] of order) {
    if (group.length === 0 || n * (group.length + 1) <= maxWords) group.push(i);
    else {
      groups.push(group);
      group = [i];
    }
  }
  if (group.length > 0) groups.push(group);
  return groups.map((g) => g.sort((a, b) => a - b)).reverse();
}
