/**
 * `weft init fill-config BASE [OUTPUT] [--diff]`: a partial config with every
 * default filled in from the registry (spaCy's `spacy init fill-config`).
 *
 * @module
 */
import { Config, type ConfigSection, registry } from "@weft/config";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println, resolvePath } from "../context.ts";
import { readConfig } from "../config_io.ts";
import { combineScoreWeights } from "@weft/pipeline";
import { baseConfigTree } from "../quickstart/init_config.ts";
import { componentScoreWeights } from "../quickstart/score_weights.ts";
import { spacyFillOrder } from "./spacy_order.ts";

/**
 * Fill a config's text: spaCy's default `[training]`, `[corpora]`, `[initialize]`
 * (etc.) where missing, then each registered block's schema defaults; score
 * weights combined as spaCy does, sections and keys in spaCy's order.
 *
 * @param text the partial config's text
 * @param overrides values by dotted key
 * @returns the filled config's text (not interpolated)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillConfigText } from "@weft/cli";
 * const filled = fillConfigText('[nlp]\nlang = "en"\npipeline = []\n\n[components]\n');
 * assert.match(filled, /\nmax_steps = 20000\n/);
 * assert.match(filled, /\[nlp\]\nlang = "en"\n/);
 * ```
 */
export function fillConfigText(text: string, overrides: Record<string, unknown> = {}): string {
  return fillConfig(Config.fromStr(text, { interpolate: false, overrides })).toStr();
}

function fillConfig(config: Config): Config {
  const defaults = Config.fromStr(baseConfigTree().toStr(), { interpolate: false });
  const merged = defaults.merge(config).toJSON() as Record<string, Record<string, unknown>>;
  // Each component's settings get its factory's defaults (spaCy fills them from the factory).
  const components = (merged.components ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, block] of Object.entries(components)) {
    const factory = block?.factory;
    if (typeof factory !== "string") continue;
    if (!registry.factories.has(factory)) continue;
    const { factory: _f, ...settings } = block;
    const filled = registry.fill({ c: { "@factories": factory, ...settings } }, { validate: false })
      .toJSON().c as Record<string, unknown>;
    const { "@factories": _at, nlp: _nlp, name: _name, ...rest } = filled;
    components[name] = { factory, ...rest };
  }
  const training = merged.training ?? {};
  // As spaCy: the components' default weights, the config's own on top, normalized.
  const given = (training.score_weights ?? {}) as Record<string, number | null>;
  const pipeline = ((merged.nlp ?? {}).pipeline ?? []) as string[];
  const inPipeline = pipeline.map((name) => components[name]?.factory)
    .filter((f): f is string => typeof f === "string");
  training.score_weights = combineScoreWeights(inPipeline.map(componentScoreWeights), given);
  const filled = registry.fill(new Config(merged as ConfigSection, { isInterpolated: false }), {
    validate: false,
  }).toJSON() as Record<string, unknown>;
  // Sections and keys in the order spaCy writes them: the base's first.
  const ordered = spacyFillOrder(filled, config.toJSON() as Record<string, unknown>);
  return new Config(ordered as ConfigSection, { isInterpolated: false });
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["base", "output?"],
    options: { diff: { type: "boolean", alias: "D" } },
    overrides: true,
  });
  const base = await readConfig(ctx, args.positional.base!, args.overrides);
  const filled = fillConfig(base);
  const text = filled.toStr();
  if (args.options.diff) {
    const before = new Set(base.toStr().split("\n"));
    for (const line of text.split("\n")) println(ctx, `${before.has(line) ? " " : "+"} ${line}`);
  }
  const output = args.positional.output;
  if (output === undefined || output === "-") ctx.stdout(text + "\n");
  else {
    await Deno.writeTextFile(resolvePath(ctx, output), text + "\n");
    println(ctx, `✔ Saved config to ${output}`);
  }
  return 0;
}

/** `init fill-config`. */
export const initFillConfigCommand: Command = {
  name: "init fill-config",
  summary: "Fill a partial config with every default",
  usage: "init fill-config BASE [OUTPUT] [--diff] [--section.key value ...]",
  run,
};
