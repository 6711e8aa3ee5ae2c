/**
 * Resolving a config's promise blocks (`@namespace = "name"`) bottom-up into
 * the return values of registered functions, and filling in defaults from the
 * functions' schemas.
 *
 * @module
 */

import { Config } from "./config.ts";
import { type ConfigErrorEntry, ConfigValidationError, didYouMean } from "./errors.ts";
import type { Namespace, RegistryEntry } from "./registry.ts";
import type { FunctionSchema } from "./schema.ts";
import { type ConfigSection, deepCopy, isPromise, isSection, setKey } from "./types.ts";

/** What resolving needs from a registry. */
export interface NamespaceLookup {
  /** Returns the namespace `name`; throws a RangeError when unknown. */
  namespace(name: string): Namespace;
  /** Whether the namespace exists. */
  hasNamespace(name: string): boolean;
  /** The namespaces' names. */
  names(): Iterable<string>;
}

/** Options of `registry.resolve`. */
export interface ResolveOptions {
  /** Validate each block's arguments against its function's schema (default true). */
  readonly validate?: boolean;
}

/** Options of `registry.fill`. */
export interface FillOptions {
  /** Validate each block's arguments against its function's schema (default true). */
  readonly validate?: boolean;
}

const VARIABLE_RE = /\$\{[\w.:]+\}/;
const FAILED = Symbol("failed");

function fmtLoc(loc: readonly string[]): string {
  return `[${loc.join(".")}]`;
}

/** Finds the block's registered function; throws RangeError for unknown namespaces or names. */
type Locate = (loc: readonly string[]) => string | undefined;

function fmtWhere(locate: Locate, loc: readonly string[]): string {
  const w = locate(loc);
  return w === undefined ? "" : ` (${w})`;
}

function lookup(
  reg: NamespaceLookup,
  block: Record<string, unknown>,
  loc: readonly string[],
  errors: ConfigErrorEntry[],
  locate: Locate,
): RegistryEntry | undefined {
  const ids = Object.keys(block).filter((k) => k.startsWith("@"));
  if (ids.length !== 1) {
    errors.push({
      loc,
      msg: `a block can only contain one function registry reference, got ${ids.join(", ")}`,
      where: locate(loc),
    });
    return undefined;
  }
  const key = ids[0]!;
  const ns = key.slice(1);
  const name = block[key];
  if (!reg.hasNamespace(ns)) {
    const known = reg.names();
    throw new RangeError(
      `Cannot resolve "${key}" in ${fmtLoc(loc)}: unknown registry "${ns}"${didYouMean(ns, known)}`,
    );
  }
  const space = reg.namespace(ns);
  if (typeof name !== "string") {
    errors.push({
      loc: [...loc, key],
      msg: `registered name must be a string, got ${JSON.stringify(name)}`,
    });
    return undefined;
  }
  if (!space.has(name)) {
    throw new RangeError(
      `Cannot resolve "${key}" in ${fmtLoc(loc)}${fmtWhere(locate, loc)}: unknown name "${name}"${
        didYouMean(name, space.getAll().keys())
      }`,
    );
  }
  return space.entry(name);
}

const BUILT_IN_ERRORS = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError];

/** Prefixes the message of a built-in error with where it happened; other errors pass through. */
function withContext(e: unknown, context: string): unknown {
  if (!(e instanceof Error)) return e;
  const ctor = BUILT_IN_ERRORS.find((c) => e.constructor === c);
  if (ctor === undefined) return e;
  return new ctor(`${context}: ${e.message}`, { cause: e });
}

/** Checks a block's arguments against its schema, pushing one entry per problem. */
function validateArgs(
  schema: FunctionSchema,
  args: Record<string, unknown>,
  loc: readonly string[],
  errors: ConfigErrorEntry[],
  skip: (key: string, value: unknown) => boolean,
  locate: Locate,
): void {
  const push = (key: string, msg: string) =>
    errors.push({ loc: [...loc, key], msg, where: locate([...loc, key]) });
  for (const [key, type] of Object.entries(schema)) {
    if (!Object.hasOwn(args, key)) {
      if (!type.hasDefault) push(key, "missing required argument");
      continue;
    }
    const value = args[key];
    if (skip(key, value)) continue;
    const err = type.check(value);
    if (err !== undefined) push(key, err);
  }
  for (const key of Object.keys(args)) {
    if (key.startsWith("@") || Object.hasOwn(schema, key)) continue;
    push(key, `unexpected argument "${key}"`);
  }
}

function addDefaults(schema: FunctionSchema, block: Record<string, unknown>): void {
  for (const [key, type] of Object.entries(schema)) {
    if (type.hasDefault && !Object.hasOwn(block, key)) {
      setKey(block, key, deepCopy(type.defaultValue));
    }
  }
}

function toData(config: Config | Record<string, unknown>): Record<string, unknown> {
  if (config instanceof Config) {
    return (config.isInterpolated ? config : config.interpolate()).data;
  }
  return config;
}

function locator(config: Config | Record<string, unknown>): Locate {
  return config instanceof Config ? (loc) => config.locate(loc) : () => undefined;
}

/**
 * Resolves every promise block of `config` bottom-up; see `registry.resolve`.
 *
 * @param reg The registry.
 * @param config The config or its data.
 * @param options Options.
 * @returns The resolved tree.
 */
export function resolveConfig(
  reg: NamespaceLookup,
  config: Config | Record<string, unknown>,
  options: ResolveOptions = {},
): Record<string, unknown> {
  const validate = options.validate ?? true;
  const errors: ConfigErrorEntry[] = [];
  const root = toData(config);
  const locate = locator(config);
  if (isPromise(root)) {
    throw new TypeError("The top-level config can't be a reference to a registered function");
  }

  function walk(value: unknown, loc: string[]): unknown {
    if (isPromise(value)) return call(value, loc);
    if (isSection(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        setKey(
          out,
          k,
          k === "*" && isSection(v) ? positional(v, [...loc, k]) : walk(v, [...loc, k]),
        );
      }
      return out;
    }
    return value;
  }

  function positional(value: Record<string, unknown>, loc: string[]): unknown[] {
    return Object.entries(value).map(([k, v]) => walk(v, [...loc, k]));
  }

  function call(block: Record<string, unknown>, loc: string[]): unknown {
    const before = errors.length;
    const entry = lookup(reg, block, loc, errors, locate);
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(block)) {
      if (k.startsWith("@")) continue;
      const resolved = k === "*" && isSection(v)
        ? positional(v, [...loc, k])
        : walk(v, [...loc, k]);
      setKey(args, k, resolved);
    }
    if (entry === undefined) return FAILED;
    if (entry.schema !== undefined) {
      addDefaults(entry.schema, args);
      if (validate) {
        // Arguments whose own blocks failed were reported there already.
        validateArgs(
          entry.schema,
          args,
          loc,
          errors,
          (_k, v) => v === FAILED || (Array.isArray(v) && v.includes(FAILED)),
          locate,
        );
      }
    }
    if (errors.length > before) return FAILED;
    try {
      return entry.fn(args);
    } catch (e) {
      const id = Object.keys(block).find((k) => k.startsWith("@"))!;
      throw withContext(
        e,
        `Cannot resolve ${fmtLoc(loc)}${fmtWhere(locate, loc)} (${id} = "${block[id]}")`,
      );
    }
  }

  const out = walk(root, []) as Record<string, unknown>;
  if (errors.length) throw new ConfigValidationError(errors, "Config validation error");
  return out;
}

/**
 * Returns a copy of `config` with every promise block's missing arguments set
 * to the defaults of its function's schema; see `registry.fill`.
 *
 * @param reg The registry.
 * @param config The config.
 * @param options Options.
 * @returns A new config.
 */
export function fillConfig(
  reg: NamespaceLookup,
  config: Config | Record<string, unknown>,
  options: FillOptions = {},
): Config {
  const validate = options.validate ?? true;
  const errors: ConfigErrorEntry[] = [];
  const source = config instanceof Config ? config : new Config(config as ConfigSection);
  const data = deepCopy(source.data) as Record<string, unknown>;
  const locate = locator(source);

  function walk(node: Record<string, unknown>, loc: string[]): void {
    if (isPromise(node)) {
      const entry = lookup(reg, node, loc, errors, locate);
      if (entry?.schema !== undefined) {
        addDefaults(entry.schema, node);
        if (validate) {
          // Promise results and uninterpolated variables are only known at resolve time.
          validateArgs(
            entry.schema,
            node,
            loc,
            errors,
            (k, v) => k === "*" || isPromise(v) || (typeof v === "string" && VARIABLE_RE.test(v)),
            locate,
          );
        }
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (isSection(v)) walk(v, [...loc, k]);
    }
  }
  walk(data, []);
  if (errors.length) throw new ConfigValidationError(errors, "Config validation error");
  return new Config(data as ConfigSection, {
    isInterpolated: source.isInterpolated,
    sectionOrder: source.sectionOrder,
    source: source.source,
  });
}
