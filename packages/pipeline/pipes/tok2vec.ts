/**
 * `Tok2Vec`: a token-to-vector network shared by downstream components
 * through `spacy.Tok2VecListener.v1` layers (spaCy's `tok2vec`).
 *
 * @module
 */
import { Tok2VecListener } from "@weft/architectures";
import type { Model } from "@weft/layers";
import type { DocLike, DType, Floats2d, NdArray, Shape } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import type { UpdateOptions } from "../language/pipe.ts";
import {
  type PipeInitializeOptions,
  TrainablePipe,
  type TrainablePipeOptions,
} from "./trainable_pipe.ts";
import { predictInChunks } from "./tok2vec_chunks.ts";

/**
 * Runs its network once per batch and sets `doc.tensor` (spaCy's `tok2vec`).
 * In training, `update` pushes its outputs and a backprop callback to every
 * listener found in downstream components; the listeners' components pass
 * their gradients back, which accumulate, and the last listener's call
 * backpropagates the sum into this network. Its loss is the sum of squares of
 * the gradients it received.
 *
 * @example Sharing one tok2vec between a tagger and its listener
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, type Tok2Vec } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tok2vec = nlp.addPipe("tok2vec") as Tok2Vec;
 * nlp.addPipe("tagger", {
 *   config: {
 *     model: {
 *       "@architectures": "spacy.Tagger.v2",
 *       tok2vec: { "@architectures": "spacy.Tok2VecListener.v1", width: 96, upstream: "*" },
 *     },
 *   },
 * });
 * nlp.linkComponents();
 * assert.deepEqual(tok2vec.listeningComponents, ["tagger"]);
 * ```
 */
export class Tok2Vec extends TrainablePipe<Floats2d[]> {
  /** Listener layers by the name of the component whose model holds them. */
  readonly listenerMap: Map<string, Tok2VecListener[]> = new Map();

  /**
   * Create a tok2vec component.
   *
   * @param options vocabulary, model (`List[Doc] -> List[Floats2d]`), name
   */
  constructor(options: TrainablePipeOptions<Floats2d[]>) {
    super({ ...options, name: options.name ?? "tok2vec" });
  }

  /** Every listener, in component order. */
  get listeners(): Tok2VecListener[] {
    return [...this.listenerMap.values()].flat();
  }

  /** The names of the components listening. */
  get listeningComponents(): string[] {
    return [...this.listenerMap.keys()];
  }

  /**
   * Register a listener of a downstream component.
   *
   * @param listener the listener layer
   * @param componentName the component whose model holds it
   */
  addListener(listener: Tok2VecListener, componentName: string): void {
    const list = this.listenerMap.get(componentName) ?? [];
    if (!list.includes(listener)) list.push(listener);
    this.listenerMap.set(componentName, list);
  }

  /**
   * Unregister a listener.
   *
   * @param listener the listener layer
   * @param componentName the component whose model holds it
   * @returns whether it was registered
   */
  removeListener(listener: Tok2VecListener, componentName: string): boolean {
    const list = this.listenerMap.get(componentName);
    const at = list?.indexOf(listener) ?? -1;
    if (!list || at < 0) return false;
    list.splice(at, 1);
    if (list.length === 0) this.listenerMap.delete(componentName);
    return true;
  }

  /**
   * Register the listeners in a component's model whose upstream name is this
   * component's name or `"*"`.
   *
   * @param component a component (anything with `name` and `model`)
   */
  findListeners(component: { name: string; model?: unknown }): void {
    const model = component.model as Model | undefined;
    if (!model || typeof model.walk !== "function") return;
    for (const node of model.walk()) {
      if (
        node instanceof Tok2VecListener &&
        (node.upstreamName === "*" || node.upstreamName === this.name)
      ) this.addListener(node, component.name);
    }
  }

  /**
   * Run the network on the docs, a chunk of at most
   * `PREDICT_CHUNK_WORDS` words at a time (bounded memory for big batches).
   *
   * @param docs the docs
   * @returns one `[length, width]` array per doc
   */
  override predict(docs: Doc[]): Floats2d[] {
    return predictInChunks(docs, (chunk) => super.predict(chunk));
  }

  /** The output for a batch without tokens. */
  protected override emptyOutput(docs: Doc[]): Floats2d[] {
    const width = this.model.getDim("nO");
    return docs.map(() => this.model.ops.alloc2f(0, width));
  }

  /** The arrays of an output that annotation reads back. */
  protected override arraysToRead(): NdArray<Shape, DType>[] {
    return [];
  }

  /** Write read-back values into the docs. */
  protected override writeAnnotations(docs: Doc[], _values: unknown, scores: Floats2d[]): void {
    docs.forEach((doc, i) => (doc.tensor = scores[i]));
  }

  /**
   * Not used: the tok2vec's gradient comes from its listeners.
   *
   * @param _examples the examples
   * @param scores the outputs
   * @returns `[0, scores]`
   */
  override getLoss(_examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    return [0, scores];
  }

  /**
   * Run the network on the batch and hand its outputs to the listeners; the
   * backprop happens when the last listener's component backpropagates.
   *
   * @param examples the batch
   * @param options dropout, optimizer (applied after the last listener's backprop), losses
   * @returns the losses
   */
  override update(
    examples: readonly Example[],
    options: UpdateOptions = {},
  ): Record<string, number> {
    const losses = options.losses ?? {};
    losses[this.name] ??= 0;
    const docs = examples.map((eg) => eg.predicted);
    if (!docs.some((d) => d.length > 0)) return losses;
    const ops = this.model.ops;
    this.model.setDropoutRate(options.drop ?? 0);
    const [tokvecs, backpropTokvecs] = this.model.beginUpdate(docs as DocLike[]);
    const dTokvecs = tokvecs.map((t) => ops.alloc2f(t.shape[0], t.shape[1]));
    const readSync = ops.readSync;
    const accumulate = (grads: Floats2d[]): DocLike[] => {
      grads.forEach((d, i) => {
        ops.addInPlace(dTokvecs[i]!, d);
        if (readSync) {
          let sum = 0;
          for (const v of readSync(d)) sum += v * v;
          losses[this.name]! += sum;
        } else {
          // No synchronous reads (WebGPU): square on the device and add the
          // total when the read lands, which is before the next logged row
          // because reads complete in submission order.
          const squares = ops.rowDots(d, d);
          void ops.read(squares).then((values) => {
            let sum = 0;
            for (const v of values) sum += v;
            losses[this.name]! += sum;
            ops.release(squares);
          });
        }
      });
      return [];
    };
    const backprop = (grads: Floats2d[]): DocLike[] => {
      accumulate(grads);
      const dDocs = backpropTokvecs(dTokvecs);
      const sgd = options.sgd;
      if (sgd !== undefined && sgd !== null && sgd !== false) {
        this.finishUpdate(sgd as Parameters<TrainablePipe["finishUpdate"]>[0]);
      }
      return dDocs;
    };
    const batchId = Tok2VecListener.getBatchId(docs);
    const listeners = this.listeners;
    listeners.forEach((listener, i) => {
      listener.receive(batchId, tokvecs, i === listeners.length - 1 ? backprop : accumulate);
    });
    return losses;
  }

  /**
   * As `update` (the listeners' components read their losses).
   *
   * @param examples the batch
   * @param options dropout, optimizer, losses
   * @returns the losses
   */
  override updateAsync(
    examples: readonly Example[],
    options: UpdateOptions = {},
  ): Promise<Record<string, number>> {
    return Promise.resolve(this.update(examples, options));
  }

  /**
   * Initialize the network on up to 10 predicted docs.
   *
   * @param getExamples returns sample examples
   * @param _options unused
   * @throws {RangeError} without examples
   */
  override initialize(
    getExamples: () => Iterable<Example>,
    _options: PipeInitializeOptions = {},
  ): void {
    const X: Doc[] = [];
    for (const eg of getExamples()) {
      if (X.length === 10) break;
      X.push(eg.predicted);
    }
    if (X.length === 0) throw new RangeError(`Component "${this.name}" got no examples`);
    this.model.initialize({ X: X as DocLike[] });
  }
}
