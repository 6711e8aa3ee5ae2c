/**
 * Registers the corpus readers and batchers under spaCy's names:
 * `spacy.Corpus.v1`, `spacy.JsonlCorpus.v1`, `spacy.batch_by_words.v1`,
 * `spacy.batch_by_sequence.v1`, `spacy.batch_by_padded.v1`.
 *
 * @module
 */
import { registry, schema as s } from "@weft/config";
import {
  type Batcher,
  type BatchSize,
  type GetLength,
  minibatch,
  minibatchByPadded,
  minibatchByWords,
  sizeSequence,
} from "./batchers.ts";
import { Corpus, type DocMaker } from "./corpus.ts";
import { JsonlCorpus } from "./jsonl_corpus.ts";
import type { Example } from "../gold/example.ts";

const size = s.custom(
  "batch size (number, iterable or schedule)",
  (v) => typeof v === "number" || (typeof v === "object" && v !== null),
);
const getLength = s.optional(s.custom("function", (v) => typeof v === "function"));
const fn = s.optional(s.custom("function", (v) => typeof v === "function"));

registry.readers.register(
  "spacy.Corpus.v1",
  (a: Record<string, unknown>) => {
    if (a.path === null || a.path === undefined) {
      throw new TypeError(
        "spacy.Corpus.v1: no path given (set [corpora.train] path or override it)",
      );
    }
    return new Corpus(String(a.path), {
      goldPreproc: a.gold_preproc as boolean,
      maxLength: a.max_length as number,
      limit: a.limit as number,
      augmenter: (a.augmenter ?? null) as
        | ((nlp: DocMaker, eg: Example) => Iterable<Example>)
        | null,
      shuffle: (a.shuffle ?? false) as boolean,
      seed: (a.seed ?? 0) as number,
    });
  },
  {
    schema: {
      path: s.nullable(s.str()),
      gold_preproc: s.bool().default(false),
      max_length: s.int().default(0),
      limit: s.int().default(0),
      augmenter: fn,
      shuffle: s.bool().default(false),
      seed: s.int().default(0),
    },
  },
);

registry.readers.register(
  "spacy.JsonlCorpus.v1",
  (a: Record<string, unknown>) => {
    if (a.path === null || a.path === undefined) {
      throw new TypeError("spacy.JsonlCorpus.v1: no path given");
    }
    return new JsonlCorpus(String(a.path), {
      minLength: a.min_length as number,
      maxLength: a.max_length as number,
      limit: a.limit as number,
    });
  },
  {
    schema: {
      path: s.nullable(s.str()),
      min_length: s.int().default(0),
      max_length: s.int().default(0),
      limit: s.int().default(0),
    },
  },
);

/**
 * One size sequence for every call of a batcher: spaCy's batchers get the
 * schedule's generator and keep drawing from it epoch after epoch (a
 * `compounding` size does not restart at each epoch); plain numbers and lists
 * are used as they are (a list restarts, as Python's `iter(list)` does).
 */
function sharedSizes(size: BatchSize): BatchSize {
  if (typeof size === "number" || Array.isArray(size)) return size;
  const next = sizeSequence(size);
  const it: IterableIterator<number> = {
    [Symbol.iterator]: () => it,
    next: () => ({ value: next(), done: false }),
  };
  return it;
}

registry.batchers.register(
  "spacy.batch_by_words.v1",
  (a: Record<string, unknown>): Batcher<unknown> => {
    const sizes = sharedSizes(a.size as BatchSize);
    return (items) =>
      minibatchByWords(items, {
        size: sizes,
        tolerance: a.tolerance as number,
        discardOversize: a.discard_oversize as boolean,
        ...(a.get_length ? { getLength: a.get_length as GetLength<unknown> } : {}),
      });
  },
  {
    schema: {
      size,
      tolerance: s.float().default(0.2),
      discard_oversize: s.bool().default(false),
      get_length: getLength,
    },
  },
);

registry.batchers.register(
  "spacy.batch_by_sequence.v1",
  (a: Record<string, unknown>): Batcher<unknown> => {
    const sizes = sharedSizes(a.size as BatchSize);
    return (items) => minibatch(items, sizes);
  },
  { schema: { size, get_length: getLength } },
);

registry.batchers.register(
  "spacy.batch_by_padded.v1",
  (a: Record<string, unknown>): Batcher<unknown> => (items) =>
    minibatchByPadded(items, {
      size: a.size as BatchSize,
      buffer: a.buffer as number,
      discardOversize: a.discard_oversize as boolean,
      ...(a.get_length ? { getLength: a.get_length as GetLength<unknown> } : {}),
    }),
  {
    schema: {
      size,
      buffer: s.int().default(256),
      discard_oversize: s.bool().default(false),
      get_length: getLength,
    },
  },
);
