/**
 * `weft evaluate MODEL DATA [--output metrics.json] [--per-component]`:
 * spaCy's `spacy evaluate`.
 *
 * @module
 */
import { parseArgs } from "../args.ts";
import { gemmThreads, THREADS_OPTION } from "../threads.ts";
import type { Command } from "../command.ts";
import { importCode } from "../config_io.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { toJsonText } from "../json_text.ts";
import { loadModel, readExamples } from "../model_io.ts";
import { formatTable } from "../table.ts";

/** The metrics `spacy evaluate` shows, by table name, and their score keys. */
export const EVALUATE_METRICS: Readonly<Record<string, string>> = {
  "TOK": "token_acc",
  "TAG": "tag_acc",
  "POS": "pos_acc",
  "MORPH": "morph_acc",
  "LEMMA": "lemma_acc",
  "UAS": "dep_uas",
  "LAS": "dep_las",
  "NER P": "ents_p",
  "NER R": "ents_r",
  "NER F": "ents_f",
  "TEXTCAT": "cats_score",
  "SENT P": "sents_p",
  "SENT R": "sents_r",
  "SENT F": "sents_f",
  "SPAN P": "spans_sc_p",
  "SPAN R": "spans_sc_r",
  "SPAN F": "spans_sc_f",
  "SPEED": "speed",
};

/**
 * The metrics JSON of `spacy evaluate`: each shown metric's score key with
 * its value (fractions, `speed` in words/s), plus the per-type tables.
 *
 * @param scores the scores from `nlp.evaluate`
 * @returns the flat object written to `--output`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluateMetrics } from "@weft/cli";
 * assert.deepEqual(
 *   evaluateMetrics({ token_acc: 1, tag_acc: 0.9, tag_micro_p: 0.9, speed: 1000 }),
 *   { token_acc: 1, tag_acc: 0.9, speed: 1000 },
 * );
 * ```
 */
export function evaluateMetrics(scores: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of Object.values(EVALUATE_METRICS)) {
    if (key in scores) data[key.toLowerCase().replace(/[\s/]/g, "_")] = scores[key];
  }
  for (const key of Object.keys(scores)) {
    if (/_per_type$/.test(key) && key !== "cats_auc_per_type") data[key] = scores[key];
  }
  return data;
}

function fmt(key: string, v: unknown): string {
  if (typeof v !== "number") return "-";
  return key === "speed" ? v.toFixed(0) : (v * 100).toFixed(2);
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["model", "data"],
    options: {
      code: { type: "string", alias: "c" },
      output: { type: "string", alias: "o" },
      "per-component": { type: "boolean", alias: "P" },
      threads: THREADS_OPTION,
    },
  });
  using _threads = await gemmThreads(args.options.threads);
  await importCode(ctx, args.options.code);
  const nlp = await loadModel(ctx, args.positional.model!);
  const examples = readExamples(ctx, nlp, args.positional.data!);
  const perComponent = args.options["per-component"] === true;
  const scores = await nlp.evaluateAsync(examples, { perComponent });
  const output = args.options.output === undefined
    ? undefined
    : resolvePath(ctx, String(args.options.output));
  let data: Record<string, unknown>;
  if (perComponent) {
    data = scores;
    if (output === undefined) {
      println(ctx, "⚠ --per-component is set but no --output file is given to save the scores to");
    }
    println(ctx, toJsonText(scores));
  } else {
    const rows: string[][] = [];
    for (const [name, key] of Object.entries(EVALUATE_METRICS)) {
      if (!(key in scores)) continue;
      const label = key === "cats_score"
        ? `${name} (${String(scores.cats_score_desc ?? "unk")})`
        : name;
      rows.push([label, fmt(key, scores[key])]);
    }
    println(ctx, "================================== Results ==================================");
    println(ctx);
    for (const line of formatTable(rows, ["l", "r"])) println(ctx, line);
    data = evaluateMetrics(scores);
    for (const [key, table] of Object.entries(data)) {
      if (!key.endsWith("_per_type") || table === null || typeof table !== "object") continue;
      println(ctx);
      println(ctx, `=============================== ${key} ===============================`);
      const perType = Object.entries(table as Record<string, Record<string, number>>).map((
        [label, prf],
      ) => [label, ...["p", "r", "f"].map((m) => fmt(m, prf[m]))]);
      perType.unshift(["", "P", "R", "F"]);
      for (const line of formatTable(perType, ["l", "r", "r", "r"])) println(ctx, line);
    }
  }
  if (output !== undefined) {
    const dir = output.replace(/\/[^/]*$/, "");
    if (dir !== output && dir !== "") await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(output, toJsonText(data) + "\n");
    println(ctx, `✔ Saved results to ${output}`);
  }
  return 0;
}

/** `evaluate`. */
export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "Evaluate a saved pipeline on a corpus and print (or save) the scores",
  usage:
    "evaluate MODEL DATA [--output metrics.json] [--per-component] [--code MODULE] [--threads 1|2]",
  run,
};
