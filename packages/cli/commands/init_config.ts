/**
 * `weft init config [OUTPUT] [--lang en] [--pipeline tagger,textcat]
 * [--optimize efficiency|accuracy]`: a complete training config, as
 * `spacy init config` writes it for CPU.
 *
 * @module
 */
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { quickstartConfig } from "../quickstart/init_config.ts";

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["output?"],
    options: {
      lang: { type: "string", alias: "l" },
      pipeline: { type: "string", alias: "p" },
      optimize: { type: "string", alias: "o", choices: ["efficiency", "accuracy"] },
      force: { type: "boolean", alias: "F" },
    },
  });
  const pipeline = String(args.options.pipeline ?? "tagger").split(",").map((p) => p.trim())
    .filter(Boolean);
  const text = quickstartConfig({
    lang: String(args.options.lang ?? "en"),
    pipeline,
    optimize: (args.options.optimize ?? "efficiency") as "efficiency" | "accuracy",
  });
  const output = args.positional.output;
  if (output === undefined || output === "-") {
    ctx.stdout(text + "\n");
    return 0;
  }
  const path = resolvePath(ctx, output);
  let exists = false;
  try {
    await Deno.stat(path);
    exists = true;
  } catch { /* a new file */ }
  if (exists && !args.options.force) {
    throw new TypeError(`${output} already exists: pass --force to overwrite it`);
  }
  await Deno.writeTextFile(path, text);
  println(ctx, `✔ Saved config to ${output}`);
  println(ctx, "You can now add your data and train your pipeline:");
  println(
    ctx,
    `deno task weft train ${output} --paths.train ./train.weftdocs --paths.dev ./dev.weftdocs`,
  );
  return 0;
}

/** `init config`. */
export const initConfigCommand: Command = {
  name: "init config",
  summary: "Write a complete training config (spaCy's quickstart, CPU)",
  usage:
    "init config [OUTPUT] [--lang en] [--pipeline tagger,textcat] [--optimize efficiency|accuracy] [--force]",
  run,
};
