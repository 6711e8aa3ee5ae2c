/**
 * `weft convert INPUT OUTPUT_DIR [--converter auto|conllu|iob|jsonl] [--n-sents N]`:
 * one corpus file that `spacy.Corpus.v1` reads.
 *
 * @module
 */
import { basename, join } from "node:path";
import {
  type Converter,
  convertFile,
  DocBin,
  DOCBIN_EXTENSION,
  docFromExampleDict,
  toExampleDict,
  Vocab,
} from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println, resolvePath } from "../context.ts";

/**
 * Give every document the full set of category labels: single-label records
 * (`"label": "x"`) name only their own, and a text classifier needs the others at 0.
 *
 * @param records the converted records (changed in place)
 * @returns the labels, sorted
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { completeCats } from "@weft/cli";
 * const records = [{ cats: { greet: 1 } }, { cats: { bye: 1 } }, {}];
 * assert.deepEqual(completeCats(records), ["bye", "greet"]);
 * assert.deepEqual(records[0]!.cats, { bye: 0, greet: 1 });
 * assert.deepEqual(records[2]!.cats, { bye: 0, greet: 0 });
 * ```
 */
export function completeCats(records: { cats?: Record<string, number> }[]): string[] {
  const labels = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.cats ?? {})) labels.add(k);
  const sorted = [...labels].sort();
  if (sorted.length === 0) return sorted;
  for (const r of records) {
    const cats: Record<string, number> = {};
    for (const l of sorted) cats[l] = r.cats?.[l] ?? 0;
    r.cats = cats;
  }
  return sorted;
}

/**
 * The output file name: the input's name without its last extension, plus `.weftdocs`.
 *
 * @param input the input path
 * @returns the file name
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convertedName } from "@weft/cli";
 * assert.equal(convertedName("data/en_ewt-ud-train.conllu"), "en_ewt-ud-train.weftdocs");
 * assert.equal(convertedName("wikigold.conll.txt"), "wikigold.conll.weftdocs");
 * ```
 */
export function convertedName(input: string): string {
  const name = basename(input);
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name) + DOCBIN_EXTENSION;
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["input", "output_dir"],
    options: {
      converter: { type: "string", alias: "c", choices: ["auto", "conllu", "iob", "jsonl"] },
      "n-sents": { type: "int", alias: "n" },
    },
  });
  const input = resolvePath(ctx, args.positional.input!);
  const outDir = resolvePath(ctx, args.positional.output_dir!);
  try {
    if (!(await Deno.stat(input)).isFile) {
      throw new Deno.errors.NotFound(`Input is not a file: ${args.positional.input}`);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Input file not found: ${args.positional.input}`);
    }
    throw e;
  }
  const records = await convertFile(input, {
    converter: (args.options.converter ?? "auto") as Converter,
    nSents: (args.options["n-sents"] ?? 1) as number,
  });
  const labels = completeCats(records);
  const vocab = new Vocab();
  const docs = records.map((r) => docFromExampleDict(vocab, toExampleDict(r), [], []));
  await Deno.mkdir(outDir, { recursive: true });
  const out = join(outDir, convertedName(input));
  await new DocBin({ docs }).toDisk(out);
  const words = records.reduce((n, r) => n + r.words.length, 0);
  println(
    ctx,
    `✔ Generated output file (${docs.length} documents, ${words} words${
      labels.length ? `, ${labels.length} labels` : ""
    }): ${out}`,
  );
  return 0;
}

/** `convert`. */
export const convertCommand: Command = {
  name: "convert",
  summary: "Convert CoNLL-U, IOB or JSONL data into a Weft corpus file",
  usage: "convert INPUT OUTPUT_DIR [--converter auto|conllu|iob|jsonl] [--n-sents N]",
  run,
};
