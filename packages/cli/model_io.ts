/**
 * Loading a saved pipeline and a corpus for a command, with errors that name
 * the file that failed.
 *
 * @module
 */
import { Corpus, type Example, type Language, load } from "@weft/pipeline";
import { type CliContext, resolvePath } from "./context.ts";

/**
 * Load a saved pipeline folder.
 *
 * @param ctx the context
 * @param model the folder as typed
 * @returns the pipeline
 * @throws {Deno.errors.NotFound} when the folder does not exist
 * @throws {SyntaxError} naming the file that could not be read
 */
export async function loadModel(ctx: CliContext, model: string): Promise<Language> {
  const dir = resolvePath(ctx, model);
  try {
    if (!(await Deno.stat(dir)).isDirectory) {
      throw new TypeError(`Model is not a folder: ${model}`);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Model folder not found: ${model}`);
    }
    throw e;
  }
  // meta.json is read first: a corrupt one is named here, with the folder.
  try {
    JSON.parse(await Deno.readTextFile(`${dir}/meta.json`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`${model}/meta.json not found: is ${model} a saved pipeline?`);
    }
    throw new SyntaxError(`Corrupt ${model}/meta.json: ${(e as Error).message}`);
  }
  try {
    return await load(dir);
  } catch (e) {
    const message = (e as Error).message;
    // Loading errors name the file they read; add the folder when they do not.
    const named = message.includes(dir) ? message : `Cannot load pipeline ${model}: ${message}`;
    if (e instanceof RangeError) throw new RangeError(named);
    if (e instanceof TypeError) throw new TypeError(named);
    throw new SyntaxError(named);
  }
}

/**
 * Read the examples of a corpus file or folder (`.weftdocs`), tokenized by the pipeline.
 *
 * @param ctx the context
 * @param nlp the pipeline
 * @param data the path as typed
 * @returns the examples
 * @throws {Deno.errors.NotFound} when the path does not exist
 */
export function readExamples(ctx: CliContext, nlp: Language, data: string): Example[] {
  const path = resolvePath(ctx, data);
  try {
    Deno.statSync(path);
  } catch {
    throw new Deno.errors.NotFound(`Data path not found: ${data}`);
  }
  return [...new Corpus(path).call(nlp)];
}
