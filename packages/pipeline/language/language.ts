/**
 * `Language`: a tokenizer plus an ordered list of components.
 *
 * @module
 */
import { registry } from "@weft/config";
import { type ConfigLike, languageFromConfig } from "./from_config.ts";
import { Scorer } from "../scorer/scorer.ts";
import { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import { createTokenizer } from "../tokenizer/create.ts";
import { Vocab } from "../vocab/vocab.ts";
import { DocStream, type TextOrDoc } from "./doc_stream.ts";
import type { Pipe, TokenizerLike } from "./pipe.ts";
import { fillFactoryConfig } from "./factory_config.ts";
import type { FloatsXd } from "@weft/types";
import type { OptimizerProtocol } from "@weft/layers";
import {
  createOptimizer,
  type LanguageUpdateOptions,
  linkComponents,
  rehearsePipeline,
  resumeTraining,
  updatePipeline,
  updatePipelineAsync,
  usePipelineParams,
} from "./pipeline_training.ts";
import { replaceListeners } from "./replace_listeners.ts";

// The reference is only read by scoring, so only the predicted doc is copied.
function copyForEvaluation(eg: Example): Example {
  return new Example(eg.predicted.copy(), eg.reference, eg.alignment);
}

function withSpeed(
  scores: Record<string, unknown>,
  examples: readonly Example[],
  seconds: number,
): Record<string, unknown> {
  const words = examples.reduce((n, eg) => n + eg.predicted.length, 0);
  scores.speed = seconds > 0 ? words / seconds : 0;
  return scores;
}

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

/** Options of the {@linkcode Language} constructor. */
export interface LanguageOptions {
  /** The language code (default `"xx"`). */
  lang?: string;
  /** The vocabulary (default: a new one for `lang`). */
  vocab?: Vocab;
  /** The tokenizer, or a function making it for this pipeline (default: the language's rules). */
  tokenizer?: TokenizerLike | ((nlp: Language) => TokenizerLike);
  /** The default batch size of `pipe` (default 1000). */
  batchSize?: number;
}

/** Where {@linkcode Language.addPipe} puts a component and how it configures it. */
export interface AddPipeOptions {
  /** The component name (default: the factory name). */
  name?: string;
  /** Insert before this component (name or index). */
  before?: string | number;
  /** Insert after this component (name or index). */
  after?: string | number;
  /** Insert first. */
  first?: boolean;
  /** Insert last (the default). */
  last?: boolean;
  /** Settings for the factory, keyed as in the config. */
  config?: Record<string, unknown>;
}

/** Handle returned by {@linkcode Language.selectPipes}: `restore()` re-enables what it disabled. */
export interface DisabledPipes {
  /** The names disabled. */
  readonly names: readonly string[];
  /** Re-enable them. */
  restore(): void;
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
export class Language {
  /** The language code. */
  readonly lang: string;
  /** The vocabulary. */
  readonly vocab: Vocab;
  /** The tokenizer. */
  tokenizer: TokenizerLike;
  /** The default batch size of `pipe`. */
  batchSize: number;
  /** The config the pipeline was built from, where it was. */
  config: Record<string, unknown> = {};
  /** Free-form metadata (name, version, ...), saved as `meta.json`. */
  meta: Record<string, unknown> = {};
  #components: [string, Pipe, string][] = [];
  #disabled = new Set<string>();
  #optimizer: OptimizerProtocol | undefined;

  /**
   * Create an empty pipeline.
   *
   * @param options language, vocabulary, tokenizer, batch size
   */
  constructor(options: LanguageOptions = {}) {
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
    // Components annotate copies, as in spaCy: the caller's predicted docs stay
    // as they were, so evaluating twice scores the same.
    const egs = examples.map(copyForEvaluation);
    const start = performance.now();
    // Tokenizing counts in the speed, as in spaCy.
    for (const eg of egs) this.makeDoc(eg.reference.text);
    const docs = [...this.pipe(egs.map((e) => e.predicted), options)];
    const seconds = (performance.now() - start) / 1000;
    docs.forEach((d, i) => {
      if (d !== egs[i]!.predicted) {
        throw new TypeError("evaluate(): components must annotate docs in place");
      }
    });
    return withSpeed(new Scorer(this).score(egs, options), egs, seconds);
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
    const egs = examples.map(copyForEvaluation);
    const start = performance.now();
    for (const eg of egs) this.makeDoc(eg.reference.text);
    const docs: Doc[] = [];
    for await (const doc of this.pipe(egs.map((e) => e.predicted), options)) docs.push(doc);
    const seconds = (performance.now() - start) / 1000;
    docs.forEach((d, i) => {
      if (d !== egs[i]!.predicted) {
        throw new TypeError("evaluate(): components must annotate docs in place");
      }
    });
    return withSpeed(new Scorer(this).score(egs, options), egs, seconds);
  }

  /** The names of the enabled components, in order. */
  get pipeNames(): string[] {
    return this.#components.filter(([n]) => !this.#disabled.has(n)).map(([n]) => n);
  }
  /** The names of all components, disabled ones included. */
  get componentNames(): string[] {
    return this.#components.map(([n]) => n);
  }
  /** The enabled components as `[name, component]` pairs. */
  get pipeline(): [string, Pipe][] {
    return this.#components.filter(([n]) => !this.#disabled.has(n)).map(([n, p]) => [n, p]);
  }
  /** The names of the disabled components. */
  get disabled(): string[] {
    return this.componentNames.filter((n) => this.#disabled.has(n));
  }

  /**
   * The factory name a component was made by.
   *
   * @param name the component name
   * @returns the factory name
   */
  factoryName(name: string): string {
    return this.#find(name)[2];
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
   * Create a component with a registered factory and insert it.
   *
   * @param factory the factory name in `registry.factories`
   * @param options name, position and config
   * @returns the component
   * @throws {RangeError} for an unknown factory, a taken name or a bad position
   */
  addPipe(factory: string, options: AddPipeOptions = {}): Pipe {
    const name = options.name ?? factory;
    if (this.#components.some(([n]) => n === name)) {
      throw new RangeError(
        `Component "${name}" already exists (components: ${this.componentNames.join(", ")})`,
      );
    }
    const at = this.#position(options);
    const entry = registry.factories.entry(factory);
    const config = fillFactoryConfig(factory, entry.schema, options.config ?? {});
    const pipe = entry.fn({ ...config, nlp: this, name }) as Pipe;
    if (typeof pipe?.call !== "function") {
      throw new TypeError(
        `Factory "${factory}" did not return a component with a call(doc) method`,
      );
    }
    this.#components.splice(at, 0, [name, pipe, factory]);
    return pipe;
  }

  /**
   * A component by name.
   *
   * @param name the name
   * @returns the component
   * @throws {RangeError} when there is none
   */
  getPipe(name: string): Pipe {
    return this.#find(name)[1];
  }

  /**
   * Whether a component exists.
   *
   * @param name the name
   * @returns true when it does
   */
  hasPipe(name: string): boolean {
    return this.#components.some(([n]) => n === name);
  }

  /**
   * Remove a component.
   *
   * @param name the name
   * @returns `[name, component]`
   * @throws {RangeError} when there is none
   */
  removePipe(name: string): [string, Pipe] {
    const entry = this.#find(name);
    this.#components.splice(this.#components.indexOf(entry), 1);
    this.#disabled.delete(name);
    return [entry[0], entry[1]];
  }

  /**
   * Rename a component.
   *
   * @param oldName the current name
   * @param newName the new name
   * @throws {RangeError} when the old name is unknown or the new one taken
   */
  renamePipe(oldName: string, newName: string): void {
    if (this.hasPipe(newName)) throw new RangeError(`Component "${newName}" already exists`);
    const entry = this.#find(oldName);
    entry[0] = newName;
    if (this.#disabled.delete(oldName)) this.#disabled.add(newName);
  }

  /**
   * Disable a component (it stays in the pipeline, unused).
   *
   * @param name the name
   */
  disablePipe(name: string): void {
    this.#find(name);
    this.#disabled.add(name);
  }

  /**
   * Enable a disabled component.
   *
   * @param name the name
   */
  enablePipe(name: string): void {
    this.#find(name);
    this.#disabled.delete(name);
  }

  /**
   * Disable components for a while: name those to keep (`enable`) or those to
   * disable (`disable`).
   *
   * @param options `enable` or `disable` (names)
   * @returns a handle whose `restore()` re-enables them
   * @throws {TypeError} unless exactly one of `enable`/`disable` is given, or when they conflict
   */
  selectPipes(options: { enable?: string | string[]; disable?: string | string[] }): DisabledPipes {
    const list = (
      v: string | string[] | undefined,
    ) => (v === undefined ? undefined : typeof v === "string" ? [v] : v);
    const enable = list(options.enable);
    const disable = list(options.disable);
    if (enable === undefined && disable === undefined) {
      throw new TypeError("selectPipes() needs `enable` or `disable`");
    }
    for (const n of [...(enable ?? []), ...(disable ?? [])]) this.#find(n);
    const toDisable = disable ?? this.pipeNames.filter((n) => !enable!.includes(n));
    if (
      enable && disable && this.pipeNames.some((n) => !enable.includes(n) !== disable.includes(n))
    ) {
      throw new TypeError("selectPipes(): `enable` and `disable` conflict");
    }
    const names = toDisable.filter((n) => !this.#disabled.has(n));
    for (const n of names) this.#disabled.add(n);
    return { names, restore: () => names.forEach((n) => this.#disabled.delete(n)) };
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

  /**
   * Connect tok2vec components to the listener layers of later components
   * (done by `initialize`; call it after loading or rearranging components).
   */
  linkComponents(): void {
    linkComponents(this);
  }

  /**
   * One training step (spaCy's `nlp.update`): each enabled component not in
   * `exclude` updates, then applies `sgd` (default: `this.optimizer`; pass
   * `sgd: null` or `false` for no step); those in `annotates` then annotate
   * the batch. Reads losses synchronously (CPU); see `updateAsync`.
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses, exclude, annotates, componentCfg
   * @returns the losses by component
   */
  update(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Record<string, number> {
    return updatePipeline(this, examples, this.#withOptimizer(options));
  }

  /**
   * The optimizer `update` uses when given none (made on first use from
   * `[training.optimizer]`, else spaCy's default Adam).
   */
  get optimizer(): OptimizerProtocol {
    this.#optimizer ??= createOptimizer(this);
    return this.#optimizer;
  }

  #withOptimizer(options: LanguageUpdateOptions): LanguageUpdateOptions {
    return options.sgd !== undefined ? options : { ...options, sgd: this.optimizer };
  }

  /**
   * `update` on any backend (losses are read asynchronously).
   *
   * @param examples the batch
   * @param options as `update`
   * @returns the losses by component
   */
  updateAsync(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Promise<Record<string, number>> {
    return updatePipelineAsync(this, examples, this.#withOptimizer(options));
  }

  /**
   * A rehearsal step against catastrophic forgetting (spaCy's `nlp.rehearse`;
   * needs `resumeTraining()` first).
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses, exclude
   * @returns the losses by component
   */
  rehearse(
    examples: readonly Example[],
    options: LanguageUpdateOptions = {},
  ): Record<string, number> {
    return rehearsePipeline(this, examples, options);
  }

  /** Prepare a trained pipeline for more training: link listeners, keep rehearsal copies. */
  resumeTraining(): void {
    resumeTraining(this);
  }

  /**
   * Run `fn` with the components' parameters swapped for `params` (an
   * optimizer's `averages`), restored afterwards (spaCy's `use_params`).
   *
   * @param params parameters keyed by `paramKeyString`; none runs `fn` as is
   * @param fn the work to do
   * @returns what `fn` returns
   */
  useParams<T>(params: ReadonlyMap<string, FloatsXd> | undefined | null, fn: () => T): T {
    return usePipelineParams(this, params, fn);
  }

  /**
   * Give a component its own copy of a tok2vec component's network in place
   * of its listener layers (spaCy's `replace_listeners`), updating the config.
   *
   * @param tok2vecName the tok2vec component
   * @param pipeName the listening component
   * @param listeners the config paths of its listeners, e.g. `["model.tok2vec"]`
   * @throws {RangeError} when the names or the number of listeners do not match
   */
  replaceListeners(tok2vecName: string, pipeName: string, listeners: readonly string[]): void {
    replaceListeners(this, tok2vecName, pipeName, listeners);
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

  #find(name: string): [string, Pipe, string] {
    const entry = this.#components.find(([n]) => n === name);
    if (!entry) {
      throw new RangeError(
        `No component "${name}" (components: ${this.componentNames.join(", ") || "none"})`,
      );
    }
    return entry;
  }

  #position(o: AddPipeOptions): number {
    const given = [
      o.before !== undefined,
      o.after !== undefined,
      o.first === true,
      o.last === true,
    ];
    if (given.filter(Boolean).length > 1) {
      throw new RangeError("addPipe(): give only one of before, after, first, last");
    }
    const index = (ref: string | number) => {
      if (typeof ref === "number") {
        if (!Number.isInteger(ref) || ref < 0 || ref >= this.#components.length) {
          throw new RangeError(
            `addPipe(): index ${ref} is out of range for ${this.#components.length} components`,
          );
        }
        return ref;
      }
      return this.#components.indexOf(this.#find(ref));
    };
    if (o.first) return 0;
    if (o.before !== undefined) return index(o.before);
    if (o.after !== undefined) return index(o.after) + 1;
    return this.#components.length;
  }
}
