/**
 * `runCli`: finds the command, runs it, and turns user errors into one
 * message and an exit code (no stack traces).
 *
 * @module
 */
import { ConfigValidationError } from "@weft/config";
import type { Command } from "./command.ts";
import { type CliContext, println } from "./context.ts";
import { UsageError } from "./errors.ts";
import { formatTable } from "./table.ts";
import { applyCommand } from "./commands/apply.ts";
import { benchmarkSpeedCommand } from "./commands/benchmark_speed.ts";
import { convertCommand } from "./commands/convert.ts";
import { debugConfigCommand } from "./commands/debug_config.ts";
import { debugDataCommand } from "./commands/debug_data.ts";
import { debugModelCommand } from "./commands/debug_model.ts";
import { evaluateCommand } from "./commands/evaluate.ts";
import { infoCommand } from "./commands/info.ts";
import { initConfigCommand } from "./commands/init_config.ts";
import { initFillConfigCommand } from "./commands/init_fill_config.ts";
import { trainCommand } from "./commands/train.ts";

/** Every command, in the order `weft --help` lists them. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  evaluateCommand,
  convertCommand,
  initConfigCommand,
  initFillConfigCommand,
  debugConfigCommand,
  debugDataCommand,
  debugModelCommand,
  benchmarkSpeedCommand,
  applyCommand,
  infoCommand,
];

function help(ctx: CliContext): void {
  println(ctx, "Usage: weft COMMAND [ARGS]...");
  println(ctx);
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) println(ctx, `  ${c.name.padEnd(width)}  ${c.summary}`);
}

/**
 * Print an error as the CLI does: `✘ message`; a config validation error as
 * its table of problems. Stack traces only with `WEFT_DEBUG=1`.
 *
 * @param ctx where to write
 * @param error what was thrown
 * @param command the command, for its usage line after a usage error
 * @returns the exit code: 2 for usage errors, else 1
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext, reportError } from "@weft/cli";
 * const ctx = captureContext();
 * assert.equal(reportError(ctx, new RangeError("Model folder missing")), 1);
 * assert.equal(ctx.err.join(""), "✘ Model folder missing\n");
 * ```
 */
export function reportError(ctx: CliContext, error: unknown, command?: Command): number {
  const write = (line: string) => ctx.stderr(line + "\n");
  if (error instanceof ConfigValidationError) {
    const title = error.message.split("\n")[0] ?? "Config validation error";
    write(`✘ ${title}`);
    const rows = error.errors.map((e) => [
      e.loc.join(".") || "(top level)",
      e.msg + (e.where ? ` (${e.where})` : ""),
    ]);
    for (const line of formatTable(rows)) write(line);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`✘ ${message}`);
  if (error instanceof UsageError) {
    if (command) write(`Usage: weft ${command.usage}`);
    return 2;
  }
  let debug = false;
  try {
    debug = Deno.env.get("WEFT_DEBUG") === "1";
  } catch { /* no env permission */ }
  if (debug && error instanceof Error && error.stack) write(error.stack);
  return 1;
}

/**
 * Run the CLI on arguments (as `Deno.args`), writing through the context.
 *
 * @param argv the arguments, e.g. `["debug", "config", "config.cfg", "--json"]`
 * @param ctx where to read and write
 * @returns the exit code (0 on success)
 * @example Listing the commands
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext, runCli } from "@weft/cli";
 * const ctx = captureContext();
 * assert.equal(await runCli(["--help"], ctx), 0);
 * assert.match(ctx.text(), /debug config/);
 * ```
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    help(ctx);
    return 0;
  }
  let command: Command | undefined;
  let words = 0;
  for (const c of COMMANDS) {
    const parts = c.name.split(" ");
    if (parts.every((p, i) => argv[i] === p) && parts.length > words) {
      command = c;
      words = parts.length;
    }
  }
  if (command === undefined) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    const what = group.length
      ? `Unknown command "${argv.slice(0, 2).join(" ")}" (try ${
        group.map((c) => `"${c.name}"`).join(", ")
      })`
      : `Unknown command "${argv[0]}" (run weft --help for the list)`;
    return reportError(ctx, new UsageError(what));
  }
  const rest = argv.slice(words);
  if (rest.includes("--help") || rest.includes("-h")) {
    println(ctx, `Usage: weft ${command.usage}`);
    println(ctx);
    println(ctx, command.summary);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    return reportError(ctx, e, command);
  }
}
