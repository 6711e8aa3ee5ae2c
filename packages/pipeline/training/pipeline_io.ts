/**
 * Saving and loading pipelines: a folder with `config.cfg`, `meta.json`,
 * `vocab/`, `tokenizer` and one folder per component (DESIGN.md "Pipelines on
 * disk"), written atomically; or the same content as one msgpack byte string
 * for browsers.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import { Config, type ConfigSection } from "@weft/config";
import type { Language } from "../language/language.ts";
import { languageFromConfig } from "../language/from_config.ts";
import { Tokenizer } from "../tokenizer/tokenizer.ts";
import { vocabFromBytes, vocabToBytes } from "../vocab/vocab_io.ts";
import { componentFromBytes, componentToBytes, hasComponentState } from "./component_bytes.ts";
import { recoverDir, writeDirAtomic } from "./atomic_dir.ts";

/** The format version of saved pipelines; loading refuses newer ones. */
export const PIPELINE_FORMAT_VERSION = 1;
/** The Weft version written into `meta.json`. */
export const WEFT_VERSION = "0.1.0";

/** A pipeline's files, by path relative to its folder. */
export type PipelineFiles = Map<string, Uint8Array>;

const text = new TextEncoder();
const untext = new TextDecoder();

/**
 * The files of a saved pipeline: `config.cfg`, `meta.json` (name, version,
 * `weft_version`, `format_version`, `lang`, `pipeline`, `components`, plus the
 * pipeline's meta such as `performance`), `vocab/vocab.msgpack`, `tokenizer`
 * (its rules as JSON, when it has them) and `<component>/model` for each
 * component with state.
 *
 * @param nlp the pipeline
 * @param meta more `meta.json` fields (win over `nlp.meta`)
 * @returns the files
 */
export async function pipelineFiles(
  nlp: Language,
  meta: Record<string, unknown> = {},
): Promise<PipelineFiles> {
  const files: PipelineFiles = new Map();
  const config = nlp.config as ConfigSection;
  files.set("config.cfg", text.encode(new Config(config).toStr()));
  const components: string[] = [];
  for (const name of nlp.componentNames) {
    const pipe = nlp.getPipe(name);
    if (!hasComponentState(pipe)) continue;
    files.set(`${name}/model`, await componentToBytes(pipe));
    components.push(name);
  }
  const fullMeta = {
    lang: nlp.lang,
    name: "pipeline",
    version: "0.0.0",
    ...nlp.meta,
    ...meta,
    weft_version: WEFT_VERSION,
    format_version: PIPELINE_FORMAT_VERSION,
    pipeline: nlp.pipeNames,
    components: nlp.componentNames,
    disabled: nlp.disabled,
    saved_components: components,
  };
  files.set("meta.json", text.encode(JSON.stringify(fullMeta, null, 2) + "\n"));
  files.set("vocab/vocab.msgpack", vocabToBytes(nlp.vocab));
  const tok = nlp.tokenizer as { toJSON?: () => unknown };
  if (nlp.tokenizer instanceof Tokenizer && typeof tok.toJSON === "function") {
    files.set("tokenizer", text.encode(JSON.stringify(tok.toJSON())));
  }
  return files;
}

/**
 * Save a pipeline to a folder, atomically: the files go to a temporary folder
 * that then replaces `dir`, so a crash leaves the previous complete folder.
 *
 * @param nlp the pipeline
 * @param dir the folder
 * @param options `meta`: more `meta.json` fields (e.g. `performance`)
 * @example Save and load a blank pipeline
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, load, savePipeline } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.config = { nlp: { lang: "en", pipeline: [] }, components: {} };
 * const dir = await Deno.makeTempDir();
 * await savePipeline(nlp, `${dir}/model`, { meta: { name: "demo" } });
 * const back = await load(`${dir}/model`);
 * assert.equal(back.meta.name, "demo");
 * assert.deepEqual(back.call("Don't").words, ["Do", "n't"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function savePipeline(
  nlp: Language,
  dir: string,
  options: { meta?: Record<string, unknown> } = {},
): Promise<void> {
  const files = await pipelineFiles(nlp, options.meta);
  await writeDirAtomic(dir, async (tmp) => {
    for (const [path, bytes] of files) {
      const at = path.lastIndexOf("/");
      if (at > 0) await Deno.mkdir(`${tmp}/${path.slice(0, at)}`, { recursive: true });
      await Deno.writeFile(`${tmp}/${path}`, bytes);
    }
  });
}

/**
 * Serialize a pipeline to one byte string (msgpack of its files), for
 * loading in a browser with `load(bytes)`.
 *
 * @param nlp the pipeline
 * @param meta more `meta.json` fields
 * @returns the bytes
 * @example Into bytes and back
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, load, pipelineToBytes } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.config = { nlp: { lang: "en", pipeline: [] }, components: {} };
 * const back = await load(await pipelineToBytes(nlp, { name: "tiny" }));
 * assert.equal(back.meta.name, "tiny");
 * ```
 */
export async function pipelineToBytes(
  nlp: Language,
  meta: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const files = await pipelineFiles(nlp, meta);
  return encode({ format: "weft.pipeline", files: Object.fromEntries(files) });
}

/**
 * Read the files from {@linkcode pipelineToBytes} output.
 *
 * @param bytes the bytes
 * @returns the files
 * @throws {SyntaxError} when the bytes are not a serialized pipeline
 * @example The files of a blank pipeline
 * ```ts
 * import assert from "node:assert/strict";
 * import { filesFromBytes, Language, pipelineToBytes } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const files = filesFromBytes(await pipelineToBytes(nlp));
 * assert.deepEqual([...files.keys()].sort(), ["config.cfg", "meta.json", "tokenizer", "vocab/vocab.msgpack"]);
 * assert.throws(() => filesFromBytes(new Uint8Array([1])), SyntaxError);
 * ```
 */
export function filesFromBytes(bytes: Uint8Array): PipelineFiles {
  let msg: Record<string, unknown>;
  try {
    msg = decode(bytes) as Record<string, unknown>;
  } catch (e) {
    throw new SyntaxError(`Not a Weft pipeline: corrupt bytes (${(e as Error).message})`);
  }
  if (msg === null || typeof msg !== "object" || msg.format !== "weft.pipeline") {
    throw new SyntaxError("Not a Weft pipeline: missing the weft.pipeline header");
  }
  return new Map(Object.entries(msg.files as Record<string, Uint8Array>));
}

/**
 * Build a pipeline from its files: the config's components, then the saved
 * vocabulary, tokenizer and component states.
 *
 * @param get returns a file's bytes, or `null` when it does not exist
 * @param where names the pipeline in error messages
 * @returns the pipeline
 * @throws {RangeError} for a newer format version or a component without saved state
 * @throws {SyntaxError} for a missing or unreadable `config.cfg` or `meta.json`
 */
export async function pipelineFromFiles(
  get: (path: string) => Promise<Uint8Array | null>,
  where: string,
): Promise<Language> {
  const need = async (path: string) => {
    const b = await get(path);
    if (b === null) throw new SyntaxError(`${where}: no ${path} (is this a saved pipeline?)`);
    return b;
  };
  const meta = JSON.parse(untext.decode(await need("meta.json"))) as Record<string, unknown>;
  const version = meta.format_version;
  if (typeof version !== "number" || version > PIPELINE_FORMAT_VERSION) {
    throw new RangeError(
      `${where}: meta.json format_version ${
        JSON.stringify(version)
      } is not supported (this Weft reads up to ${PIPELINE_FORMAT_VERSION})`,
    );
  }
  const config = Config.fromStr(untext.decode(await need("config.cfg")), {
    file: `${where}/config.cfg`,
    interpolate: false,
  });
  const nlp = languageFromConfig(config);
  nlp.config = config.toJSON() as Record<string, unknown>;
  const vocab = vocabFromBytes(await need("vocab/vocab.msgpack"), `${where}/vocab/vocab.msgpack`);
  for (const s of vocab.strings.toJSON()) nlp.vocab.strings.add(s);
  if (vocab.vectors.toData().rows > 0) nlp.vocab.vectors = vocab.vectors;
  const tokenizer = await get("tokenizer");
  if (tokenizer !== null) {
    nlp.tokenizer = Tokenizer.fromJSON(
      JSON.parse(untext.decode(tokenizer)),
      `${where}/tokenizer`,
    );
  }
  const saved = (meta.saved_components ?? []) as string[];
  for (const name of nlp.componentNames) {
    const pipe = nlp.getPipe(name);
    if (!hasComponentState(pipe)) continue;
    if (!saved.includes(name)) {
      throw new RangeError(`${where}: component "${name}" has no saved state (no ${name}/model)`);
    }
    await componentFromBytes(pipe, await need(`${name}/model`), `${where}/${name}/model`);
  }
  const { pipeline: _p, components: _c, saved_components: _s, disabled: _d, ...rest } = meta;
  nlp.meta = rest;
  return nlp;
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Load a saved pipeline: from a folder (a path or `file:` URL), from the
 * bytes of {@linkcode pipelineToBytes}, or over HTTP — a URL ending in `/`
 * is a folder whose files are fetched one by one, any other URL a byte string.
 *
 * @param source a folder path, a URL, or bytes
 * @returns the pipeline
 * @throws {RangeError} for a newer format version or missing component state
 * @throws {SyntaxError} when the source is not a saved pipeline
 * @example A folder that is not a pipeline
 * ```ts
 * import assert from "node:assert/strict";
 * import { load } from "@weft/pipeline";
 * const dir = await Deno.makeTempDir();
 * await assert.rejects(load(dir), /no meta\.json/);
 * await Deno.remove(dir);
 * ```
 */
export async function load(source: string | URL | Uint8Array): Promise<Language> {
  if (source instanceof Uint8Array) {
    const files = filesFromBytes(source);
    return pipelineFromFiles((p) => Promise.resolve(files.get(p) ?? null), "<bytes>");
  }
  const url = source instanceof URL
    ? source
    : /^[a-z][a-z0-9+.-]+:\/\//i.test(source)
    ? new URL(source)
    : null;
  if (url === null || url.protocol === "file:") {
    const dir = (url ? decodeURIComponent(url.pathname) : source as string).replace(/\/+$/, "");
    await recoverDir(dir);
    return pipelineFromFiles((p) => readOrNull(`${dir}/${p}`), dir);
  }
  if (!url.pathname.endsWith("/")) {
    const res = await fetch(url);
    if (!res.ok) throw new SyntaxError(`${url}: HTTP ${res.status}`);
    return load(new Uint8Array(await res.arrayBuffer()));
  }
  return pipelineFromFiles(async (p) => {
    const res = await fetch(new URL(p, url));
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw new SyntaxError(`${url}${p}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }, url.href);
}
