/**
 * `ModelPipe`: the base of components with a model — predicting, writing
 * annotations, scoring and serialization (spaCy's `Pipe` part of
 * `TrainablePipe`). Training is added by `TrainablePipe`.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import type { Model } from "@weft/layers";
import type { DocLike, DType, HostArray, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import type { Pipe } from "../language/pipe.ts";
import type { Vocab } from "../vocab/vocab.ts";

/** A scoring function as registered under `spacy.*_scorer.v*`. */
export type ScorerFn = (
  examples: readonly Example[],
  options?: Record<string, unknown>,
) => Record<string, unknown>;

/** What every trainable component's constructor takes. */
export interface TrainablePipeOptions<Out> {
  /** The shared vocabulary. */
  vocab: Vocab;
  /** The component's model, `List[Doc] -> Out`. */
  model: Model<DocLike[], Out>;
  /** The component name (the key of its loss). */
  name?: string | undefined;
  /** The scoring function, or null for none. */
  scorer?: ScorerFn | null | undefined;
}

/** Host values of arrays read back from the model's backend. */
export type HostValues = HostArray<DType>[];

/**
 * The base of components with a model: `predict` runs the model without
 * changing docs, `setAnnotations` (or its async twin) writes predictions.
 * Subclasses name the arrays they read back (`arraysToRead`) and write the read
 * values into docs (`writeAnnotations`), so the same code serves the
 * synchronous CPU path and the asynchronous path. Components that train extend
 * {@linkcode TrainablePipe}, which extends this class.
 *
 * @example Every trainable component is a model pipe
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, ModelPipe } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tagger = nlp.addPipe("tagger");
 * assert.ok(tagger instanceof ModelPipe);
 * assert.equal((tagger as ModelPipe).name, "tagger");
 * ```
 */
export abstract class ModelPipe<Out = unknown> implements Pipe {
  /** The component name. */
  name: string;
  /** The shared vocabulary. */
  readonly vocab: Vocab;
  /** The model. */
  model: Model<DocLike[], Out>;
  /** Settings and labels, saved with the component. */
  cfg: Record<string, unknown> = {};
  /** The scoring function. */
  scorer: ScorerFn | null;

  /**
   * Set up the shared parts of a component.
   *
   * @param options vocabulary, model, name and scorer
   */
  constructor(options: TrainablePipeOptions<Out>) {
    this.vocab = options.vocab;
    this.model = options.model;
    this.name = options.name ?? "pipe";
    this.scorer = options.scorer ?? null;
  }

  /** The labels (none by default). */
  get labels(): readonly string[] {
    return [];
  }

  /**
   * Run the model on docs without changing them.
   *
   * @param docs the docs
   * @returns the model's output
   */
  predict(docs: Doc[]): Out {
    if (!docs.some((d) => d.length > 0)) return this.emptyOutput(docs);
    return this.model.predict(docs);
  }

  /** The output for a batch without tokens (the model is not run). */
  protected abstract emptyOutput(docs: Doc[]): Out;
  /** The arrays of an output `setAnnotations` reads back. */
  protected abstract arraysToRead(scores: Out): NdArray<Shape, DType>[];
  /** Write read-back values (in `arraysToRead` order) into the docs. */
  protected abstract writeAnnotations(docs: Doc[], values: HostValues, scores: Out): void;

  /**
   * Write predictions into docs, reading values synchronously (CPU).
   *
   * @param docs the docs
   * @param scores the output of `predict`
   * @throws {TypeError} on backends that cannot read synchronously
   */
  setAnnotations(docs: Doc[], scores: Out): void {
    const ops = this.model.ops;
    const readSync = ops.readSync;
    if (!readSync) {
      throw new TypeError(
        `Component "${this.name}": backend "${ops.name}" cannot read synchronously; use processBatch()`,
      );
    }
    const values = this.arraysToRead(scores).map((a) => readSync(a) as HostArray<DType>);
    this.writeAnnotations(docs, values, scores);
  }

  /**
   * Write predictions into docs, reading values asynchronously (any backend).
   *
   * @param docs the docs
   * @param scores the output of `predict`
   */
  async setAnnotationsAsync(docs: Doc[], scores: Out): Promise<void> {
    const ops = this.model.ops;
    const values = await Promise.all(this.arraysToRead(scores).map((a) => ops.read(a)));
    this.writeAnnotations(docs, values as HostValues, scores);
  }

  /**
   * Annotate one doc synchronously.
   *
   * @param doc the doc
   * @returns the doc
   */
  call(doc: Doc): Doc {
    this.callBatch([doc]);
    return doc;
  }

  /**
   * Annotate a batch synchronously.
   *
   * @param docs the docs
   * @returns the docs
   */
  callBatch(docs: Doc[]): Doc[] {
    this.setAnnotations(docs, this.predict(docs));
    return docs;
  }

  /**
   * Annotate a batch, reading values asynchronously.
   *
   * @param docs the docs
   * @returns the docs
   */
  async processBatch(docs: Doc[]): Promise<Doc[]> {
    await this.setAnnotationsAsync(docs, this.predict(docs));
    return docs;
  }

  /**
   * Add a label.
   *
   * @param label the label
   * @returns 1 when added, 0 when present
   * @throws {TypeError} for components without labels
   */
  addLabel(label: string): number {
    throw new TypeError(`Component "${this.name}" cannot add labels (got "${label}")`);
  }

  /** Options the scorer gets besides the examples (labels and the like). */
  protected scorerOptions(): Record<string, unknown> {
    return { labels: this.labels };
  }

  /**
   * Score predictions with the component's scorer.
   *
   * @param examples examples whose predicted docs this component annotated
   * @returns the scores (empty without a scorer)
   */
  score(examples: readonly Example[]): Record<string, unknown> {
    return this.scorer ? this.scorer(examples, this.scorerOptions()) : {};
  }

  /** Restore settings that `cfg` holds after loading (labels tables and the like). */
  protected afterLoad(): void {}

  /**
   * Serialize the settings, labels and model weights (msgpack).
   *
   * @returns the bytes
   */
  async toBytes(): Promise<Uint8Array> {
    return encode({ cfg: this.cfg, model: await this.model.toBytes() });
  }

  /**
   * Load what `toBytes` wrote.
   *
   * @param bytes the bytes
   * @returns this component
   * @throws {TypeError} when the bytes are not a component's
   */
  async fromBytes(bytes: Uint8Array): Promise<this> {
    let msg: { cfg?: Record<string, unknown>; model?: Uint8Array };
    try {
      msg = decode(bytes) as typeof msg;
    } catch (e) {
      throw new TypeError(
        `Cannot load component "${this.name}": the bytes do not decode (${(e as Error).message})`,
      );
    }
    if (msg === null || typeof msg !== "object" || !(msg.model instanceof Uint8Array)) {
      throw new TypeError(`Cannot load component "${this.name}": not a component's bytes`);
    }
    this.cfg = { ...this.cfg, ...(msg.cfg ?? {}) };
    this.afterLoad();
    await this.model.fromBytes(msg.model);
    return this;
  }

  /**
   * Write the component into a folder: `cfg` (JSON) and `model` (weights).
   *
   * @param path the folder (created)
   */
  async toDisk(path: string): Promise<void> {
    await Deno.mkdir(path, { recursive: true });
    await Deno.writeTextFile(`${path}/cfg`, JSON.stringify(this.cfg, null, 2));
    await this.model.toDisk(`${path}/model`);
  }

  /**
   * Load a folder written by `toDisk`.
   *
   * @param path the folder
   * @returns this component
   */
  async fromDisk(path: string): Promise<this> {
    this.cfg = { ...this.cfg, ...JSON.parse(await Deno.readTextFile(`${path}/cfg`)) };
    this.afterLoad();
    await this.model.fromDisk(`${path}/model`);
    return this;
  }
}
