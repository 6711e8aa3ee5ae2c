/**
 * Shared pieces of the side-by-side benchmarks (bench/tagger.ts,
 * bench/textcat.ts): worker settings and results, subprocesses, the
 * machine description and the ratios.
 *
 * @module
 */

/** What a worker (Weft or spaCy) gets: config overrides and benchmark settings. */
export interface WorkerArgs {
  /** "tagger" (accuracy = tag_acc) or "textcat" (accuracy = exact label). */
  task: "tagger" | "textcat";
  /** Config overrides by dotted path. */
  overrides: Record<string, unknown>;
  /** Words per inference batch (default 1000). */
  infer_batch_words?: number;
  /** Timed passes over the dev docs (default 3). */
  infer_repeats?: number;
  /** Weft's gemm threads: 2 runs large products on a second core (default 1). */
  threads?: number;
}

/** One evaluation during training. */
export interface EvalPoint {
  /** The step. */
  step: number;
  /** The weighted score. */
  score: number;
  /** Dev accuracy (0..1). */
  accuracy: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
}

/** What a worker prints. */
export interface WorkerResult {
  impl: "weft" | "spacy";
  version: string;
  /** Threads the implementation's gemm ran on (Weft with `threads: 2`; absent = 1). */
  threads?: number;
  steps: number;
  train_words: number;
  train_seconds: number;
  train_wps: number;
  train_cpu_seconds: number;
  eval_seconds: number;
  init_seconds: number;
  final_accuracy: number;
  best_accuracy: number;
  best_step: number;
  evals: EvalPoint[];
  infer_words: number;
  infer_seconds: number;
  infer_wps: number;
  infer_cpu_seconds: number;
  peak_rss_mb: number;
  wall_seconds: number;
}

/**
 * Group docs into batches of at most `size` words (a longer doc is a batch of its own).
 *
 * @param docs the docs
 * @param size words per batch
 * @returns the batches
 */
export function batchesByWords<T extends { length: number }>(
  docs: readonly T[],
  size: number,
): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let n = 0;
  for (const d of docs) {
    if (batch.length && n + d.length > size) {
      out.push(batch);
      batch = [];
      n = 0;
    }
    batch.push(d);
    n += d.length;
  }
  if (batch.length) out.push(batch);
  return out;
}

/** Peak resident set size (VmHWM) of this process in MiB. */
export function peakRssMb(): number {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return Deno.memoryUsage().rss / (1024 * 1024);
}

/** Environment for single-threaded numeric libraries (spaCy's numpy/BLAS). */
export const SINGLE_THREAD_ENV: Record<string, string> = {
  OMP_NUM_THREADS: "1",
  OPENBLAS_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
  BLIS_NUM_THREADS: "1",
  VECLIB_MAXIMUM_THREADS: "1",
  NUMEXPR_NUM_THREADS: "1",
};

/**
 * Run a command and parse the last line of its stdout as JSON; stderr passes through.
 *
 * @param cmd the program
 * @param args its arguments
 * @param env extra environment
 * @returns the parsed JSON
 */
export async function runJson<T>(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<T> {
  const out = await new Deno.Command(cmd, {
    args,
    env,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed (${out.code}):\n${text}`);
  const lines = text.split("\n");
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** The path of this folder. */
export const BENCH_DIR: string = new URL(".", import.meta.url).pathname;
/** The repository root. */
export const ROOT: string = new URL("..", import.meta.url).pathname;

/** The machine: CPU model, cores, Deno and date. */
export async function machine(): Promise<Record<string, unknown>> {
  let model = "unknown";
  try {
    const out = await new Deno.Command("lscpu", { stdout: "piped" }).output();
    const m = /Model name:\s*(.+)/.exec(new TextDecoder().decode(out.stdout));
    if (m) model = m[1]!.trim();
  } catch { /* no lscpu */ }
  return {
    cpu: model,
    cores: navigator.hardwareConcurrency,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    date: new Date().toISOString(),
    load_average: Deno.loadavg(),
  };
}

/**
 * Run the Weft worker in its own process (so its peak RSS is its own).
 *
 * @param config the config file
 * @param args the worker settings
 * @param tmp a scratch folder
 * @param tag a name for the args file
 * @returns its result
 */
export async function runWeftWorker(
  config: string,
  args: WorkerArgs,
  tmp: string,
  tag: string,
): Promise<WorkerResult> {
  const argsPath = `${tmp}/weft_${tag}.json`;
  await Deno.writeTextFile(argsPath, JSON.stringify(args));
  return await runJson<WorkerResult>(Deno.execPath(), [
    "run",
    "-A",
    `${BENCH_DIR}weft_worker.ts`,
    config,
    argsPath,
  ]);
}

/**
 * Run the spaCy worker (bench/spacy_bench.py) single-threaded.
 *
 * @param python the Python with spaCy
 * @param config the config file
 * @param args the worker settings
 * @param tmp a scratch folder
 * @param tag a name for the args file
 * @returns its result
 */
export async function runSpacyWorker(
  python: string,
  config: string,
  args: WorkerArgs,
  tmp: string,
  tag: string,
): Promise<WorkerResult> {
  const argsPath = `${tmp}/spacy_${tag}.json`;
  await Deno.writeTextFile(argsPath, JSON.stringify(args));
  return await runJson<WorkerResult>(
    python,
    [`${BENCH_DIR}spacy_bench.py`, "train", config, argsPath],
    SINGLE_THREAD_ENV,
  );
}

/** The figures of one implementation, as printed. */
export function summary(r: WorkerResult): Record<string, unknown> {
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    steps: r.steps,
    train_words: r.train_words,
    train_words_per_s: round(r.train_wps, 0),
    inference_words_per_s: round(r.infer_wps, 0),
    train_words_per_cpu_s: round(r.train_words / r.train_cpu_seconds, 0),
    inference_words_per_cpu_s: round(r.infer_words / r.infer_cpu_seconds, 0),
    dev_accuracy: round(r.final_accuracy * 100, 2),
    best_dev_accuracy: round(r.best_accuracy * 100, 2),
    best_step: r.best_step,
    peak_rss_mb: round(r.peak_rss_mb, 0),
    wall_seconds: round(r.wall_seconds, 1),
    train_seconds: round(r.train_seconds, 1),
    eval_seconds: round(r.eval_seconds, 1),
    init_seconds: round(r.init_seconds, 1),
  };
}

/** Weft ÷ spaCy for speeds and memory, and accuracy differences in points. */
export function ratios(weft: WorkerResult, spacy: WorkerResult): Record<string, number> {
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    train_words_per_s: r(weft.train_wps / spacy.train_wps),
    inference_words_per_s: r(weft.infer_wps / spacy.infer_wps),
    train_words_per_cpu_s: r(
      (weft.train_words / weft.train_cpu_seconds) / (spacy.train_words / spacy.train_cpu_seconds),
    ),
    inference_words_per_cpu_s: r(
      (weft.infer_words / weft.infer_cpu_seconds) / (spacy.infer_words / spacy.infer_cpu_seconds),
    ),
    peak_rss: r(weft.peak_rss_mb / spacy.peak_rss_mb),
    wall_time: r(weft.wall_seconds / spacy.wall_seconds),
    dev_accuracy_diff_points: r((weft.final_accuracy - spacy.final_accuracy) * 100),
    best_dev_accuracy_diff_points: r((weft.best_accuracy - spacy.best_accuracy) * 100),
  };
}

/**
 * Parse `--name value` and `--flag` options.
 *
 * @param argv the arguments
 * @returns the options
 */
export function parseOptions(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new TypeError(`Unexpected argument "${a}"`);
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), "true");
  }
  return out;
}
