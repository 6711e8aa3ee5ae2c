/**
 * `@weft/cli`: Weft's command line — `train`, `evaluate`, `convert`,
 * `init config`, `init fill-config`, `debug config`, `debug data`,
 * `debug model`, `benchmark speed`, `apply`, `info` — as functions that take
 * an injectable context, so that tests run commands in-process. `main.ts`
 * is the entry point that binds them to `Deno.args` and the console.
 *
 * @example Running a command in-process
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureContext, runCli } from "@weft/cli";
 * const ctx = captureContext();
 * assert.equal(await runCli(["init", "config", "--pipeline", "textcat"], ctx), 0);
 * assert.match(ctx.text(), /factory = "textcat"/);
 * ```
 *
 * @module
 */
export * from "./args.ts";
export * from "./errors.ts";
export * from "./context.ts";
export * from "./command.ts";
export * from "./table.ts";
export * from "./json_text.ts";
export * from "./plot_svg.ts";
export * from "./progress.ts";
export * from "./stats.ts";
export * from "./default_job.ts";
export { type GemmThreads, gemmThreads } from "./threads.ts";
export * from "./quickstart/sections.ts";
export * from "./quickstart/init_config.ts";
export { COMMANDS, reportError, runCli } from "./cli.ts";
export { completeCats, convertedName } from "./commands/convert.ts";
export { fillConfigText } from "./commands/init_fill_config.ts";
export { EVALUATE_METRICS, evaluateMetrics } from "./commands/evaluate.ts";
