/**
 * Command-line entry point: `deno run -A jsr:@weft/cli/main <command>` or,
 * in the workspace, `deno task weft <command>` (`deno task train` for the
 * main job). The only module that reads `Deno.args` and writes to the console.
 *
 * @module
 */
import { runCli } from "./cli.ts";
import { type CliContext, userCwd } from "./context.ts";

/**
 * A context on the real console: standard output and error, the folder the
 * user ran the task in, and Ctrl-C as an abort signal.
 *
 * @returns the context
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { consoleContext } from "@weft/cli/main";
 * assert.equal(typeof consoleContext().stdout, "function");
 * ```
 */
export function consoleContext(): CliContext & { dispose(): void } {
  const encoder = new TextEncoder();
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) Deno.exit(130);
    Deno.stderr.writeSync(
      encoder.encode("\n⚠ Interrupted: saving and stopping (Ctrl-C again to quit now)\n"),
    );
    controller.abort();
  };
  let listening = false;
  try {
    Deno.addSignalListener("SIGINT", onInterrupt);
    listening = true;
  } catch { /* signals are not available here (e.g. Windows without a console) */ }
  const write = (file: typeof Deno.stdout, text: string) => {
    const bytes = encoder.encode(text);
    let done = 0;
    while (done < bytes.length) done += file.writeSync(bytes.subarray(done));
  };
  return {
    stdout: (text) => write(Deno.stdout, text),
    stderr: (text) => write(Deno.stderr, text),
    isTty: Deno.stdout.isTerminal(),
    cwd: userCwd(),
    signal: controller.signal,
    dispose() {
      if (listening) Deno.removeSignalListener("SIGINT", onInterrupt);
    },
  };
}

if (import.meta.main) {
  const ctx = consoleContext();
  const code = await runCli(Deno.args, ctx);
  ctx.dispose();
  Deno.exit(code);
}
