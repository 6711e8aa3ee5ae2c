/**
 * Weft vs spaCy, side by side: text classification on CLINC150 (151 intents,
 * exclusive classes) with spaCy's TextCatBOW.v3 efficiency config
 * (bench/configs/textcat_bow.cfg, from `spacy init config -p textcat -o
 * efficiency`) and spaCy's default TextCatEnsemble.v2 model
 * (bench/configs/textcat_ensemble.cfg: the same training settings), each
 * implementation in its own process, spaCy single-threaded.
 *
 *   deno run -A bench/textcat.ts [--arch bow|ensemble|both] [--mode steps|converge|both]
 *     [--steps N] [--quick] [--only weft|spacy] [--data DIR] [--out FILE.json]
 *
 * Accuracy is exact-label accuracy on the dev set (argmax of `cats`); the
 * config's own score (`cats_score`, macro F) decides the best step.
 * spaCy runs when `SPACY_PYTHON` names a Python with spaCy.
 *
 * @module
 */
import {
  BENCH_DIR,
  machine,
  parseOptions,
  ratios,
  ROOT,
  runJson,
  runSpacyWorker,
  runWeftWorker,
  SINGLE_THREAD_ENV,
  summary,
  type WorkerArgs,
  type WorkerResult,
} from "./common.ts";

const CLINC = "/work/shared/data/clinc150";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Convert train/dev: Weft's `convert` (JSONL) and spaCy's tokenizer + DocBin. */
async function prepare(dir: string, python: string | undefined): Promise<void> {
  const labels = new Set<string>();
  for (const split of ["train", "dev"]) {
    for (const line of (await Deno.readTextFile(`${CLINC}/${split}.jsonl`)).split("\n")) {
      if (line.trim()) labels.add((JSON.parse(line) as { label: string }).label);
    }
  }
  const labelsPath = `${dir}/labels.json`;
  await Deno.writeTextFile(labelsPath, JSON.stringify([...labels].sort()));
  for (const split of ["train", "dev"]) {
    const jsonl = `${CLINC}/${split}.jsonl`;
    if (!(await exists(`${dir}/${split}.weftdocs`))) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          `${ROOT}packages/cli/main.ts`,
          "convert",
          jsonl,
          dir,
          "--converter",
          "jsonl",
        ],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error(`weft convert failed for ${jsonl}`);
    }
    if (python && !(await exists(`${dir}/${split}.spacy`))) {
      await runJson(python, [
        `${BENCH_DIR}spacy_bench.py`,
        "prepare-jsonl",
        jsonl,
        `${dir}/${split}.spacy`,
        labelsPath,
      ], SINGLE_THREAD_ENV);
    }
  }
}

const opts = parseOptions(Deno.args);
const quick = opts.has("quick");
const mode = quick ? "steps" : opts.get("mode") ?? "both";
const steps = Number(opts.get("steps") ?? (quick ? 200 : 1000));
const arch = opts.get("arch") ?? "both";
const only = opts.get("only");
const python = only === "weft" ? undefined : Deno.env.get("SPACY_PYTHON") || undefined;
const dir = opts.get("data") ?? await Deno.makeTempDir({ prefix: "weft_bench_textcat_" });
await Deno.mkdir(dir, { recursive: true });
await prepare(dir, python);

interface Run {
  name: string;
  config: string;
  overrides: Record<string, unknown>;
}
const runs: Run[] = [];
for (const a of arch === "both" ? ["ensemble", "bow"] : [arch]) {
  if (a !== "ensemble" && a !== "bow") throw new TypeError(`--arch must be bow, ensemble or both`);
  const config = `${BENCH_DIR}configs/textcat_${a}.cfg`;
  if (mode === "steps" || mode === "both") {
    runs.push({
      name: `${a}_steps_${steps}`,
      config,
      overrides: {
        "training.max_steps": steps,
        "training.eval_frequency": steps,
        "training.patience": 0,
      },
    });
  }
  if (mode === "converge" || mode === "both") {
    runs.push({ name: `${a}_converge`, config, overrides: {} });
  }
}

const results: Record<string, unknown> = {};
for (const run of runs) {
  const base = (ext: string): WorkerArgs => ({
    task: "textcat",
    overrides: {
      ...run.overrides,
      "paths.train": `${dir}/train.${ext}`,
      "paths.dev": `${dir}/dev.${ext}`,
    },
  });
  let weft: WorkerResult | null = null;
  let spacy: WorkerResult | null = null;
  if (only !== "spacy") weft = await runWeftWorker(run.config, base("weftdocs"), dir, run.name);
  if (python) spacy = await runSpacyWorker(python, run.config, base("spacy"), dir, run.name);
  results[run.name] = {
    ...(weft ? { weft: summary(weft) } : {}),
    ...(spacy ? { spacy: summary(spacy) } : {}),
    ...(weft && spacy ? { ratios: ratios(weft, spacy) } : {}),
    ...(opts.has("curves")
      ? { curves: { weft: weft?.evals ?? null, spacy: spacy?.evals ?? null } }
      : {}),
  };
}
const report = {
  bench: "textcat",
  data: "CLINC150 train/dev (151 labels, exclusive)",
  configs: {
    bow: "bench/configs/textcat_bow.cfg (spacy init config -p textcat -o efficiency)",
    ensemble: "bench/configs/textcat_ensemble.cfg (same, with spaCy's default TextCatEnsemble.v2)",
  },
  accuracy: "exact-label accuracy on dev (argmax of doc.cats)",
  threads: { weft: "1 (JavaScript main thread)", spacy: SINGLE_THREAD_ENV },
  machine: await machine(),
  results,
};
const text = JSON.stringify(report, null, 2);
if (opts.has("out")) await Deno.writeTextFile(opts.get("out")!, text + "\n");
console.log(text);
