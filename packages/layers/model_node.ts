/**
 * The state every model node carries, with Thinc's accessor semantics: dims,
 * params, gradients, references and attributes. `Model` extends it.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { Floats1d, Floats2d, Floats3d, Floats4d, FloatsXd } from "@weft/types";
import type { Model } from "./model.ts";

/** Traversal orders of `Model.walk`. */
export type WalkOrder = "bfs" | "dfs_pre" | "dfs_post";

/** The declarations a node starts with (see `ModelOptions`). */
export interface NodeState {
  /** Declared dimensions; `null`/`undefined` declares a dim left to inference. */
  dims?: Readonly<Record<string, number | null | undefined>> | undefined;
  /** Declared parameters; `null`/`undefined` declares one allocated by `init`. */
  params?: Readonly<Record<string, FloatsXd | null | undefined>> | undefined;
  /** Named references to nodes of the tree. */
  refs?: Readonly<Record<string, Model | null | undefined>> | undefined;
  /** Free-form attributes. */
  attrs?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Dims, params, gradients, references and attributes of a model node, with
 * has/get/maybeGet/set accessors as in Thinc (`has*` is true when set, `null`
 * when declared but unset, false when undeclared).
 *
 * @example Through a layer
 * ```ts
 * import assert from "node:assert/strict";
 * import { Relu } from "@weft/layers";
 * const relu = Relu({ nO: 3 });
 * assert.equal(relu.hasDim("nO"), true);
 * assert.equal(relu.hasDim("nI"), null);
 * assert.equal(relu.hasDim("nP"), false);
 * ```
 */
export abstract class ModelNode {
  /** The layer's name, e.g. `"relu"` or `"relu>>softmax"`. */
  name: string;
  /** The backend this model computes with. */
  ops: Ops;
  /** Attributes; values that msgpack can encode are serialized. */
  readonly attrs: Map<string, unknown>;
  readonly #dims = new Map<string, number | null>();
  readonly #params = new Map<string, FloatsXd | null>();
  #paramVersion = 0;
  readonly #grads = new Map<string, FloatsXd>();
  readonly #refs = new Map<string, Model | null>();

  /**
   * Set up a node's declared state.
   *
   * @param name the layer name
   * @param ops the backend
   * @param state declared dims, params, refs and attributes
   */
  constructor(name: string, ops: Ops, state: NodeState) {
    this.name = name;
    this.ops = ops;
    this.attrs = new Map(Object.entries(state.attrs ?? {}));
    for (const [k, v] of Object.entries(state.dims ?? {})) this.#dims.set(k, v ?? null);
    for (const [k, v] of Object.entries(state.params ?? {})) this.#params.set(k, v ?? null);
    for (const [k, v] of Object.entries(state.refs ?? {})) this.#refs.set(k, v ?? null);
  }

  /** The nodes of the tree rooted here, each once. */
  abstract walk(order?: WalkOrder): ModelNode[];

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
    this.#paramVersion++;
  }

  /**
   * A counter that grows whenever this node's params are set or updated (by
   * `setParam`, `finishUpdate` or `markParamsChanged`): what caches of values
   * derived from the params compare.
   */
  get paramVersion(): number {
    return this.#paramVersion;
  }

  /**
   * Declare that a param's data was written in place (other than by
   * `finishUpdate`), so that caches derived from it are rebuilt.
   */
  markParamsChanged(): void {
    this.#paramVersion++;
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

  /** Copy dims, params (copied), grads (copied) and refs (through `mapRef`) onto `target`. */
  protected copyStateTo(target: ModelNode, mapRef: (ref: Model) => Model): void {
    for (const [k, v] of this.#dims) target.#dims.set(k, v);
    for (const [k, v] of this.#params) target.#params.set(k, v && this.ops.copy(v));
    for (const [k, v] of this.#grads) target.#grads.set(k, this.ops.copy(v));
    for (const [k, v] of this.#refs) target.#refs.set(k, v === null ? null : mapRef(v));
  }

  /** Point every reference to `old` at `replacement` (or unset it), without tree checks. */
  protected swapRefs(old: Model, replacement: Model | null): void {
    for (const [name, ref] of this.#refs) if (ref === old) this.#refs.set(name, replacement);
  }
}
