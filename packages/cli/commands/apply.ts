/**
 * `weft apply MODEL DATA OUTPUT [--text-key text] [--batch-size N]`: run a
 * pipeline over texts and save the annotated documents (spaCy's `spacy apply`).
 *
 * @module
 */
import { join } from "node:path";
import { type Doc, DocBin, DOCBIN_EXTENSION, type Language, Vocab } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import { gemmThreads, THREADS_OPTION } from "../threads.ts";
import type { Command } from "../command.ts";
import { importCode } from "../config_io.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { loadModel } from "../model_io.ts";

function inputFiles(path: string): string[] {
  const info = Deno.statSync(path);
  if (info.isFile) return [path];
  const out: string[] = [];
  for (const e of Deno.readDirSync(path)) {
    if (e.isFile && !e.name.startsWith(".")) out.push(join(path, e.name));
  }
  return out.sort();
}

/** The texts of one input file: a corpus file's docs, JSONL records, or the whole text. */
function* texts(nlp: Language, file: string, textKey: string): Generator<string | Doc> {
  if (file.endsWith(DOCBIN_EXTENSION)) {
    for (const doc of DocBin.fromBytes(Deno.readFileSync(file), file).getDocs(new Vocab())) {
      yield nlp.makeDoc(doc.text);
    }
  } else if (file.endsWith(".jsonl")) {
    const lines = Deno.readTextFileSync(file).split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (e) {
        throw new SyntaxError(`Invalid JSON in ${file}, line ${i + 1}: ${(e as Error).message}`);
      }
      const text = (record as Record<string, unknown>)?.[textKey];
      if (typeof text !== "string") {
        throw new TypeError(`${file}, line ${i + 1}: no "${textKey}" string (see --text-key)`);
      }
      yield text;
    }
  } else yield Deno.readTextFileSync(file);
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["model", "data", "output"],
    options: {
      code: { type: "string", alias: "c" },
      "text-key": { type: "string", alias: "tk" },
      "batch-size": { type: "int", alias: "b" },
      threads: THREADS_OPTION,
    },
  });
  using _threads = await gemmThreads(args.options.threads);
  await importCode(ctx, args.options.code);
  const nlp = await loadModel(ctx, args.positional.model!);
  const data = resolvePath(ctx, args.positional.data!);
  try {
    Deno.statSync(data);
  } catch {
    throw new Deno.errors.NotFound(`Data path not found: ${args.positional.data}`);
  }
  const textKey = String(args.options["text-key"] ?? "text");
  const batchSize = Number(args.options["batch-size"] ?? nlp.batchSize);
  const out = new DocBin({ storeUserData: true });
  for (const file of inputFiles(data)) {
    for await (const doc of nlp.pipe(texts(nlp, file, textKey), { batchSize })) out.add(doc);
  }
  const output = resolvePath(ctx, args.positional.output!);
  const dir = output.replace(/\/[^/]*$/, "");
  if (dir !== output && dir !== "") await Deno.mkdir(dir, { recursive: true });
  await out.toDisk(output);
  println(ctx, `✔ Saved ${out.length} annotated documents to ${output}`);
  return 0;
}

/** `apply`. */
export const applyCommand: Command = {
  name: "apply",
  summary: "Annotate texts (corpus, JSONL or text files) with a pipeline and save them",
  usage:
    "apply MODEL DATA OUTPUT [--text-key text] [--batch-size N] [--code MODULE] [--threads 1|2]",
  run,
};
