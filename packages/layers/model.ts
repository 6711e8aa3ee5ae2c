/**
 * Thinc's `Model`: a forward function with its dims, params, gradients, child
 * layers, references and attributes.
 *
 * @module
 */
import { getCurrentOps, type Ops } from "@weft/ops";
export type { WalkOrder } from "./model_node.ts";
import type { WalkOrder } from "./model_node.ts";
import type { FloatsXd } from "@weft/types";
import { ModelNode } from "./model_node.ts";
import { type OptimizerProtocol, paramKeyString } from "./optimizer_protocol.ts";
import { modelFromBytes, modelToBytes, writeFileAtomic } from "./serialize.ts";

// Method-shaped function types are checked bivariantly, which lets a
// `Model<Floats2d, Floats2d>` sit in a `Model[]` of children as in Thinc.
/** The callback returned by `forward`: maps the output gradient to the input gradient. */
export type Backprop<In, Out> = { bivariant(dY: Out): In }["bivariant"];
/** A layer's forward pass: returns the output and its backprop callback. */
export type Forward<In, Out> = {
  bivariant(model: Model<In, Out>, X: In, isTrain: boolean): readonly [Out, Backprop<In, Out>];
}["bivariant"];
/** A layer's initializer: infers missing dims from samples and allocates params. */
export type Init<In, Out> = {
  bivariant(model: Model<In, Out>, X: In | undefined, Y: Out | undefined): void;
}["bivariant"];

/** Options of the `Model` constructor; every field is optional. */
export interface ModelOptions<In, Out> {
  /** Shape inference and parameter allocation, run by `initialize`. */
  init?: Init<In, Out> | undefined;
  /** Declared dimensions; `null`/`undefined` declares a dim left to inference. */
  dims?: Readonly<Record<string, number | null | undefined>> | undefined;
  /** Declared parameters; `null`/`undefined` declares one allocated by `init`. */
  params?: Readonly<Record<string, FloatsXd | null | undefined>> | undefined;
  /** Child layers. */
  layers?: readonly Model[] | undefined;
  /** Named references to nodes of the tree (e.g. `"tok2vec"`). */
  refs?: Readonly<Record<string, Model | null | undefined>> | undefined;
  /** Free-form attributes (dropout rates, settings); plain values serialize. */
  attrs?: Readonly<Record<string, unknown>> | undefined;
  /** The backend; `getCurrentOps()` by default. */
  ops?: Ops | undefined;
  /** The input type tag, e.g. `"Floats2d"`, `"List[Floats2d]"`; `"Any"` by default. */
  inputType?: string | undefined;
  /** The output type tag; `"Any"` by default. */
  outputType?: string | undefined;
}

/** The input type of a model type. */
export type InputOf<M> = M extends Model<infer I, infer _O> ? I : unknown;
/** The output type of a model type. */
export type OutputOf<M> = M extends Model<infer _I, infer O> ? O : unknown;
/** The last element type of a tuple. */
export type LastOf<L extends readonly unknown[]> = L extends readonly [...unknown[], infer T] ? T
  : unknown;

let nextId = 0;

/** A deep copy of plain attribute values; functions, models and the like are shared. */
function cloneAttr(value: unknown): unknown {
  if (value instanceof Model || typeof value === "function") return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/**
 * A layer or network of layers, as Thinc's `Model`.
 *
 * @example A tiny layer that doubles its input
 * ```ts
 * import assert from "node:assert/strict";
 * import { Model } from "@weft/layers";
 * const double = new Model<number[], number[]>("double", (_m, X) => [
 *   X.map((x) => 2 * x),
 *   (dY) => dY.map((d) => 2 * d),
 * ]);
 * assert.deepEqual(double.predict([1, 2]), [2, 4]);
 * assert.equal(double.name, "double");
 * ```
 */
export class Model<In = unknown, Out = unknown> extends ModelNode {
  /** A process-unique id; optimizers key their state by it. */
  readonly id: number;
  /** The forward function. */
  readonly forward: Forward<In, Out>;
  /** The initializer, if any. */
  readonly init: Init<In, Out> | undefined;
  /** Child layers. */
  readonly layers: Model[];
  /** The input type tag. */
  inputType: string;
  /** The output type tag. */
  outputType: string;

  /**
   * Create a model from a name, a forward function and options.
   *
   * @param name the layer name
   * @param forward `(model, X, isTrain) => [Y, backprop]`
   * @param options dims, params, layers, refs, attrs, init, ops and type tags
   */
  constructor(name: string, forward: Forward<In, Out>, options: ModelOptions<In, Out> = {}) {
    super(name, options.ops ?? getCurrentOps(), options);
    this.id = nextId++;
    this.forward = forward;
    this.init = options.init;
    this.layers = [...(options.layers ?? [])];
    this.inputType = options.inputType ?? "Any";
    this.outputType = options.outputType ?? "Any";
  }

  /** Run the forward function: `[Y, backprop]`. */
  call(X: In, isTrain: boolean): readonly [Out, Backprop<In, Out>] {
    return this.forward(this, X, isTrain);
  }

  /**
   * Infer missing dims from sample data and allocate params; returns this model.
   *
   * @throws {RangeError} when a dim cannot be inferred or contradicts a set one
   */
  initialize(samples: { X?: In | undefined; Y?: Out | undefined } = {}): this {
    this.init?.(this, samples.X, samples.Y);
    return this;
  }

  /** Run in training mode: `[Y, backprop]`. */
  beginUpdate(X: In): readonly [Out, Backprop<In, Out>] {
    return this.forward(this, X, true);
  }

  /** Run in prediction mode and return the output. */
  predict(X: In): Out {
    return this.forward(this, X, false)[0];
  }

  /**
   * Apply every gradient through the optimizer (in place), then zero the gradients
   * (skipped for a gradient whose `optimizer.update` returned `true`: already cleared).
   */
  finishUpdate(optimizer: OptimizerProtocol): void {
    for (const node of this.walk()) {
      for (const name of node.paramNames) {
        const grad = node.maybeGetGrad(name);
        const param = node.maybeGetParam(name);
        if (grad === null || param === null) continue;
        if (optimizer.update([node.id, name], param, grad) !== true) node.ops.fill(grad, 0);
        node.markParamsChanged();
      }
    }
  }

  /**
   * Run `fn` with params swapped for those in `params` (keyed by `paramKeyString`,
   * e.g. an optimizer's averages), restoring them afterwards (also after a promise settles).
   */
  useParams<T>(params: ReadonlyMap<string, FloatsXd>, fn: () => T): T {
    const backup: [Model, string, FloatsXd | null][] = [];
    for (const node of this.walk()) {
      for (const name of node.paramNames) {
        const value = params.get(paramKeyString([node.id, name]));
        if (value === undefined) continue;
        backup.push([node, name, node.maybeGetParam(name)]);
        node.setParam(name, value);
      }
    }
    const restore = () => {
      for (const [node, name, value] of backup) node.setParam(name, value);
    };
    let result: T;
    try {
      result = fn();
    } catch (e) {
      restore();
      throw e;
    }
    if (result instanceof Promise) return result.finally(restore) as T;
    restore();
    return result;
  }

  /**
   * The nodes of the tree, each once: breadth-first by default, or depth-first
   * in pre- or post-order.
   */
  override walk(order: WalkOrder = "bfs"): Model[] {
    const out: Model[] = [];
    const seen = new Set<Model>();
    if (order === "bfs") {
      const queue: Model[] = [this];
      for (let i = 0; i < queue.length; i++) {
        const node = queue[i]!;
        if (seen.has(node)) continue;
        seen.add(node);
        out.push(node);
        queue.push(...node.layers);
      }
      return out;
    }
    const visit = (node: Model) => {
      seen.add(node);
      if (order === "dfs_pre") out.push(node);
      for (const child of node.layers) if (!seen.has(child)) visit(child);
      if (order === "dfs_post") out.push(node);
    };
    visit(this);
    return out;
  }

  /**
   * Replace every occurrence of `old` in the tree (as a child or a reference) by
   * `replacement`, as spaCy does when it swaps a tok2vec listener; returns whether
   * `old` was found.
   */
  replaceNode(old: Model, replacement: Model): boolean {
    let seen = false;
    for (const node of this.walk("dfs_post").reverse()) {
      if (node === old) {
        seen = true;
        continue;
      }
      for (let i = 0; i < node.layers.length; i++) {
        if (node.layers[i] === old) {
          node.layers[i] = replacement;
          seen = true;
        }
      }
      node.swapRefs(old, replacement);
    }
    return seen;
  }

  /** Remove `node` from the children of every node of the tree, unsetting references to it. */
  removeNode(node: Model): void {
    for (const parent of this.walk()) {
      for (let i = parent.layers.length - 1; i >= 0; i--) {
        if (parent.layers[i] === node) parent.layers.splice(i, 1);
      }
      parent.swapRefs(node, null);
    }
  }

  /** A deep copy with new ids; shared children stay shared in the copy. */
  copy(): Model<In, Out> {
    return this.#copy(new Map());
  }

  #copy(seen: Map<Model, Model>): Model<In, Out> {
    const layers = this.layers.map((l) => seen.get(l) ?? l.#copy(seen));
    const copied = new Model<In, Out>(this.name, this.forward, {
      init: this.init,
      ops: this.ops,
      layers,
      attrs: Object.fromEntries([...this.attrs].map(([k, v]) => [k, cloneAttr(v)])),
      inputType: this.inputType,
      outputType: this.outputType,
    });
    seen.set(this, copied);
    this.copyStateTo(copied, (ref) => seen.get(ref) ?? ref.#copy(seen));
    return copied;
  }

  /** Set the `dropout_rate` attribute of every node that has one. */
  setDropoutRate(rate: number): this {
    for (const node of this.walk()) {
      if (node.attrs.has("dropout_rate")) node.attrs.set("dropout_rate", rate);
    }
    return this;
  }

  /** Serialize dims, refs, attrs and params of every node (msgpack). */
  toBytes(): Promise<Uint8Array> {
    return modelToBytes(this);
  }

  /**
   * Load what `toBytes` wrote into this model, which must have the same structure.
   *
   * @throws {TypeError} when the bytes do not decode or their structure differs (naming the first mismatching node)
   */
  async fromBytes(bytes: Uint8Array): Promise<this> {
    await modelFromBytes(this, bytes);
    return this;
  }

  /** Write `toBytes()` to a file atomically (a temporary file renamed into place). */
  async toDisk(path: string | URL): Promise<void> {
    await writeFileAtomic(path, await this.toBytes());
  }

  /**
   * Load a file written by `toDisk`.
   *
   * @throws {TypeError} as `fromBytes`
   */
  async fromDisk(path: string | URL): Promise<this> {
    return await this.fromBytes(await Deno.readFile(path));
  }
}
