/**
 * `weft debug data CONFIG [--section.key value]`: what the training data
 * holds — counts, label distributions, train/dev overlap, low-data labels
 * and misaligned tokens (spaCy's `spacy debug data`).
 *
 * @module
 */
import { registry } from "@weft/config";
import { type Example, Language } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println } from "../context.ts";
import { checkDataPaths, importCode, readConfig } from "../config_io.ts";
import { formatTable } from "../table.ts";

/** Below this many examples a label is reported as low-data (spaCy's threshold for new labels). */
export const LOW_DATA_THRESHOLD = 50;

/** What {@linkcode dataStats} finds in a corpus. */
export interface DataStats {
  /** Documents. */
  docs: number;
  /** Reference tokens. */
  words: number;
  /** Distinct reference word forms. */
  uniqueWords: number;
  /** Reference tokens not aligned one-to-one with a predicted token. */
  misalignedWords: number;
  /** Fine-grained tags and their counts. */
  tags: Map<string, number>;
  /** Coarse part-of-speech tags and their counts. */
  pos: Map<string, number>;
  /** Morphological analyses and their counts. */
  morphs: Map<string, number>;
  /** Entity labels and their counts. */
  ents: Map<string, number>;
  /** Text categories and the number of documents with a positive value. */
  cats: Map<string, number>;
  /** Sentences (by sentence starts of the reference). */
  sents: number;
  /** The documents' texts. */
  texts: Set<string>;
}

function bump(map: Map<string, number>, key: string | null | undefined): void {
  if (key === null || key === undefined || key === "") return;
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Count what a list of examples holds.
 *
 * @param examples the examples
 * @returns the counts
 */
export function dataStats(examples: readonly Example[]): DataStats {
  const s: DataStats = {
    docs: 0,
    words: 0,
    uniqueWords: 0,
    misalignedWords: 0,
    tags: new Map(),
    pos: new Map(),
    morphs: new Map(),
    ents: new Map(),
    cats: new Map(),
    sents: 0,
    texts: new Set(),
  };
  const forms = new Set<string>();
  for (const eg of examples) {
    const ref = eg.reference;
    s.docs++;
    s.texts.add(ref.text);
    const y2x = eg.alignment.y2x.lengths;
    for (let i = 0; i < ref.length; i++) {
      const t = ref.token(i);
      if (t.text.trim() === "") continue;
      s.words++;
      forms.add(t.text);
      if (y2x[i] !== 1) s.misalignedWords++;
      bump(s.tags, t.tag);
      bump(s.pos, t.pos);
      bump(s.morphs, t.morph);
      if (t.isSentStart === true) s.sents++;
    }
    for (const ent of ref.ents) bump(s.ents, ent.label);
    for (const [cat, v] of Object.entries(ref.cats)) {
      if (!s.cats.has(cat)) s.cats.set(cat, 0);
      if (v >= 0.5) s.cats.set(cat, s.cats.get(cat)! + 1);
    }
  }
  s.uniqueWords = forms.size;
  return s;
}

function section(ctx: CliContext, title: string): void {
  println(ctx);
  const pad = Math.max(0, 76 - title.length);
  println(
    ctx,
    `${"=".repeat(Math.floor(pad / 2))} ${title} ${"=".repeat(Math.ceil(pad / 2))}`,
  );
}

function distribution(
  ctx: CliContext,
  what: string,
  counts: Map<string, number>,
): number {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  println(ctx, `ℹ ${rows.length} label(s) for ${what} in the training data`);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  const table = rows.map((
    [label, c],
  ) => [`'${label}'`, c, `${(100 * c / (total || 1)).toFixed(1)}%`]);
  for (const line of formatTable(table, ["l", "r", "r"])) println(ctx, `  ${line}`);
  let warnings = 0;
  for (const [label, c] of rows) {
    if (c < LOW_DATA_THRESHOLD) {
      println(ctx, `⚠ Low number of examples for label '${label}' (${c})`);
      warnings++;
    }
  }
  return warnings;
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["config"],
    options: { code: { type: "string", alias: "c" } },
    overrides: true,
  });
  await importCode(ctx, args.options.code);
  const config = checkDataPaths(ctx, await readConfig(ctx, args.positional.config!, args.overrides))
    .interpolate();
  const data = config.data as Record<string, Record<string, unknown>>;
  const nlp = Language.fromConfig(data);
  const T = data.training ?? {};
  const corpora = registry.resolve({ corpora: data.corpora ?? {} }) as {
    corpora: Record<string, { call(nlp: Language): Iterable<Example> }>;
  };
  const pick = (dot: unknown, fallback: string) => {
    const name = String(dot ?? fallback).replace(/^corpora\./, "");
    const c = corpora.corpora[name];
    if (!c) throw new RangeError(`No corpus [corpora.${name}] in ${args.positional.config}`);
    return [...c.call(nlp)];
  };
  const train = pick(T.train_corpus, "corpora.train");
  const dev = pick(T.dev_corpus, "corpora.dev");
  const st = dataStats(train);
  const sd = dataStats(dev);
  let warnings = 0;
  section(ctx, "Data file validation");
  println(ctx, "✔ Corpus is loadable");
  println(ctx, "✔ Pipeline can be built");
  section(ctx, "Training stats");
  println(ctx, `ℹ Language: ${nlp.lang}`);
  println(ctx, `ℹ Training pipeline: ${nlp.pipeNames.join(", ")}`);
  println(ctx, `ℹ ${st.docs} training docs`);
  println(ctx, `ℹ ${sd.docs} evaluation docs`);
  if (st.docs === 0) {
    println(ctx, "✘ No training docs");
    warnings++;
  }
  const overlap = [...sd.texts].filter((t) => st.texts.has(t)).length;
  if (overlap > 0) {
    println(ctx, `⚠ ${overlap} training examples also in evaluation data`);
    warnings++;
  } else println(ctx, "✔ No overlap between training and evaluation data");
  section(ctx, "Vocab & Vectors");
  println(ctx, `ℹ ${st.words} total word(s) in the data (${st.uniqueWords} unique)`);
  if (st.misalignedWords > 0) {
    println(ctx, `⚠ ${st.misalignedWords} misaligned tokens in the training data`);
    warnings++;
  } else println(ctx, "✔ No misaligned tokens in the training data");
  if (sd.misalignedWords > 0) {
    println(ctx, `⚠ ${sd.misalignedWords} misaligned tokens in the dev data`);
  }
  const factories = new Set(nlp.componentNames.map((n) => nlp.factoryName(n)));
  if (factories.has("tagger")) {
    section(ctx, "Part-of-speech Tagging");
    warnings += distribution(ctx, "tagger", st.tags);
    const unseen = [...sd.tags.keys()].filter((t) => !st.tags.has(t));
    if (unseen.length) {
      println(ctx, `⚠ Labels in dev data not in training data: ${unseen.join(", ")}`);
    }
  }
  if (factories.has("morphologizer")) {
    section(ctx, "Morphologizer (POS+Morph)");
    const combined = new Map<string, number>();
    for (const eg of train) {
      for (let i = 0; i < eg.reference.length; i++) {
        const t = eg.reference.token(i);
        const label = [t.morph, t.pos ? `POS=${t.pos}` : ""].filter(Boolean).join("|");
        bump(combined, label);
      }
    }
    warnings += distribution(ctx, "morphologizer", combined);
  }
  if (factories.has("senter")) {
    section(ctx, "Sentence Recognition");
    println(ctx, `ℹ ${st.sents} sentence(s) in the training data, ${sd.sents} in the dev data`);
  }
  if (factories.has("textcat") || factories.has("textcat_multilabel")) {
    section(ctx, "Text Classification");
    warnings += distribution(ctx, "textcat", st.cats);
    const unseen = [...sd.cats.keys()].filter((t) => !st.cats.has(t));
    if (unseen.length) {
      println(ctx, `⚠ Labels in dev data not in training data: ${unseen.join(", ")}`);
    }
  }
  if (factories.has("ner")) {
    section(ctx, "Named Entity Recognition");
    warnings += distribution(ctx, "ner", st.ents);
  }
  section(ctx, "Summary");
  println(ctx, warnings ? `⚠ ${warnings} warning(s)` : "✔ No warnings");
  return 0;
}

/** `debug data`. */
export const debugDataCommand: Command = {
  name: "debug data",
  summary: "Report counts, labels, overlap and alignment problems in the training data",
  usage: "debug data CONFIG [--code MODULE] [--section.key value ...]",
  run,
};
