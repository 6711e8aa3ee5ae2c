/**
 * Reading a config file for a command: overrides applied, errors that name
 * the file, and the check that every corpus path exists.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Config } from "@weft/config";
import { type CliContext, resolvePath } from "./context.ts";

/**
 * Read a config file with overrides (not interpolated unless asked).
 *
 * @param ctx the context (relative paths are read from its folder)
 * @param path the config file as typed; `-` reads standard input
 * @param overrides values by dotted key
 * @param options `interpolate`: resolve `${...}` references while reading
 * @returns the config
 * @throws {Deno.errors.NotFound} naming the file when it does not exist
 */
export async function readConfig(
  ctx: CliContext,
  path: string,
  overrides: Record<string, unknown> = {},
  options: { interpolate?: boolean } = {},
): Promise<Config> {
  const file = resolvePath(ctx, path);
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Config file not found: ${path}`);
    }
    throw e;
  }
  return Config.fromBytes(bytes, {
    overrides,
    interpolate: options.interpolate ?? false,
    file: path,
  });
}

/**
 * Check that every `path` in `[corpora]` (and `[initialize] vectors`/`init_tok2vec`)
 * exists, naming the config key that pointed there — and the variable it came from.
 * Relative paths are made absolute from the context's folder.
 *
 * @param ctx the context
 * @param config the config (not interpolated)
 * @returns the config with corpus paths made absolute
 * @throws {Deno.errors.NotFound} for a missing path
 */
export function checkDataPaths(ctx: CliContext, config: Config): Config {
  const raw = config.data as Record<string, Record<string, unknown>>;
  const data = config.interpolate().data as Record<string, Record<string, unknown>>;
  const overrides: Record<string, unknown> = {};
  const check = (key: string, rawValue: unknown, value: unknown) => {
    if (typeof value !== "string" || value === "") return;
    const abs = isAbsolute(value) ? value : join(ctx.cwd, value);
    if (!existsSync(abs)) {
      const via = typeof rawValue === "string" && rawValue.startsWith("${")
        ? ` (from ${rawValue})`
        : "";
      throw new Deno.errors.NotFound(
        `Data path of ${key}${via} does not exist: ${abs}`,
      );
    }
    if (abs !== value) {
      // Point the variable itself at the absolute path, so interpolation stays intact.
      const m = typeof rawValue === "string" ? /^\$\{([^}]+)\}$/.exec(rawValue) : null;
      overrides[m ? m[1]! : key] = abs;
    }
  };
  const corpora = data.corpora ?? {};
  for (const [name, section] of Object.entries(corpora)) {
    if (section === null || typeof section !== "object") continue;
    const rawSection = ((raw.corpora ?? {})[name] ?? {}) as Record<string, unknown>;
    const s = section as Record<string, unknown>;
    if ("path" in s) check(`corpora.${name}.path`, rawSection.path, s.path);
  }
  const init = data.initialize ?? {};
  for (const key of ["vectors", "init_tok2vec"]) {
    check(`initialize.${key}`, (raw.initialize ?? {})[key], init[key]);
  }
  if (Object.keys(overrides).length === 0) return config;
  return Config.fromStr(config.toStr(), { overrides, interpolate: false });
}

/**
 * Import the user's `--code` module (which registers functions, components,
 * architectures) before a config is resolved.
 *
 * @param ctx the context
 * @param code the module's path as typed, if given
 * @throws {TypeError} naming the module when it cannot be imported
 */
export async function importCode(ctx: CliContext, code: unknown): Promise<void> {
  if (code === undefined) return;
  const path = resolvePath(ctx, String(code));
  try {
    await import(pathToFileURL(path).href);
  } catch (e) {
    throw new TypeError(`Cannot import --code ${code}: ${(e as Error).message}`);
  }
}
