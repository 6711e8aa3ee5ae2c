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
 * replaces it.
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
