import { type Backprop, Model } from "@weft/layers";
import { type DocLike, type Floats2d, NdArray, ORTH } from "@weft/types";

/** A document that may carry the vectors a tok2vec component stored on it (`doc.tensor`). */
export interface DocWithTensor extends DocLike {
  /** `[length, width]` token vectors set by the upstream tok2vec component, if any. */
  readonly tensor?: Floats2d | undefined;
}

/** A batch of documents as a listener sees it. */
export type Docs = DocWithTensor[];

function tensorOf(doc: DocWithTensor): Floats2d | undefined {
  const t = doc.tensor;
  return t instanceof NdArray && t.size > 0 ? t : undefined;
}

/**
 * A layer fed by an upstream tok2vec component (`spacy.Tok2VecListener.v1`).
 *
 * During training the upstream component runs its network once per batch and
 * calls `receive(batchId, outputs, backprop)` on every listener; the listener's
 * forward then returns those outputs, and the gradient a downstream component
 * passes back goes to `backprop`, so the shared network learns from every
 * listener. At prediction time (components may batch differently) the listener
 * reads each document's `tensor`, or returns zeros of width `nO` when it is unset.
 *
 * @example A component's model reading outputs pushed by an upstream tok2vec
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Tok2VecListener } from "@weft/architectures";
 * const ops = getOps("cpu");
 * const doc = { length: 2, words: ["a", "b"], toArray: () => new Uint32Array([1, 2]) };
 * const listener = new Tok2VecListener({ upstreamName: "*", width: 3 });
 * const outputs = [ops.alloc2f(2, 3)];
 * let seen = 0;
 * listener.receive(Tok2VecListener.getBatchId([doc]), outputs, () => (seen++, []));
 * const [Y, backprop] = listener.beginUpdate([doc]);
 * assert.equal(Y, outputs);
 * backprop([ops.alloc2f(2, 3)]);
 * assert.equal(seen, 1);
 * assert.throws(() => listener.beginUpdate([{ ...doc, toArray: () => new Uint32Array([5, 6]) }]), RangeError);
 * ```
 */
export class Tok2VecListener extends Model<Docs, Floats2d[]> {
  /** The name of the tok2vec component to listen to, or `"*"` for any. */
  readonly upstreamName: string;
  #batchId: number | null = null;
  #outputs: Floats2d[] | null = null;
  #backprop: Backprop<Docs, Floats2d[]> | null = null;

  /**
   * Create a listener.
   *
   * @param options `upstreamName` (`"*"` matches any tok2vec component) and the upstream `width`
   */
  constructor(options: { upstreamName?: string | undefined; width: number }) {
    super("tok2vec-listener", listenerForward, {
      dims: { nO: options.width },
      inputType: "List[Doc]",
      outputType: "List[Floats2d]",
    });
    this.upstreamName = options.upstreamName ?? "*";
  }

  /**
   * A content hash of a batch of documents (the sum of their ORTH ids, as spaCy
   * does), to check that a listener is asked about the batch it received.
   */
  static getBatchId(docs: readonly DocLike[]): number {
    let id = 0;
    for (const doc of docs) for (const orth of doc.toArray([ORTH])) id += orth;
    return id;
  }

  /** The id of the batch last received, or `null`. */
  get batchId(): number | null {
    return this.#batchId;
  }

  /**
   * Store the upstream component's outputs for a batch and the callback that
   * backpropagates into the upstream network.
   *
   * @param batchId `Tok2VecListener.getBatchId(docs)` of the batch
   * @param outputs one `[length, width]` array per document
   * @param backprop receives the gradient of `outputs`
   */
  receive(batchId: number, outputs: Floats2d[], backprop: Backprop<Docs, Floats2d[]>): void {
    this.#batchId = batchId;
    this.#outputs = outputs;
    this.#backprop = backprop;
  }

  /**
   * Check that `docs` is the batch whose outputs were received.
   *
   * @returns true when it is
   * @throws {RangeError} when nothing was received, or another batch was
   */
  verifyInputs(docs: readonly DocLike[]): boolean {
    if (this.#batchId === null && this.#outputs === null) {
      throw new RangeError(
        `Layer "${this.name}" has no outputs for this batch: the upstream tok2vec component ` +
          `("${this.upstreamName}") must run update() before the listening component`,
      );
    }
    const id = Tok2VecListener.getBatchId(docs);
    if (id !== this.#batchId) {
      throw new RangeError(
        `Layer "${this.name}" received outputs for batch ${this.#batchId} but is asked ` +
          `about batch ${id}: the upstream and listening components saw different documents`,
      );
    }
    return true;
  }

  /** The stored outputs and callback, after `verifyInputs`; `null` when nothing was received. */
  stored(docs: readonly DocLike[]): readonly [Floats2d[], Backprop<Docs, Floats2d[]>] | null {
    if (this.#batchId === null) return null;
    this.verifyInputs(docs);
    return [this.#outputs!, this.#backprop!] as const;
  }
}

const emptyBackprop = (_dY: Floats2d[]): Docs => [];

function listenerForward(model: Model<Docs, Floats2d[]>, docs: Docs, isTrain: boolean) {
  const listener = model as Tok2VecListener;
  if (isTrain) {
    const stored = listener.stored(docs);
    if (stored !== null) return stored;
    // The upstream component is frozen or annotating: use what it stored on the docs.
    const outputs = docs.map((doc) => {
      const t = tensorOf(doc);
      if (t === undefined) {
        throw new RangeError(
          `Layer "${model.name}" found a document without vectors from the upstream tok2vec ` +
            `component; add it to "annotating_components" when it is frozen`,
        );
      }
      return t;
    });
    return [outputs, emptyBackprop] as const;
  }
  const width = model.getDim("nO");
  const outputs = docs.map((doc) => tensorOf(doc) ?? model.ops.alloc2f(doc.length, width));
  return [outputs, emptyBackprop] as const;
}
