/**
 * How scripts/run_tests.ts splits the suite: modules that use WebGPU run one at a time in
 * their own `deno test`, everything else in a parallel one, and the two summaries are
 * added into the one line CI reads.
 *
 * Why: Deno 2.9 (wgpu on the llvmpipe/lavapipe software adapter) sometimes aborts at
 * process exit with glibc heap corruption after two test workers of the same process
 * have used WebGPU, even when every test passed. Six tiny test files that each request
 * a device and copy one buffer reproduce it in about 1 run in 15 with `--parallel`, and
 * never in 40 runs without it or with one WebGPU file among the parallel ones.
 *
 * @module
 */

/** The line the parallel run's preload prints when a module there asks for WebGPU. */
export const PARALLEL_WEBGPU_VIOLATION = "WebGPU in the parallel test run";

/**
 * What marks a module as a WebGPU user, besides living in a `webgpu/` folder (every
 * module there runs serially): the browser API, Weft's device helpers, or a backend
 * chosen by name. A test module is checked whole, with the helpers it imports
 * from its own folder (`./parity.ts`); any other module only in its fenced doc
 * examples (what `deno test --doc` runs of it).
 */
export const WEBGPU_MARKER: RegExp =
  /navigator\.gpu|requestAdapter|requestGpuDevice|createWebGpuOps|benchWebGpuOps|new WebGpuOps|webGpuOps\(|testWebGpu|test_backends|GpuRuntime\(|getOps\(\s*["'](?:webgpu|auto)["']|backend:\s*["'](?:webgpu|auto)["']/;

const TEST_MODULE = /(?:^|[._])test\.(?:ts|tsx|mts|js|mjs|jsx)$/;
const SOURCE = /\.(?:ts|tsx|mts|js|mjs|jsx|md)$/;
const SKIPPED_DIRS = new Set(["node_modules", "training", "v", "venv", "coverage", "testdata"]);

/**
 * Whether `deno test` takes a file for a test module (`x_test.ts`, `x.test.ts`,
 * `test.ts`).
 *
 * @param path a file path
 * @returns true for a test module
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isTestModule } from "./test_plan.ts";
 * assert.equal(isTestModule("packages/ops/ops_test.ts"), true);
 * assert.equal(isTestModule("packages/ops/ops.ts"), false);
 * ```
 */
export function isTestModule(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return TEST_MODULE.test(name);
}

/**
 * The text of a module's fenced code blocks (```), joined.
 *
 * @param text a module's or Markdown file's text
 * @returns the contents of its fenced blocks
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fencedBlocks } from "./test_plan.ts";
 * const fence = "`".repeat(3);
 * assert.equal(fencedBlocks(`a\n${fence}ts\nb\n${fence}\nc`), "b\n");
 * ```
 */
export function fencedBlocks(text: string): string {
  const parts: string[] = [];
  let inside = false;
  for (const line of text.split("\n")) {
    const bare = line.replace(/^\s*\*?\s?/, "");
    if (bare.startsWith("```")) {
      inside = !inside;
    } else if (inside) {
      parts.push(bare + "\n");
    }
  }
  return parts.join("");
}

/**
 * Whether a file belongs to the serial WebGPU run.
 *
 * @param path the file's path
 * @param text the file's text; for a test module, with its same-folder helpers'
 * @returns true when it is in a `webgpu/` folder or uses WebGPU (a test module
 *   anywhere, another module in a fenced example)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usesWebGpu } from "./test_plan.ts";
 * const call = ["navigator", "gpu", "request" + "Adapter()"].join(".");
 * assert.equal(usesWebGpu("a_test.ts", `await ${call};`), true);
 * assert.equal(usesWebGpu("a.ts", `// calls ${call}`), false);
 * ```
 */
export function usesWebGpu(path: string, text: string): boolean {
  if (/(?:^|\/)webgpu\//.test(path)) return true;
  return WEBGPU_MARKER.test(isTestModule(path) ? text : fencedBlocks(text));
}

/** The same-folder modules a module imports statically (`from "./x.ts"`). */
function localImports(path: string, text: string): string[] {
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  return [...text.matchAll(/from\s+["']\.\/([\w.-]+\.ts)["']/g)].map((m) => dir + m[1]);
}

/**
 * The WebGPU files under the given paths, sorted (directories are walked, skipping
 * hidden ones, `node_modules`, `testdata` and the other ignored folders).
 *
 * @param paths files or directories, relative to the working directory
 * @returns `gpu`: files for the serial run; `other`: whether anything else is left
 *   for the parallel run
 * @example
 * ```ts ignore
 * const { gpu } = await planTests(["packages/ops"]);
 * ```
 */
export async function planTests(
  paths: readonly string[],
): Promise<{ gpu: string[]; other: boolean }> {
  const gpu: string[] = [];
  let other = false;
  async function visit(path: string): Promise<void> {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      for await (const entry of Deno.readDir(path)) {
        if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
        await visit(path === "." ? entry.name : `${path.replace(/\/$/, "")}/${entry.name}`);
      }
    } else if (SOURCE.test(path)) {
      let text = await Deno.readTextFile(path);
      if (isTestModule(path)) {
        for (const helper of localImports(path, text)) {
          text += await Deno.readTextFile(helper).catch(() => "");
        }
      }
      if (usesWebGpu(path, text)) gpu.push(path);
      else other = true;
    }
  }
  for (const path of paths) await visit(path);
  return { gpu: gpu.sort(), other };
}

/** The counts of one `deno test` summary line. */
export interface TestSummary {
  /** Whether the run printed `ok` (else `FAILED`). */
  ok: boolean;
  /** Tests passed. */
  passed: number;
  /** Test steps passed. */
  steps: number;
  /** Tests failed. */
  failed: number;
  /** Tests ignored. */
  ignored: number;
  /** Tests filtered out. */
  filtered: number;
  /** The run's wall time in seconds. */
  seconds: number;
}

/**
 * Read the last summary line of a `deno test` output
 * (`ok | 12 passed (3 steps) | 0 failed | 1 ignored (2s)`).
 *
 * @param output the run's output, colour codes allowed
 * @returns its counts, or undefined when it printed none
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSummary } from "./test_plan.ts";
 * const s = parseSummary("ok | 12 passed (3 steps) | 0 failed | 1 ignored (1m2s)\n");
 * assert.deepEqual(s, {
 *   ok: true, passed: 12, steps: 3, failed: 0, ignored: 1, filtered: 0, seconds: 62,
 * });
 * ```
 */
export function parseSummary(output: string): TestSummary | undefined {
  // deno-lint-ignore no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const line = lines.reverse().find((l) => /^(?:ok|FAILED) \| \d+ passed/.test(l));
  if (line === undefined) return undefined;
  const count = (pattern: RegExp) => Number(line.match(pattern)?.[1] ?? 0);
  const time = line.match(/\(((?:\d+m)?(?:\d+(?:\.\d+)?s)?(?:\d+ms)?)\)\s*$/)?.[1] ?? "";
  const minutes = Number(time.match(/(\d+)m(?!s)/)?.[1] ?? 0);
  const secs = Number(time.match(/(\d+(?:\.\d+)?)s/)?.[1] ?? 0);
  const millis = Number(time.match(/(\d+)ms/)?.[1] ?? 0);
  return {
    ok: line.startsWith("ok"),
    passed: count(/(\d+) passed/),
    steps: count(/passed \((\d+) steps?\)/),
    failed: count(/(\d+) failed/),
    ignored: count(/(\d+) ignored/),
    filtered: count(/(\d+) filtered out/),
    seconds: minutes * 60 + secs + millis / 1000,
  };
}

/**
 * One summary line, in `deno test`'s format, for several runs together.
 *
 * @param runs the runs' summaries
 * @returns e.g. `ok | 15 passed (3 steps) | 0 failed (1m5s)`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { combineSummaries } from "./test_plan.ts";
 * const run = { ok: true, passed: 2, steps: 1, failed: 0, ignored: 0, filtered: 0, seconds: 40 };
 * assert.equal(
 *   combineSummaries([run, { ...run, ok: false, failed: 1, seconds: 30 }]),
 *   "FAILED | 4 passed (2 steps) | 1 failed (1m10s)",
 * );
 * ```
 */
export function combineSummaries(runs: readonly TestSummary[]): string {
  const sum = (key: "passed" | "steps" | "failed" | "ignored" | "filtered") =>
    runs.reduce((total, run) => total + run[key], 0);
  const seconds = Math.round(runs.reduce((total, run) => total + run.seconds, 0));
  const ok = runs.every((run) => run.ok);
  const steps = sum("steps");
  let line = `${ok ? "ok" : "FAILED"} | ${sum("passed")} passed` +
    (steps > 0 ? ` (${steps} step${steps === 1 ? "" : "s"})` : "") + ` | ${sum("failed")} failed`;
  if (sum("ignored") > 0) line += ` | ${sum("ignored")} ignored`;
  if (sum("filtered") > 0) line += ` | ${sum("filtered")} filtered out`;
  const minutes = Math.floor(seconds / 60);
  return `${line} (${minutes > 0 ? `${minutes}m` : ""}${seconds % 60}s)`;
}

/**
 * Whether a run passed and then died at exit in Deno's WebGPU teardown: exit code
 * 134 (SIGABRT), an `ok` summary with nothing failed, and after it only glibc's
 * heap-corruption report. Deno 2.9 with wgpu's GL backend on llvmpipe does this in
 * some runs of any program whose test workers used WebGPU, Weft or not
 * (`scripts/repro_webgpu_exit_abort.sh`).
 *
 * @param code the run's exit code
 * @param output its output
 * @returns the glibc message when the run is such a pass, else undefined
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exitAbortAfterPass } from "./test_plan.ts";
 * const out = "ok | 3 passed | 0 failed (1s)\n\ncorrupted size vs. prev_size in fastbins\n";
 * assert.equal(exitAbortAfterPass(134, out), "corrupted size vs. prev_size in fastbins");
 * assert.equal(exitAbortAfterPass(1, out), undefined);
 * assert.equal(exitAbortAfterPass(134, out.replace("ok |", "FAILED |")), undefined);
 * ```
 */
export function exitAbortAfterPass(code: number, output: string): string | undefined {
  if (code !== 134) return undefined;
  // deno-lint-ignore no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, "");
  const lines = text.split("\n");
  let last = -1;
  lines.forEach((line, i) => {
    if (/^(?:ok|FAILED) \| \d+ passed/.test(line)) last = i;
  });
  if (last < 0) return undefined;
  const summary = parseSummary(lines[last]!);
  if (summary === undefined || !summary.ok || summary.failed > 0) return undefined;
  const after = lines.slice(last + 1).map((l) => l.trim()).filter((l) => l !== "");
  const glibc =
    /^(?:corrupted .*|double free or corruption.*|free\(\): .*|malloc\(\): .*|munmap_chunk\(\): .*)$/;
  if (after.length === 0 || !after.every((l) => glibc.test(l))) return undefined;
  return after[0];
}
