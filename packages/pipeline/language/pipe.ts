/**
 * The interfaces pipeline components implement.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import type { Vocab } from "../vocab/vocab.ts";

/** What `initialize` receives besides the examples. */
export interface InitializeOptions {
  /** The pipeline the component belongs to. */
  readonly nlp: { readonly vocab: Vocab; readonly pipeNames: readonly string[] };
  /** Component settings from the config's `[initialize.components.<name>]`. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** Options of `update`. */
export interface UpdateOptions {
  /** Dropout rate. */
  drop?: number;
  /** The optimizer (a `@weft/layers` optimizer), or none to only accumulate gradients. */
  sgd?: unknown;
  /** Losses to add this component's loss to, by component name. */
  losses?: Record<string, number>;
}

/**
 * A pipeline component: it annotates docs in place. `call` is the synchronous
 * path (CPU); `process`/`processBatch`, where present, are the asynchronous path
 * that may read values from an accelerator.
 *
 * @example A rule-based component
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, type Pipe, Vocab } from "@weft/pipeline";
 * const upper: Pipe = { call: (doc) => { for (const t of doc) t.norm = t.text.toUpperCase(); return doc; } };
 * const doc = upper.call(new Doc(new Vocab(), { words: ["hi"] }));
 * assert.equal(doc.token(0).norm, "HI");
 * ```
 */
export interface Pipe {
  /**
   * Annotate one doc (synchronously).
   *
   * @param doc the doc
   * @returns the same doc
   */
  call(doc: Doc): Doc;
  /**
   * Annotate a batch of docs (synchronously); defaults to `call` on each.
   *
   * @param docs the docs
   * @returns the same docs
   */
  callBatch?(docs: Doc[]): Doc[];
  /**
   * Annotate a batch of docs, reading values asynchronously.
   *
   * @param docs the docs
   * @returns the same docs
   */
  processBatch?(docs: Doc[]): Promise<Doc[]>;
  /**
   * Prepare the component from sample examples (labels, model shapes).
   *
   * @param getExamples returns the examples
   * @param options the pipeline and settings
   */
  initialize?(
    getExamples: () => Iterable<Example>,
    options: InitializeOptions,
  ): void | Promise<void>;
  /**
   * Score predictions against references.
   *
   * @param examples examples whose predicted docs this component annotated
   * @returns scores by spaCy's metric names
   */
  score?(examples: readonly Example[]): Record<string, unknown>;
}

/** What a tokenizer gives `Language.makeDoc`. */
export interface TokenizerOutputLike {
  /** Token texts. */
  words: string[];
  /** Trailing-space flags. */
  spaces: boolean[];
  /** Token-level norms from tokenizer exceptions, where set. */
  norms?: (string | null | undefined)[];
}

/** A tokenizer: `@weft/pipeline`'s `Tokenizer` or anything with `call(text)`. */
export interface TokenizerLike {
  /**
   * Split a text into tokens.
   *
   * @param text the text
   * @returns words and spaces
   */
  call(text: string): TokenizerOutputLike;
}
