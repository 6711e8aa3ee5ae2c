/**
 * `weft debug config CONFIG [--show-functions] [--show-variables] [--json]`:
 * the interpolated config, checked against the registry.
 *
 * @module
 */
import { type Config, ConfigValidationError, registry } from "@weft/config";
import { Language } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println } from "../context.ts";
import { importCode, readConfig } from "../config_io.ts";
import { toJsonText } from "../json_text.ts";
import { formatTable } from "../table.ts";

/** Every `@namespace = "name"` block of a config, with its section path. */
export function registeredBlocks(
  data: unknown,
  path: string[] = [],
): { section: string; namespace: string; name: string }[] {
  const out: { section: string; namespace: string; name: string }[] = [];
  if (data === null || typeof data !== "object" || Array.isArray(data)) return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key.startsWith("@") && typeof value === "string") {
      out.push({ section: path.join("."), namespace: key.slice(1), name: value });
    } else out.push(...registeredBlocks(value, [...path, key]));
  }
  return out;
}

/** Every `${...}` reference of a raw config, with the key holding it. */
function variables(data: unknown, path: string[] = []): { key: string; ref: string }[] {
  const out: { key: string; ref: string }[] = [];
  if (typeof data === "string") {
    for (const m of data.matchAll(/\$\{([^}]+)\}/g)) out.push({ key: path.join("."), ref: m[1]! });
  } else if (data !== null && typeof data === "object") {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      out.push(...variables(v, [...path, k]));
    }
  }
  return out;
}

function lookup(data: unknown, dotted: string): unknown {
  let node = data;
  for (const part of dotted.split(".")) {
    node = node !== null && typeof node === "object"
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }
  return node;
}

/**
 * Check that a pipeline config builds: its components (with the registry's
 * schemas) and the registered functions of `[training]`.
 *
 * @param config the interpolated config
 * @throws {ConfigValidationError} listing every problem
 */
export function validatePipelineConfig(config: Config): void {
  const data = config.data as Record<string, Record<string, unknown>>;
  if (data.nlp === undefined) return;
  // Check each component's settings against its factory's schema first, so that
  // every unknown, missing or mistyped setting is reported at once.
  const blocks: Record<string, unknown> = {};
  for (const [name, block] of Object.entries(data.components ?? {})) {
    if (block === null || typeof block !== "object") continue;
    const { factory, ...settings } = block as Record<string, unknown>;
    if (typeof factory !== "string" || !registry.factories.has(factory)) continue;
    blocks[name] = { "@factories": factory, ...settings };
  }
  try {
    registry.fill({ components: blocks }, { validate: true });
  } catch (e) {
    if (!(e instanceof ConfigValidationError)) throw e;
    // The pipeline passes `nlp` and `name` itself.
    const errors = e.errors.filter((r) => !["nlp", "name"].includes(r.loc[r.loc.length - 1]!));
    if (errors.length) throw new ConfigValidationError(errors);
  }
  Language.fromConfig(data);
  const T = data.training ?? {};
  const section: Record<string, unknown> = {};
  for (const key of ["optimizer", "batcher", "logger"]) {
    if (T[key] !== undefined && T[key] !== null) section[key] = T[key];
  }
  registry.resolve({ training: section });
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["config"],
    options: {
      code: { type: "string", alias: "c" },
      "show-functions": { type: "boolean", alias: "F" },
      "show-variables": { type: "boolean", alias: "V" },
      json: { type: "boolean" },
    },
    overrides: true,
  });
  await importCode(ctx, args.options.code);
  // Interpolating while reading keeps confection's key order.
  const config = await readConfig(ctx, args.positional.config!, args.overrides, {
    interpolate: true,
  });
  if (args.options.json) {
    println(ctx, toJsonText(config.data));
    return 0;
  }
  const raw = await readConfig(ctx, args.positional.config!, args.overrides);
  validatePipelineConfig(config);
  println(ctx, "============================= Config validation =============================");
  println(ctx, "✔ Config is valid");
  if (args.options["show-variables"]) {
    println(ctx);
    println(ctx, "================================= Variables =================================");
    const rows = variables(raw.data).map((v) => [
      v.key,
      `\${${v.ref}}`,
      JSON.stringify(lookup(config.data, v.ref)) ?? "undefined",
    ]);
    rows.unshift(["Variable", "Reference", "Value"], ["--------", "---------", "-----"]);
    for (const line of formatTable(rows)) println(ctx, line);
  }
  if (args.options["show-functions"]) {
    println(ctx);
    println(ctx, "================================= Functions =================================");
    const rows = registeredBlocks(raw.data).map((b) => {
      let known = "no";
      try {
        known = registry.namespace(b.namespace).has(b.name) ? "yes" : "no";
      } catch {
        known = "unknown registry";
      }
      return [b.section, `@${b.namespace}`, b.name, known];
    });
    rows.unshift(["Section", "Registry", "Name", "Registered"], [
      "-------",
      "--------",
      "----",
      "----------",
    ]);
    for (const line of formatTable(rows)) println(ctx, line);
  }
  println(ctx);
  println(ctx, "=================================== Config ==================================");
  ctx.stdout(config.toStr() + "\n");
  return 0;
}

/** `debug config`. */
export const debugConfigCommand: Command = {
  name: "debug config",
  summary: "Show the interpolated config and check it against the registry",
  usage:
    "debug config CONFIG [--show-functions] [--show-variables] [--json] [--code MODULE] [--section.key value ...]",
  run,
};
