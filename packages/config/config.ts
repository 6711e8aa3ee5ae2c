/**
 * The `Config` class: confection's `Config` for Weft.
 *
 * @module
 */

import { parseConfig } from "./parse.ts";
import { serializeConfig } from "./serialize.ts";
import { type ConfigSection, deepCopy, isSection, setKey } from "./types.ts";
import { decodeUtf8 } from "./utf8.ts";

/** Options for reading a config. */
export interface ConfigReadOptions {
  /** Resolve `${...}` references (default true). */
  readonly interpolate?: boolean;
  /** Values to set before interpolating, by dotted path (`"training.max_epochs"`); the section must exist. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** The file name to name in error messages. */
  readonly file?: string | undefined;
}

/** Where a config was read from, for error messages. */
export interface ConfigSource {
  /** The file name, when known. */
  readonly file?: string | undefined;
  /** 1-based line of each section (`a.b`) and value (`a.b.key`). */
  readonly lines: ReadonlyMap<string, number>;
}

/** Options of the {@linkcode Config} constructor. */
export interface ConfigInit {
  /** Whether the data's `${...}` references are already resolved (default true). */
  readonly isInterpolated?: boolean;
  /** Section names in file order, when known. */
  readonly sectionOrder?: readonly string[];
  /** Where the config was read from. */
  readonly source?: ConfigSource | undefined;
}

/**
 * A config: nested sections of JSON values, read from and written to the
 * `config.cfg` format exactly as confection does. `JSON.stringify(config)`
 * gives the same nested dict as confection's `Config` (its `data`).
 *
 * @example Reading, interpolating and writing a config
 * ```ts
 * import { Config } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const config = Config.fromStr(`
 * [paths]
 * train = "corpus/train.spacy"
 *
 * [training]
 * max_epochs = 5
 * train_corpus = \${paths.train}
 * `);
 * assert.deepEqual(config.data.training, { max_epochs: 5, train_corpus: "corpus/train.spacy" });
 * assert.deepEqual(Config.fromStr(config.toStr()).data, config.data);
 * assert.equal(JSON.stringify(config), JSON.stringify(config.data));
 * ```
 */
export class Config {
  /** The nested sections. */
  readonly data: ConfigSection;
  /** Whether `${...}` references have been resolved. */
  isInterpolated: boolean;
  /** Section names in file order, when read from text. */
  readonly sectionOrder: readonly string[];
  /** Where the config was read from (file and lines), when read from text. */
  readonly source: ConfigSource | undefined;

  /**
   * Wraps nested config data (not copied).
   *
   * @param data The nested sections.
   * @param init Whether it is interpolated, and its section order.
   */
  constructor(data: ConfigSection = {}, init: ConfigInit = {}) {
    this.data = data;
    this.isInterpolated = init.isInterpolated ?? true;
    this.sectionOrder = init.sectionOrder ?? [];
    this.source = init.source;
  }

  /**
   * Describes where `path` (a section or value) was read from, as
   * `file, line N`, or returns `undefined` when unknown. For a path the text
   * does not hold (a filled default), the line of its nearest section is used.
   *
   * @param path The dotted path, e.g. `["components", "tagger", "model", "nO"]`.
   * @returns The description.
   */
  locate(path: readonly string[]): string | undefined {
    if (this.source === undefined) return undefined;
    for (let n = path.length; n > 0; n--) {
      const line = this.source.lines.get(path.slice(0, n).join("."));
      if (line !== undefined) {
        return this.source.file === undefined
          ? `line ${line}`
          : `${this.source.file}, line ${line}`;
      }
    }
    return this.source.file;
  }

  /**
   * Parses config text.
   *
   * @param text The text.
   * @param options Interpolation (default on), overrides, file name for errors.
   * @returns The config.
   * @throws {SyntaxError} For malformed text: value outside a section, unclosed
   *   or duplicate section, duplicate key, undefined parent section, a key that is
   *   both a value and a subsection, bad `$` syntax.
   * @throws {RangeError} For a missing interpolation target, an interpolation cycle,
   *   or an override of a section that does not exist.
   * @throws {TypeError} For a whole-section reference inside a string.
   */
  static fromStr(text: string, options: ConfigReadOptions = {}): Config {
    const parsed = parseConfig(text, options);
    return new Config(parsed.data, {
      isInterpolated: options.interpolate ?? true,
      sectionOrder: parsed.sections,
      source: { file: options.file, lines: parsed.lines },
    });
  }

  /**
   * Parses UTF-8 config bytes.
   *
   * @param bytes The bytes.
   * @param options As for {@linkcode Config.fromStr}.
   * @returns The config.
   * @throws {SyntaxError} For bytes that are not UTF-8 (naming the line), and as {@linkcode Config.fromStr}.
   */
  static fromBytes(bytes: Uint8Array, options: ConfigReadOptions = {}): Config {
    return Config.fromStr(decodeUtf8(bytes, options.file), options);
  }

  /**
   * Reads a config file (UTF-8; `\r\n` and `\r` line ends read as `\n`).
   *
   * @param path The file's path.
   * @param options As for {@linkcode Config.fromStr}; the file name defaults to `path`.
   * @returns The config.
   * @throws {SyntaxError} As {@linkcode Config.fromBytes}.
   */
  static fromDisk(path: string | URL, options: ConfigReadOptions = {}): Config {
    const file = options.file ?? String(path);
    const text = decodeUtf8(Deno.readFileSync(path), file).replace(/\r\n?/g, "\n");
    return Config.fromStr(text, { ...options, file });
  }

  /**
   * Writes the config as text, as confection's `to_str` does.
   *
   * @param options `interpolate` (default true) checks `$` syntax as when reading back.
   * @returns The text.
   * @throws {TypeError} For values that are not JSON, or values outside a section.
   */
  toStr(options: { readonly interpolate?: boolean } = {}): string {
    return serializeConfig(this.data, options.interpolate ?? true);
  }

  /**
   * Writes the config as UTF-8 bytes.
   *
   * @returns The bytes of {@linkcode Config.toStr}.
   */
  toBytes(): Uint8Array {
    return new TextEncoder().encode(this.toStr());
  }

  /**
   * Writes the config to a file.
   *
   * @param path The file's path.
   */
  toDisk(path: string | URL): void {
    Deno.writeTextFileSync(path, this.toStr());
  }

  /**
   * Resolves `${...}` references, by writing the config out and reading it back.
   *
   * @returns A new, interpolated config.
   */
  interpolate(): Config {
    const parsed = parseConfig(this.toStr());
    return new Config(parsed.data, {
      isInterpolated: true,
      sectionOrder: this.sectionOrder,
      source: this.source,
    });
  }

  /**
   * A deep copy.
   *
   * @returns The copy.
   */
  copy(): Config {
    return new Config(deepCopy(this.data), {
      isInterpolated: this.isInterpolated,
      sectionOrder: this.sectionOrder,
      source: this.source,
    });
  }

  /**
   * Deep-merges `updates` over this config (this config gives the defaults).
   * A block whose `@` function differs from the default's is taken whole from
   * `updates`, not merged.
   *
   * @param updates The values that win.
   * @param options `removeExtra`: drop keys of `updates` that this config lacks.
   * @returns A new config.
   */
  merge(updates: Config | ConfigSection, options: { readonly removeExtra?: boolean } = {}): Config {
    const upd = updates instanceof Config ? updates : new Config(updates);
    const merged = deepMerge(
      deepCopy(upd.data) as Record<string, unknown>,
      deepCopy(this.data) as Record<string, unknown>,
      options.removeExtra ?? false,
    );
    return new Config(merged as ConfigSection, {
      isInterpolated: this.isInterpolated && upd.isInterpolated,
      sectionOrder: this.sectionOrder,
      source: this.source,
    });
  }

  /**
   * The data, for `JSON.stringify`.
   *
   * @returns {@linkcode Config.data}.
   */
  toJSON(): ConfigSection {
    return this.data;
  }
}

function promiseKey(node: Record<string, unknown>): string | undefined {
  return Object.keys(node).find((k) => k.startsWith("@"));
}

function deepMerge(
  config: Record<string, unknown>,
  defaults: Record<string, unknown>,
  removeExtra: boolean,
): Record<string, unknown> {
  if (removeExtra) {
    for (const key of Object.keys(config)) if (!Object.hasOwn(defaults, key)) delete config[key];
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (isSection(value)) {
      if (!Object.hasOwn(config, key)) setKey(config, key, {});
      const node = config[key];
      if (!isSection(node)) continue;
      const valuePromise = promiseKey(value);
      const nodePromise = promiseKey(node);
      if (
        valuePromise !== undefined && nodePromise !== undefined &&
        Object.hasOwn(node, valuePromise) && node[valuePromise] !== value[valuePromise]
      ) continue;
      if (
        nodePromise !== undefined &&
        (!Object.hasOwn(value, nodePromise) || node[nodePromise] !== value[nodePromise])
      ) continue;
      deepMerge(node, value, removeExtra);
    } else if (!Object.hasOwn(config, key)) {
      setKey(config, key, value);
    }
  }
  return config;
}
