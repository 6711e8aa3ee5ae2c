/**
 * The function registry: named namespaces of registered functions that a
 * config's `@namespace = "name"` blocks refer to.
 *
 * @module
 */

import type { Config } from "./config.ts";
import { didYouMean } from "./errors.ts";
import { fillConfig, type FillOptions, resolveConfig, type ResolveOptions } from "./resolve.ts";
import type { FunctionSchema } from "./schema.ts";

/** A registered function: it takes one object of the block's arguments, as written in the config. */
export type RegisteredFunction = (args: Record<string, unknown>) => unknown;

/** Options of {@linkcode Namespace.register}. */
export interface RegisterOptions {
  /** Declared arguments: used to fill defaults and to validate. Without it, nothing is checked. */
  readonly schema?: FunctionSchema;
}

/** A registered function with its optional schema. */
export interface RegistryEntry {
  /** The function. */
  readonly fn: RegisteredFunction;
  /** Its schema, when it was registered with one. */
  readonly schema: FunctionSchema | undefined;
}

/** The namespaces every registry has, as in spaCy and Thinc. */
export const NAMESPACES: readonly NamespaceName[] = [
  "layers",
  "architectures",
  "optimizers",
  "schedules",
  "losses",
  "initializers",
  "readers",
  "batchers",
  "loggers",
  "scorers",
  "factories",
  "tokenizers",
  "callbacks",
  "vectors",
  "misc",
  "lookups",
  "augmenters",
];

/** The name of a built-in namespace. */
export type NamespaceName =
  | "layers"
  | "architectures"
  | "optimizers"
  | "schedules"
  | "losses"
  | "initializers"
  | "readers"
  | "batchers"
  | "loggers"
  | "scorers"
  | "factories"
  | "tokenizers"
  | "callbacks"
  | "vectors"
  | "misc"
  | "lookups"
  | "augmenters";

/**
 * One namespace of the registry, e.g. `registry.layers`.
 *
 * @example Registering and looking up a function
 * ```ts
 * import { Namespace } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const layers = new Namespace("layers");
 * layers.register("Double.v1", (args) => 2 * (args.x as number));
 * assert.equal(layers.get("Double.v1")({ x: 4 }), 8);
 * assert.throws(() => layers.get("Doubel.v1"), RangeError);
 * ```
 */
export class Namespace {
  /** The namespace's name (`layers`, `architectures`, ...). */
  readonly name: string;
  readonly #entries = new Map<string, RegistryEntry>();

  /**
   * Creates an empty namespace.
   *
   * @param name The namespace's name.
   */
  constructor(name: string) {
    this.name = name;
  }

  /**
   * Registers `fn` under `name` and returns it. Registering a name again
   * replaces the earlier function (spaCy allows overriding built-ins this way).
   *
   * @param name The registered name, e.g. `"Relu.v1"`.
   * @param fn The function; it receives one object with the block's arguments.
   * @param options The argument schema, if any.
   * @returns `fn`, unchanged.
   */
  register<R>(
    name: string,
    fn: (args: Record<string, unknown>) => R,
    options?: RegisterOptions,
  ): (args: Record<string, unknown>) => R;
  /**
   * Registers a function whose argument has a narrower type (its schema should
   * then guarantee that type), and returns it.
   *
   * @param name The registered name.
   * @param fn The function.
   * @param options The argument schema, if any.
   * @returns `fn`, unchanged.
   */
  register<F extends (args: never) => unknown>(name: string, fn: F, options?: RegisterOptions): F;
  register(
    name: string,
    fn: (args: never) => unknown,
    options: RegisterOptions = {},
  ): (args: never) => unknown {
    this.#entries.set(name, { fn: fn as unknown as RegisteredFunction, schema: options.schema });
    return fn;
  }

  /**
   * Returns the function registered under `name`.
   *
   * @param name The registered name.
   * @returns The function.
   * @throws {RangeError} When nothing is registered under `name`; the message suggests close names.
   */
  get(name: string): RegisteredFunction {
    return this.entry(name).fn;
  }

  /**
   * Returns the function and schema registered under `name`.
   *
   * @param name The registered name.
   * @returns The entry.
   * @throws {RangeError} When nothing is registered under `name`.
   */
  entry(name: string): RegistryEntry {
    const entry = this.#entries.get(name);
    if (entry === undefined) {
      throw new RangeError(
        `Cannot find "${name}" in registry "${this.name}"${didYouMean(name, this.#entries.keys())}`,
      );
    }
    return entry;
  }

  /**
   * Whether a function is registered under `name`.
   *
   * @param name The registered name.
   * @returns True when registered.
   */
  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /**
   * Every registered function, by name, in registration order.
   *
   * @returns A new map.
   */
  getAll(): Map<string, RegisteredFunction> {
    return new Map([...this.#entries].map(([k, e]) => [k, e.fn]));
  }

  /**
   * The schema registered with `name`, or `undefined` when it has none.
   *
   * @param name The registered name.
   * @returns The schema.
   * @throws {RangeError} When nothing is registered under `name`.
   */
  getSchema(name: string): FunctionSchema | undefined {
    return this.entry(name).schema;
  }
}

/** The registry: one {@linkcode Namespace} per name, as named properties and through `namespace()`. */
export type Registry = { readonly [K in NamespaceName]: Namespace } & {
  /**
   * Returns the namespace `name`.
   *
   * @throws {RangeError} When there is no such namespace.
   */
  namespace(name: string): Namespace;
  /** Whether a namespace called `name` exists. */
  hasNamespace(name: string): boolean;
  /** The namespaces' names. */
  names(): string[];
  /**
   * Resolves every `@namespace = "name"` block bottom-up: nested blocks first,
   * then the block's function is called with one object of its arguments (keys
   * as written; positional arguments as an array under `"*"`; missing arguments
   * filled from the schema's defaults). Returns the tree with the same nesting,
   * blocks replaced by return values. An uninterpolated `Config` is interpolated first.
   *
   * @throws {RangeError} For an unknown namespace or name (with close names suggested).
   * @throws {ConfigValidationError} Listing every unknown argument, missing required
   *   argument and wrong type found against the schemas (when `validate`, the default).
   */
  resolve(
    config: Config | Record<string, unknown>,
    options?: ResolveOptions,
  ): Record<string, unknown>;
  /**
   * Returns a new config with every block's missing arguments set to its
   * schema's defaults (blocks without schema are left as they are).
   *
   * @throws {RangeError} For an unknown namespace or name.
   * @throws {ConfigValidationError} For arguments that do not fit the schemas (when `validate`).
   */
  fill(config: Config | Record<string, unknown>, options?: FillOptions): Config;
};

/**
 * Creates a registry with every built-in namespace, empty.
 *
 * @returns A new, independent registry.
 *
 * @example A private registry for tests
 * ```ts
 * import { createRegistry } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const reg = createRegistry();
 * reg.misc.register("one.v1", () => 1);
 * assert.equal(reg.namespace("misc"), reg.misc);
 * assert.ok(reg.misc.has("one.v1"));
 * ```
 */
export function createRegistry(): Registry {
  const spaces = new Map<string, Namespace>(NAMESPACES.map((n) => [n, new Namespace(n)]));
  const named = Object.fromEntries(spaces) as { [K in NamespaceName]: Namespace };
  const reg: Registry = {
    ...named,
    namespace(name: string): Namespace {
      const space = spaces.get(name);
      if (space === undefined) {
        throw new RangeError(
          `Unknown registry namespace "${name}"${didYouMean(name, spaces.keys())}`,
        );
      }
      return space;
    },
    hasNamespace(name: string): boolean {
      return spaces.has(name);
    },
    names(): string[] {
      return [...spaces.keys()];
    },
    resolve(config, options) {
      return resolveConfig(reg, config, options);
    },
    fill(config, options) {
      return fillConfig(reg, config, options);
    },
  };
  return reg;
}

/**
 * The global registry that configs refer to. Register functions on its
 * namespaces; registering a name that exists replaces the earlier function.
 *
 * @example Registering with a schema, then resolving a config
 * ```ts
 * import { Config, registry, schema as s } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * registry.misc.register(
 *   "example.scale.v1",
 *   (args: Record<string, unknown>) => (args.x as number) * (args.factor as number),
 *   { schema: { x: s.float(), factor: s.float().default(2) } },
 * );
 * const config = Config.fromStr(`
 * [result]
 * @misc = "example.scale.v1"
 * x = 3
 * `);
 * assert.deepEqual(registry.resolve(config), { result: 6 });
 * const filled = registry.fill(config).data.result as Record<string, unknown>;
 * assert.equal(filled.factor, 2);
 * ```
 */
export const registry: Registry = createRegistry();
