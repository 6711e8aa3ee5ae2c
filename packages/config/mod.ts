/**
 * `@weft/config`: spaCy's config system for Weft. It reads and writes
 * `config.cfg` files exactly as confection does (sections, dotted
 * subsections, JSON values, `${section.key}` interpolation, `@registry`
 * blocks, `*` positional arguments, overrides), and holds the `registry`
 * whose namespaces map the names a config uses (`"Relu.v1"`,
 * `"spacy.Tok2Vec.v2"`) to functions.
 *
 * A registered function takes ONE argument: a plain object of its block's
 * keys exactly as written in the config (`nO`, `embed_size`, ...), nested
 * blocks already resolved, positional arguments (`* = [...]` or
 * `[x.*.name]` subsections) as an array under `"*"`. An optional schema
 * (built with {@linkcode schema}) declares each argument's type and default,
 * so that `registry.fill` can add defaults and `registry.resolve` can report
 * every unknown, missing or mistyped argument at once
 * ({@linkcode ConfigValidationError}). Registering an existing name again
 * replaces it (spaCy allows overriding built-in functions this way).
 *
 * Schema types: `s.int()`, `s.float()` (ints accepted), `s.number()`,
 * `s.bool()`, `s.str()`, `s.any()`, `s.list(item?)`, `s.dict(value?)`,
 * `s.literal(...values)`, `s.instance(Class)`, `s.custom(name, test)`,
 * `s.union(...types)`, `s.nullable(type)` (required, may be `null`) and
 * `s.optional(type, fallback = null)` (Python's `Optional[T] = None`). Every
 * type is required unless given a default with `.default(value)`. Declare
 * positional arguments under the key `"*"`, e.g. `{ "*": s.list(s.instance(Model)) }`.
 *
 * Where Weft differs from confection 1.3 (all outside valid, ordinary configs):
 * JavaScript has one number type, so `1.0` reads as `1` and is written back as
 * `1`, and integers beyond 2^53 lose precision; a child section written before
 * its parent is read (confection 1.3 crashes with a `KeyError`); a UTF-8 byte
 * order mark is skipped; error messages differ (and name file, line and section).
 * Confection's own quirks are kept: a dict value comes back from `toStr()` as a
 * subsection, and a value with an escaped `$$` is re-read piece by piece.
 *
 * @example Registering layers and resolving a config that chains them
 * ```ts
 * import { Config, registry, schema as s } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * registry.layers.register(
 *   "example.Linear.v1",
 *   (args: Record<string, unknown>) => `Linear(${args.nO})`,
 *   { schema: { nO: s.optional(s.int()), nI: s.optional(s.int()) } },
 * );
 * registry.layers.register("example.chain.v1", (args: Record<string, unknown>) =>
 *   (args["*"] as string[]).join(" >> "));
 *
 * const config = Config.fromStr(`
 * [model]
 * @layers = "example.chain.v1"
 *
 * [model.*.first]
 * @layers = "example.Linear.v1"
 * nO = 8
 *
 * [model.*.second]
 * @layers = "example.Linear.v1"
 * nO = 2
 * `);
 * assert.deepEqual(registry.resolve(config), { model: "Linear(8) >> Linear(2)" });
 * ```
 *
 * @example Validation reports every problem at once
 * ```ts
 * import { Config, ConfigValidationError, createRegistry, schema as s } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const reg = createRegistry();
 * reg.layers.register("example.Relu.v1", (args: Record<string, unknown>) => args, {
 *   schema: { nO: s.optional(s.int()), dropout: s.optional(s.float()), width: s.int() },
 * });
 * const config = Config.fromStr(`
 * [model]
 * @layers = "example.Relu.v1"
 * nO = "ten"
 * colour = "red"
 * `, { file: "model.cfg" });
 * assert.throws(() => reg.resolve(config), (e: unknown) => {
 *   assert.ok(e instanceof ConfigValidationError);
 *   assert.deepEqual(e.errors.map((r) => r.loc.join(".")), ["model.nO", "model.width", "model.colour"]);
 *   assert.match(e.message, /model\.width → missing required argument \(model\.cfg, line 2\)/);
 *   return true;
 * });
 * ```
 *
 * @module
 */

export { Config, type ConfigInit, type ConfigReadOptions, type ConfigSource } from "./config.ts";
export { closestNames, type ConfigErrorEntry, ConfigValidationError } from "./errors.ts";
export {
  createRegistry,
  Namespace,
  type NamespaceName,
  NAMESPACES,
  type RegisteredFunction,
  type RegisterOptions,
  type Registry,
  registry,
  type RegistryEntry,
} from "./registry.ts";
export type { FillOptions, NamespaceLookup, ResolveOptions } from "./resolve.ts";
export { type FunctionSchema, schema, type SchemaType } from "./schema.ts";
export type { ConfigSection, ConfigValue } from "./types.ts";
export { parseCliOverrides } from "./cli_overrides.ts";
