/**
 * `weft info [MODEL] [--json]`: versions, platform and backends, or a saved
 * pipeline's meta.
 *
 * @module
 */
import { PIPELINE_FORMAT_VERSION, WEFT_VERSION } from "@weft/pipeline";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { toJsonText } from "../json_text.ts";
import { formatTable } from "../table.ts";

async function readMeta(ctx: CliContext, model: string): Promise<Record<string, unknown>> {
  const file = `${resolvePath(ctx, model)}/meta.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    throw new Deno.errors.NotFound(`Cannot read ${model}/meta.json: is ${model} a saved pipeline?`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new SyntaxError(`Corrupt ${model}/meta.json: ${(e as Error).message}`);
  }
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["model?"],
    options: { json: { type: "boolean" } },
  });
  let data: Record<string, unknown>;
  let title: string;
  if (args.positional.model !== undefined) {
    const meta = await readMeta(ctx, args.positional.model);
    title = `Info about pipeline '${args.positional.model}'`;
    data = {
      Name: meta.name,
      Version: meta.version,
      Language: meta.lang,
      Pipeline: (meta.pipeline as string[] | undefined)?.join(", "),
      Components: (meta.components as string[] | undefined)?.join(", "),
      "Weft version": meta.weft_version,
      "Format version": meta.format_version,
      Performance: meta.performance,
    };
    if (args.options.json) {
      println(ctx, toJsonText(meta));
      return 0;
    }
  } else {
    const gpu = (navigator as { gpu?: unknown }).gpu !== undefined;
    title = "Info about Weft";
    data = {
      "Weft version": WEFT_VERSION,
      "Pipeline format": PIPELINE_FORMAT_VERSION,
      Location: new URL("./", import.meta.url).pathname.replace(/commands\/$/, ""),
      Platform: `${Deno.build.os} ${Deno.build.arch}`,
      Deno: Deno.version.deno,
      V8: Deno.version.v8,
      Backends: gpu ? "cpu, webgpu (navigator.gpu present)" : "cpu (no navigator.gpu)",
    };
    if (args.options.json) {
      println(ctx, toJsonText(data));
      return 0;
    }
  }
  println(ctx);
  println(ctx, `ℹ ${title}`);
  println(ctx);
  const rows = Object.entries(data).filter(([, v]) => v !== undefined).map(([k, v]) => [
    k,
    typeof v === "object" && v !== null
      ? Object.entries(v).map(([a, b]) =>
        `${a} ${typeof b === "number" ? b.toFixed(3) : String(b)}`
      ).join(", ")
      : String(v),
  ]);
  for (const line of formatTable(rows)) println(ctx, line);
  return 0;
}

/** `info`. */
export const infoCommand: Command = {
  name: "info",
  summary: "Print Weft's versions and platform, or a saved pipeline's meta",
  usage: "info [MODEL] [--json]",
  run,
};
