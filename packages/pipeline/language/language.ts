/**
 * `Language`: a tokenizer plus an ordered list of components. Its component
 * list is the base class `PipelineComponents` (pipeline_components.ts), its
 * training methods the base class `LanguageTraining` (language_training.ts).
 *
 * @module
 */
import type { Example } from "../gold/example.ts";
import { Doc } from "../doc/doc.ts";
import { createTokenizer } from "../tokenizer/create.ts";
import { Vocab } from "../vocab/vocab.ts";
import { DocStream, type TextOrDoc } from "./doc_stream.ts";
import { type ConfigLike, languageFromConfig } from "./from_config.ts";
import { evaluateLanguage, evaluateLanguageAsync } from "./language_evaluate.ts";
import type { LanguageOptions } from "./language_options.ts";
import { LanguageTraining } from "./language_training.ts";
import type { TokenizerLike } from "./pipe.ts";
import { linkComponents } from "./pipeline_training.ts";

export type { AddPipeOptions, DisabledPipes, LanguageOptions } from "./language_options.ts";
export { LanguageTraining } from "./language_training.ts";
export { PipelineComponents } from "./pipeline_components.ts";

/**
 * A pipeline with only a tokenizer (spaCy's `spacy.blank`).
 *
 * @param lang the language code
 * @returns the pipeline
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blank } from "@weft/pipeline";
 * assert.deepEqual(blank("en").call("Don't stop").words, ["Do", "n't", "stop"]);
 * ```
 */
export function blank(lang: string): Language {
  return new Language({ lang });
}

/**
 * A processing pipeline (spaCy's `Language`): `makeDoc` tokenizes, `call`
 * runs every enabled component on one text, `pipe` streams many in batches.
 * Components come from factories in `registry.factories`, each called with one
 * object: `{ nlp, name, ...config }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("sentencizer");
 * const doc = nlp.call("Hello there. How are you?");
 * assert.deepEqual(doc.sents.map((s) => s.text), ["Hello there.", "How are you?"]);
 * assert.deepEqual(nlp.pipeNames, ["sentencizer"]);
 * ```
 */
export class Language extends LanguageTraining {
  /** The language code. */
  readonly lang: string;
  /** The vocabulary. */
  readonly vocab: Vocab;
  /** The tokenizer. */
  tokenizer: TokenizerLike;
  /** The default batch size of `pipe`. */
  batchSize: number;
  /** Free-form metadata (name, version, ...), saved as `meta.json`. */
  meta: Record<string, unknown> = {};

  /**
   * Create an empty pipeline.
   *
   * @param options language, vocabulary, tokenizer, batch size
   */
  constructor(options: LanguageOptions = {}) {
    super();
    this.lang = options.lang ?? options.vocab?.lang ?? "xx";
    this.vocab = options.vocab ?? new Vocab({ lang: this.lang });
    this.batchSize = options.batchSize ?? 1000;
    const tok = options.tokenizer;
    this.tokenizer = typeof tok === "function" ? tok(this) : tok ?? createTokenizer(this.lang);
  }

  /**
   * A pipeline with only a tokenizer, for a language code (spaCy's `spacy.blank`).
   *
   * @param lang the language code
   * @returns the pipeline
   */
  static blank(lang: string): Language {
    return new Language({ lang });
  }

  /**
   * Build a pipeline from a config (see {@linkcode languageFromConfig}).
   *
   * @param config a `Config` or its data
   * @returns the pipeline
   */
  static fromConfig(config: ConfigLike | Record<string, unknown>): Language {
    return languageFromConfig(config);
  }

  /**
   * Run the pipeline over examples' predicted docs and score them.
   *
   * @param examples examples (left as they are: components annotate copies of the predicted docs)
   * @param options `batchSize`, `perComponent`
   * @returns the scores, by spaCy's metric names, and `speed` in words per second
   */
  evaluate(
    examples: readonly Example[],
    options: { batchSize?: number; perComponent?: boolean } = {},
  ): Record<string, unknown> {
    return evaluateLanguage(this, examples, options);
  }

  /**
   * Like {@linkcode Language.evaluate}, through the asynchronous path (for
   * components that read values from an accelerator).
   *
   * @param examples examples (left as they are: components annotate copies of the predicted docs)
   * @param options `batchSize`, `perComponent`
   * @returns the scores, by spaCy's metric names, and `speed` in words per second
   */
  async evaluateAsync(
    examples: readonly Example[],
    options: { batchSize?: number; perComponent?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    return await evaluateLanguageAsync(this, examples, options);
  }

  /**
   * Tokenize a text without running components.
   *
   * @param text the text
   * @returns the doc
   */
  makeDoc(text: string): Doc {
    const out = this.tokenizer.call(text);
    return new Doc(this.vocab, {
      words: out.words,
      spaces: out.spaces,
      ...(out.norms ? { norms: out.norms } : {}),
    });
  }

  /**
   * Process one text (or doc) synchronously through the enabled components.
   *
   * @param text a text or a tokenized doc
   * @returns the annotated doc
   */
  call(text: TextOrDoc): Doc {
    let doc = typeof text === "string" ? this.makeDoc(text) : text;
    for (const [, pipe] of this.pipeline) doc = pipe.call(doc);
    return doc;
  }

  /**
   * Process one text asynchronously (components may read from an accelerator).
   *
   * @param text a text or a tokenized doc
   * @returns the annotated doc
   */
  async process(text: TextOrDoc): Promise<Doc> {
    return (await this.#runAsync([text]))[0]!;
  }

  /**
   * Process texts in batches; iterate the result with `for` (sync) or
   * `for await` (async, also for async inputs).
   *
   * @param texts texts or docs
   * @param options `batchSize` (default: the pipeline's)
   * @returns the docs, in input order
   */
  pipe(
    texts: Iterable<TextOrDoc> | AsyncIterable<TextOrDoc>,
    options: { batchSize?: number } = {},
  ): DocStream {
    return new DocStream(
      { runSync: (b) => this.#runSync(b), runAsync: (b) => this.#runAsync(b) },
      texts,
      options.batchSize ?? this.batchSize,
    );
  }

  /**
   * Run `fn` in a memory zone of the vocabulary (see `Vocab.memoryZone`).
   *
   * @param fn the work to do
   * @returns what `fn` returns
   */
  memoryZone<T>(fn: () => T): T {
    return this.vocab.memoryZone(fn);
  }

  /**
   * Initialize the enabled components in order (spaCy's `nlp.initialize`):
   * tok2vec listeners are linked first; each component gets the examples, this
   * pipeline, and its `[initialize.components.<name>]` settings (`labels`
   * among them, else labels are inferred from the data).
   *
   * @param getExamples returns sample examples (default: none)
   * @param settings per-component settings, by name
   */
  async initialize(
    getExamples: () => Iterable<Example> = () => [],
    settings: Record<string, Record<string, unknown>> = {},
  ): Promise<void> {
    linkComponents(this);
    for (const [name, pipe] of this.pipeline) {
      await pipe.initialize?.(getExamples, {
        nlp: this,
        ...(settings[name] ? { settings: settings[name] } : {}),
      });
    }
  }

  #runSync(batch: TextOrDoc[]): Doc[] {
    let docs = batch.map((t) => (typeof t === "string" ? this.makeDoc(t) : t));
    for (const [, pipe] of this.pipeline) {
      docs = pipe.callBatch ? pipe.callBatch(docs) : docs.map((d) => pipe.call(d));
    }
    return docs;
  }

  async #runAsync(batch: TextOrDoc[]): Promise<Doc[]> {
    let docs = batch.map((t) => (typeof t === "string" ? this.makeDoc(t) : t));
    for (const [, pipe] of this.pipeline) {
      if (pipe.processBatch) docs = await pipe.processBatch(docs);
      else docs = pipe.callBatch ? pipe.callBatch(docs) : docs.map((d) => pipe.call(d));
    }
    return docs;
  }
}
