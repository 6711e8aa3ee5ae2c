/**
 * A small argument parser: positional arguments, declared options
 * (`--output DIR`, `-o DIR`, `--output=DIR`, flags) and config overrides
 * (`--section.key value`) read with `@weft/config`'s `parseCliOverrides`.
 *
 * @module
 */
import { parseCliOverrides } from "@weft/config";
import { UsageError } from "./errors.ts";

/** How one option is read. */
export interface OptionSpec {
  /** `"string"` takes a value, `"boolean"` is a flag, `"int"` takes an integer. */
  type: "string" | "boolean" | "int";
  /** A one-letter alias (`"o"` for `-o`). */
  alias?: string;
  /** The allowed values of a string option. */
  choices?: readonly string[];
}

/** What a command accepts. */
export interface ArgsSpec {
  /** Names of the positional arguments, in order (a trailing `?` makes one optional). */
  positional: readonly string[];
  /** Options by long name (without `--`). */
  options?: Readonly<Record<string, OptionSpec>>;
  /** Whether `--section.key value` config overrides are accepted. */
  overrides?: boolean;
}

/** Parsed arguments. */
export interface ParsedArgs {
  /** Positional arguments by name (missing optional ones are absent). */
  positional: Record<string, string>;
  /** Option values by long name (flags are `true` when given). */
  options: Record<string, string | number | boolean>;
  /** Config overrides by dotted key. */
  overrides: Record<string, unknown>;
}

/**
 * Parse a command's arguments.
 *
 * @param argv the arguments after the command name
 * @param spec what the command accepts
 * @returns positional arguments, options and overrides
 * @throws {UsageError} for a missing or extra positional argument, an unknown option, a
 *   missing option value or a value outside the choices
 * @example Options, flags and overrides
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseArgs } from "@weft/cli";
 * const args = parseArgs(
 *   ["config.cfg", "-o", "out", "--training.max_steps", "5", "--verbose"],
 *   { positional: ["config"], options: { output: { type: "string", alias: "o" }, verbose: { type: "boolean" } }, overrides: true },
 * );
 * assert.deepEqual(args.positional, { config: "config.cfg" });
 * assert.deepEqual(args.options, { output: "out", verbose: true });
 * assert.deepEqual(args.overrides, { "training.max_steps": 5 });
 * ```
 */
export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParsedArgs {
  const options: Record<string, string | number | boolean> = {};
  const positionals: string[] = [];
  const overrideArgs: string[] = [];
  const specs = spec.options ?? {};
  const byAlias = new Map<string, string>();
  for (const [name, o] of Object.entries(specs)) if (o.alias) byAlias.set(o.alias, name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = long ? rawName.replaceAll("_", "-") : byAlias.get(rawName);
    const option = name === undefined ? undefined : specs[name];
    if (name === undefined || option === undefined) {
      if (long && rawName.includes(".") && spec.overrides) {
        overrideArgs.push(arg);
        const next = argv[i + 1];
        if (eq < 0 && next !== undefined && !next.startsWith("--")) {
          overrideArgs.push(next);
          i++;
        }
        continue;
      }
      const hint = long && rawName.includes(".") ? " (this command takes no config overrides)" : "";
      throw new UsageError(`Unknown option ${long ? "--" : "-"}${rawName}${hint}`);
    }
    if (option.type === "boolean") {
      if (eq >= 0) {
        const v = body.slice(eq + 1).toLowerCase();
        if (v !== "true" && v !== "false") {
          throw new UsageError(`Option --${name} is a flag: expected true or false, got "${v}"`);
        }
        options[name] = v === "true";
      } else options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = body.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
    if (option.choices && !option.choices.includes(value)) {
      throw new UsageError(
        `Invalid value "${value}" for --${name}: expected one of ${option.choices.join(", ")}`,
      );
    }
    if (option.type === "int") {
      const n = Number(value);
      if (!Number.isInteger(n)) {
        throw new UsageError(`Invalid value "${value}" for --${name}: expected an integer`);
      }
      options[name] = n;
    } else options[name] = value;
  }
  const positional: Record<string, string> = {};
  const names = spec.positional;
  names.forEach((raw, k) => {
    const optional = raw.endsWith("?");
    const name = optional ? raw.slice(0, -1) : raw;
    const value = positionals[k];
    if (value === undefined) {
      if (!optional) throw new UsageError(`Missing argument ${name.toUpperCase()}`);
    } else positional[name] = value;
  });
  if (positionals.length > names.length) {
    throw new UsageError(`Unexpected argument "${positionals[names.length]}"`);
  }
  let overrides: Record<string, unknown> = {};
  try {
    overrides = parseCliOverrides(overrideArgs);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { positional, options, overrides };
}
