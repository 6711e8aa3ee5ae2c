/**
 * The main job's embedded defaults: a config and a committed slice of UD
 * English EWT (CC BY-SA 4.0; see `default_job/README.md` and `LICENSE.txt`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const DIR = new URL("./default_job/", import.meta.url);

/**
 * The path of the default training config.
 *
 * @returns an absolute path
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultJobConfigPath } from "@weft/cli";
 * assert.match(defaultJobConfigPath(), /default_job\/config\.cfg$/);
 * ```
 */
export function defaultJobConfigPath(): string {
  return fileURLToPath(new URL("config.cfg", DIR));
}

/**
 * The overrides that point the default config at the committed corpus files.
 *
 * @returns `paths.train` and `paths.dev` as absolute paths
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultJobOverrides } from "@weft/cli";
 * assert.match(String(defaultJobOverrides()["paths.train"]), /train\.weftdocs$/);
 * ```
 */
export function defaultJobOverrides(): Record<string, unknown> {
  return {
    "paths.train": fileURLToPath(new URL("train.weftdocs", DIR)),
    "paths.dev": fileURLToPath(new URL("dev.weftdocs", DIR)),
  };
}
