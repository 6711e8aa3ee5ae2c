/**
 * Weft vs spaCy, side by side: spaCy's CPU "efficiency" tagger config
 * (bench/configs/tagger.cfg, written by `spacy init config -p tagger -o
 * efficiency`) trained on UD English EWT with UPOS as the tag, by both
 * implementations in the same run, each in its own process (spaCy
 * single-threaded: OMP/OPENBLAS/MKL_NUM_THREADS=1).
 *
 *   deno run -A bench/tagger.ts [--mode steps|converge|both] [--steps N]
 *     [--quick] [--only weft|spacy] [--data DIR] [--out FILE.json] [--threads 1|2]
 *
 * `--mode steps` trains for `--steps` steps (default 1000) with one evaluation
 * at the end; `--mode converge` uses the config's own stopping rule (patience
 * 1600, evaluation every 200 steps, at most 20000 steps); `--quick` is
 * `--mode steps --steps 200`. spaCy runs when `SPACY_PYTHON` names a Python
 * with spaCy. Prints JSON: train and inference words/s, dev accuracy, peak
 * RSS and wall time of each, and the ratios (Weft ÷ spaCy).
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

const UD = "/work/shared/data/ud-english-ewt";

/** CoNLL-U with the XPOS column replaced by UPOS, so that `tag` is the UPOS tag for both. */
function upposAsTag(text: string): string {
  return text.split("\n").map((line) => {
    if (line === "" || line.startsWith("#")) return line;
    const cols = line.split("\t");
    if (cols.length < 10) return line;
    cols[4] = cols[3]!;
    return cols.join("\t");
  }).join("\n");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Convert train/dev with each implementation's own converter (10 sentences per doc). */
async function prepare(dir: string, python: string | undefined): Promise<void> {
  for (const split of ["train", "dev"]) {
    const conllu = `${dir}/${split}.conllu`;
    if (!(await exists(conllu))) {
      const text = await Deno.readTextFile(`${UD}/en_ewt-ud-${split}.conllu`);
      await Deno.writeTextFile(conllu, upposAsTag(text));
    }
    if (!(await exists(`${dir}/${split}.weftdocs`))) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          `${ROOT}packages/cli/main.ts`,
          "convert",
          conllu,
          dir,
          "--n-sents",
          "10",
        ],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error(`weft convert failed for ${conllu}`);
    }
    if (python && !(await exists(`${dir}/${split}.spacy`))) {
      await runJson(python, [
        `${BENCH_DIR}spacy_bench.py`,
        "prepare-conllu",
        conllu,
        `${dir}/${split}.spacy`,
        "10",
      ], SINGLE_THREAD_ENV);
    }
  }
}

const opts = parseOptions(Deno.args);
const quick = opts.has("quick");
const mode = quick ? "steps" : opts.get("mode") ?? "both";
const steps = Number(opts.get("steps") ?? (quick ? 200 : 1000));
const only = opts.get("only");
// Weft's gemm threads (`--threads 2`: a worker takes half of each large product).
const threads = Number(opts.get("threads") ?? 1);
const python = only === "weft" ? undefined : Deno.env.get("SPACY_PYTHON") || undefined;
const dir = opts.get("data") ?? await Deno.makeTempDir({ prefix: "weft_bench_tagger_" });
await Deno.mkdir(dir, { recursive: true });
await prepare(dir, python);
const config = `${BENCH_DIR}configs/tagger.cfg`;

interface Run {
  name: string;
  overrides: Record<string, unknown>;
}
const runs: Run[] = [];
if (mode === "steps" || mode === "both") {
  runs.push({
    name: `steps_${steps}`,
    overrides: {
      "training.max_steps": steps,
      "training.eval_frequency": steps,
      "training.patience": 0,
    },
  });
}
if (mode === "converge" || mode === "both") runs.push({ name: "converge", overrides: {} });

const results: Record<string, unknown> = {};
for (const run of runs) {
  const base = (ext: string): WorkerArgs => ({
    task: "tagger",
    overrides: {
      ...run.overrides,
      "paths.train": `${dir}/train.${ext}`,
      "paths.dev": `${dir}/dev.${ext}`,
    },
  });
  let weft: WorkerResult | null = null;
  let spacy: WorkerResult | null = null;
  if (only !== "spacy") {
    weft = await runWeftWorker(config, { ...base("weftdocs"), threads }, dir, run.name);
  }
  if (python) spacy = await runSpacyWorker(python, config, base("spacy"), dir, run.name);
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
  bench: "tagger",
  data: "UD English EWT train/dev, UPOS as tag, 10 sentences per doc",
  config: "bench/configs/tagger.cfg (spacy init config -p tagger -o efficiency)",
  threads: {
    weft: threads >= 2
      ? "2 (main thread + one gemm worker; per-CPU-second figures count both)"
      : "1 (JavaScript main thread)",
    spacy: SINGLE_THREAD_ENV,
  },
  machine: await machine(),
  results,
};
const text = JSON.stringify(report, null, 2);
if (opts.has("out")) await Deno.writeTextFile(opts.get("out")!, text + "\n");
console.log(text);
