/**
 * The main job's embedded defaults: a config and a committed slice of UD
 * English EWT (CC BY-SA 4.0; see `default_job/README.md` and `LICENSE.txt`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const DIR = new URL("./default_job/", import.meta.url);
const FILES = ["config.cfg", "train.weftdocs", "dev.weftdocs"] as const;

/** Where the main job's files are on this machine. */
export interface DefaultJobPaths {
  /** The training config. */
  config: string;
  /** The training corpus. */
  train: string;
  /** The development corpus. */
  dev: string;
}

/**
 * The main job's files as local paths. Run from a checkout they are the
 * package's own files; run from the published package (an `https:` module)
 * they are downloaded once into a temporary folder.
 *
 * @param base where the package's files are (default: this module's folder)
 * @returns the paths
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultJobPaths } from "@weft/cli";
 * const paths = await defaultJobPaths();
 * assert.match(paths.config, /default_job\/config\.cfg$/);
 * assert.match(paths.train, /train\.weftdocs$/);
 * ```
 */
export async function defaultJobPaths(base: URL = DIR): Promise<DefaultJobPaths> {
  let dir: string;
  if (base.protocol === "file:") dir = fileURLToPath(base).replace(/\/$/, "");
  else {
    dir = await Deno.makeTempDir({ prefix: "weft-default-job-" });
    for (const name of FILES) {
      const res = await fetch(new URL(name, base));
      if (!res.ok) {
        throw new TypeError(`Cannot download the default job's ${name}: HTTP ${res.status}`);
      }
      await Deno.writeFile(`${dir}/${name}`, new Uint8Array(await res.arrayBuffer()));
    }
  }
  return {
    config: `${dir}/config.cfg`,
    train: `${dir}/train.weftdocs`,
    dev: `${dir}/dev.weftdocs`,
  };
}
