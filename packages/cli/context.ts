/**
 * Where a command reads and writes: injectable writers, so that tests run
 * commands in-process and only `main.ts` touches the console.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";

/** What a command may use from its surroundings. */
export interface CliContext {
  /**
   * Write text to standard output as is (no newline added).
   *
   * @param text the text
   */
  stdout(text: string): void;
  /**
   * Write text to standard error as is (no newline added).
   *
   * @param text the text
   */
  stderr(text: string): void;
  /** Whether standard output is a terminal (progress bars are drawn only there). */
  readonly isTty: boolean;
  /** The folder relative paths are read from (where the user ran the task). */
  readonly cwd: string;
  /** Aborted when the user interrupts (Ctrl-C); training then saves and stops. */
  readonly signal?: AbortSignal;
}

/** A context that collects what commands write, for tests. */
export interface CapturedContext extends CliContext {
  /** Everything written to standard output so far. */
  readonly out: string[];
  /** Everything written to standard error so far. */
  readonly err: string[];
  /** Standard output as one string. */
  text(): string;
}

/**
 * A context that keeps what commands write in memory.
 *
 * @param options the working folder (default `Deno.cwd()`), whether to act as a terminal,
 *   and an abort signal (as Ctrl-C gives the real console)
 * @returns the context with its collected output
 * @example Capturing a line
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext } from "@weft/cli";
 * const ctx = captureContext();
 * ctx.stdout("hello\n");
 * assert.equal(ctx.text(), "hello\n");
 * ```
 */
export function captureContext(
  options: { cwd?: string; isTty?: boolean; signal?: AbortSignal } = {},
): CapturedContext {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    isTty: options.isTty ?? false,
    cwd: options.cwd ?? Deno.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
    text: () => out.join(""),
  };
}

/**
 * The folder the user ran the task in: npm's and `deno task`'s `INIT_CWD`,
 * else the current folder.
 *
 * @returns an absolute path
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userCwd } from "@weft/cli";
 * assert.ok(userCwd().length > 0);
 * ```
 */
export function userCwd(): string {
  let init: string | undefined;
  try {
    init = Deno.env.get("INIT_CWD");
  } catch {
    init = undefined; // no env permission: fall back to the current folder
  }
  return init && init !== "" ? init : Deno.cwd();
}

/**
 * A path given by the user, resolved from the context's folder.
 *
 * @param ctx the context
 * @param path the path as typed
 * @returns the absolute path (unchanged when already absolute)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext, resolvePath } from "@weft/cli";
 * const ctx = captureContext({ cwd: "/data" });
 * assert.equal(resolvePath(ctx, "train.weftdocs"), "/data/train.weftdocs");
 * assert.equal(resolvePath(ctx, "/abs/x"), "/abs/x");
 * ```
 */
export function resolvePath(ctx: CliContext, path: string): string {
  return isAbsolute(path) ? path : join(ctx.cwd, path);
}

/**
 * Write one line (a newline is added) to standard output.
 *
 * @param ctx the context
 * @param text the line
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext, println } from "@weft/cli";
 * const ctx = captureContext();
 * println(ctx, "ok");
 * assert.equal(ctx.text(), "ok\n");
 * ```
 */
export function println(ctx: CliContext, text = ""): void {
  ctx.stdout(text + "\n");
}
