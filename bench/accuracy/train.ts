/**
 * Runs `train()` on a config with spaCy-style overrides, printing the
 * training table. Usage:
 * `deno run -A bench/accuracy/train.ts CONFIG [OUTPUT_DIR] [--section.key value ...]`
 *
 * @module
 */
import { Config, parseCliOverrides } from "@weft/config";
import { train } from "@weft/pipeline";

const [configPath, maybeOut, ...rest] = Deno.args;
if (!configPath) throw new TypeError("usage: train.ts CONFIG [OUTPUT_DIR] [--key value ...]");
const outputDir = maybeOut && !maybeOut.startsWith("--") ? maybeOut : undefined;
const overrides = parseCliOverrides(outputDir ? rest : [maybeOut ?? "", ...rest].filter(Boolean));
const started = performance.now();
const result = await train(Config.fromDisk(configPath, { interpolate: false }), {
  ...(outputDir ? { outputDir } : {}),
  overrides,
  writer: (t) => console.log(t),
});
const cols = Object.entries(result.bestScores).filter(([k]) => /acc|score$|macro_f/.test(k));
console.log(
  JSON.stringify({
    bestScore: result.bestScore,
    bestStep: result.bestStep,
    reason: result.reason,
    best: Object.fromEntries(cols),
    minutes: (performance.now() - started) / 60000,
  }),
);
