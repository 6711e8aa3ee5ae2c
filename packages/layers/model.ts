/**
 * Thinc's `Model`: a forward function with its dims, params, gradients, child
 * layers, references and attributes.
 *
 * @module
 */
import { getCurrentOps, type Ops } from "@weft/ops";
import type { Floats1d, Floats2d, Floats3d, Floats4d, FloatsXd } from "@weft/types";
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

/** Traversal orders of `Model.walk`. */
export type WalkOrder = "bfs" | "dfs_pre" | "dfs_post";

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
export class Model<In = unknown, Out = unknown> {
  /** A process-unique id; optimizers key their state by it. */
  readonly id: number;
  /** The layer's name, e.g. `"relu"` or `"relu>>softmax"`. */
  name: string;
  /** The backend this model computes with. */
  ops: Ops;
  /** The forward function. */
  readonly forward: Forward<In, Out>;
  /** The initializer, if any. */
  readonly init: Init<In, Out> | undefined;
  /** Child layers. */
  readonly layers: Model[];
  /** Attributes; values that msgpack can encode are serialized. */
  readonly attrs: Map<string, unknown>;
  /** The input type tag. */
  inputType: string;
  /** The output type tag. */
  outputType: string;
  readonly #dims = new Map<string, number | null>();
  readonly #params = new Map<string, FloatsXd | null>();
  readonly #grads = new Map<string, FloatsXd>();
  readonly #refs = new Map<string, Model | null>();

  /**
   * Create a model from a name, a forward function and options.
   *
   * @param name the layer name
   * @param forward `(model, X, isTrain) => [Y, backprop]`
   * @param options dims, params, layers, refs, attrs, init, ops and type tags
   */
  constructor(name: string, forward: Forward<In, Out>, options: ModelOptions<In, Out> = {}) {
    this.id = nextId++;
    this.name = name;
    this.forward = forward;
    this.init = options.init;
    this.ops = options.ops ?? getCurrentOps();
    this.layers = [...(options.layers ?? [])];
    this.attrs = new Map(Object.entries(options.attrs ?? {}));
    this.inputType = options.inputType ?? "Any";
    this.outputType = options.outputType ?? "Any";
    for (const [k, v] of Object.entries(options.dims ?? {})) this.#dims.set(k, v ?? null);
    for (const [k, v] of Object.entries(options.params ?? {})) this.#params.set(k, v ?? null);
    for (const [k, v] of Object.entries(options.refs ?? {})) this.#refs.set(k, v ?? null);
  }

  /** Names of declared dims. */
  get dimNames(): string[] {
    return [...this.#dims.keys()];
  }
  /** Names of declared params. */
  get paramNames(): string[] {
    return [...this.#params.keys()];
  }
  /** Names of params that have a gradient. */
  get gradNames(): string[] {
    return [...this.#grads.keys()];
  }
  /** Names of declared refs. */
  get refNames(): string[] {
    return [...this.#refs.keys()];
  }

  /** True when the dim is set, `null` when declared but unset, false when undeclared. */
  hasDim(name: string): boolean | null {
    if (!this.#dims.has(name)) return false;
    return this.#dims.get(name) !== null ? true : null;
  }

  /**
   * The value of a dim.
   *
   * @throws {RangeError} when the dim is undeclared or unset (the message names the layer)
   */
  getDim(name: string): number {
    if (!this.#dims.has(name)) {
      throw new RangeError(`Cannot get dimension "${name}" of layer "${this.name}": not declared`);
    }
    const value = this.#dims.get(name);
    if (value === null || value === undefined) {
      throw new RangeError(
        `Cannot get dimension "${name}" of layer "${this.name}": value unset ` +
          `(pass it to the constructor or call initialize() with sample data)`,
      );
    }
    return value;
  }

  /** The value of a dim, or `null` when unset or undeclared. */
  maybeGetDim(name: string): number | null {
    return this.#dims.get(name) ?? null;
  }

  /**
   * Set a dim. Changing a dim that is already set needs `force` and no params.
   *
   * @throws {RangeError} when the dim is undeclared or the change contradicts a set value
   */
  setDim(name: string, value: number | null, options: { force?: boolean } = {}): void {
    if (!this.#dims.has(name)) {
      throw new RangeError(`Cannot set unknown dimension "${name}" of layer "${this.name}"`);
    }
    const old = this.#dims.get(name) ?? null;
    const hasParams = [...this.#params.values()].some((p) => p !== null);
    if (old !== null && value !== old && (!options.force || hasParams)) {
      throw new RangeError(
        `Cannot change dimension "${name}" of layer "${this.name}" from ${old} to ${value}`,
      );
    }
    this.#dims.set(name, value);
  }

  /** True when the param is allocated, `null` when declared but unset, false when undeclared. */
  hasParam(name: string): boolean | null {
    if (!this.#params.has(name)) return false;
    return this.#params.get(name) !== null ? true : null;
  }

  /**
   * A param by name.
   *
   * @throws {RangeError} when the param is undeclared or not allocated yet
   */
  getParam(name: string): FloatsXd {
    const value = this.#params.get(name);
    if (value === undefined) {
      throw new RangeError(`Unknown param "${name}" of layer "${this.name}"`);
    }
    if (value === null) {
      throw new RangeError(
        `Param "${name}" of layer "${this.name}" is not allocated yet (call initialize())`,
      );
    }
    return value;
  }

  /** A rank-1 param. @throws {TypeError} when the rank differs */
  getParam1d(name: string): Floats1d {
    return this.#ranked(name, 1) as Floats1d;
  }
  /** A rank-2 param. @throws {TypeError} when the rank differs */
  getParam2d(name: string): Floats2d {
    return this.#ranked(name, 2) as Floats2d;
  }
  /** A rank-3 param. @throws {TypeError} when the rank differs */
  getParam3d(name: string): Floats3d {
    return this.#ranked(name, 3) as Floats3d;
  }
  /** A rank-4 param. @throws {TypeError} when the rank differs */
  getParam4d(name: string): Floats4d {
    return this.#ranked(name, 4) as Floats4d;
  }

  #ranked(name: string, rank: number): FloatsXd {
    const p = this.getParam(name);
    if (p.shape.length !== rank) {
      throw new TypeError(
        `Param "${name}" of layer "${this.name}" has rank ${p.shape.length}, expected ${rank}`,
      );
    }
    return p;
  }

  /** A param, or `null` when unset or undeclared. */
  maybeGetParam(name: string): FloatsXd | null {
    return this.#params.get(name) ?? null;
  }

  /** Set (or declare, with `null`) a param. */
  setParam(name: string, value: FloatsXd | null): void {
    this.#params.set(name, value);
  }

  /** Whether the param has a gradient. */
  hasGrad(name: string): boolean {
    return this.#grads.has(name);
  }

  /**
   * The gradient of a param.
   *
   * @throws {RangeError} when there is none
   */
  getGrad(name: string): FloatsXd {
    const g = this.#grads.get(name);
    if (g === undefined) {
      throw new RangeError(`Param "${name}" of layer "${this.name}" has no gradient`);
    }
    return g;
  }

  /** The gradient of a param, or `null`. */
  maybeGetGrad(name: string): FloatsXd | null {
    return this.#grads.get(name) ?? null;
  }

  /** Set the gradient of a param. */
  setGrad(name: string, value: FloatsXd): void {
    this.#grads.set(name, value);
  }

  /** Add `value` to the gradient of a param (allocating it on first use). */
  incGrad(name: string, value: FloatsXd): void {
    const g = this.#grads.get(name);
    if (g === undefined) this.#grads.set(name, this.ops.copy(value));
    else this.ops.addInPlace(g, value);
  }

  /** True when the ref is set, `null` when declared but unset, false when undeclared. */
  hasRef(name: string): boolean | null {
    if (!this.#refs.has(name)) return false;
    return this.#refs.get(name) !== null ? true : null;
  }

  /**
   * A referenced node.
   *
   * @throws {RangeError} when the ref is undeclared or unset
   */
  getRef(name: string): Model {
    const value = this.#refs.get(name);
    if (value === undefined) {
      throw new RangeError(`Cannot get reference "${name}" of layer "${this.name}"`);
    }
    if (value === null) {
      throw new RangeError(`Cannot get reference "${name}" of layer "${this.name}": value unset`);
    }
    return value;
  }

  /** A referenced node, or `null`. */
  maybeGetRef(name: string): Model | null {
    return this.#refs.get(name) ?? null;
  }

  /**
   * Set a reference to a node of this model's tree (or `null`).
   *
   * @throws {RangeError} when the node is not in the tree
   */
  setRef(name: string, value: Model | null): void {
    if (value !== null && !this.walk().includes(value)) {
      throw new RangeError(
        `Cannot set reference "${name}" of layer "${this.name}" to "${value.name}": not in the tree`,
      );
    }
    this.#refs.set(name, value);
  }

  /** Whether the attribute exists. */
  hasAttr(name: string): boolean {
    return this.attrs.has(name);
  }

  /**
   * An attribute's value.
   *
   * @throws {RangeError} when it does not exist
   */
  getAttr<T = unknown>(name: string): T {
    if (!this.attrs.has(name)) {
      throw new RangeError(`Layer "${this.name}" has no attribute "${name}"`);
    }
    return this.attrs.get(name) as T;
  }

  /** An attribute's value, or `null`. */
  maybeGetAttr<T = unknown>(name: string): T | null {
    return this.attrs.has(name) ? this.attrs.get(name) as T : null;
  }

  /** Set an attribute. */
  setAttr(name: string, value: unknown): void {
    this.attrs.set(name, value);
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

  /** Apply every gradient through the optimizer (in place), then zero the gradients. */
  finishUpdate(optimizer: OptimizerProtocol): void {
    for (const node of this.walk()) {
      for (const name of node.paramNames) {
        const grad = node.maybeGetGrad(name);
        const param = node.maybeGetParam(name);
        if (grad === null || param === null) continue;
        optimizer.update([node.id, name], param, grad);
        node.ops.fill(grad, 0);
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
  walk(order: WalkOrder = "bfs"): Model[] {
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
      for (const [name, ref] of node.#refs) {
        if (ref === old) node.#refs.set(name, replacement);
      }
    }
    return seen;
  }

  /** Remove `node` from the children of every node of the tree, unsetting references to it. */
  removeNode(node: Model): void {
    for (const parent of this.walk()) {
      for (let i = parent.layers.length - 1; i >= 0; i--) {
        if (parent.layers[i] === node) parent.layers.splice(i, 1);
      }
      for (const [name, ref] of parent.#refs) {
        if (ref === node) parent.#refs.set(name, null);
      }
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
    for (const [k, v] of this.#dims) copied.#dims.set(k, v);
    for (const [k, v] of this.#params) copied.#params.set(k, v && this.ops.copy(v));
    for (const [k, v] of this.#grads) copied.#grads.set(k, this.ops.copy(v));
    for (const [k, v] of this.#refs) {
      copied.#refs.set(k, v === null ? null : seen.get(v) ?? v.#copy(seen));
    }
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
