/**
 * `weft debug model CONFIG COMPONENT [--initialize] [--section.key value]`:
 * the layers of a component's model, with dims and parameter shapes
 * (spaCy's `spacy debug model`, printing the tree).
 *
 * @module
 */
import type { Model } from "@weft/layers";
import { Language } from "@weft/pipeline";
import { registry } from "@weft/config";
import { parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { type CliContext, println } from "../context.ts";
import { checkDataPaths, importCode, readConfig } from "../config_io.ts";

/**
 * The lines of a model tree: one per layer, indented by depth, with its dims
 * and parameter shapes (`?` for unset dims and uninitialized parameters).
 *
 * @param model the model
 * @returns the lines
 */
export function modelTree(model: Model): string[] {
  const lines: string[] = [];
  const seen = new Set<Model>();
  const visit = (m: Model, depth: number) => {
    const dims = m.dimNames.map((d) => `${d}=${m.maybeGetDim(d) ?? "?"}`).join(" ");
    const params = m.paramNames.map((p) => {
      const value = m.maybeGetParam(p);
      return `${p}${value ? `[${value.shape.join("×")}]` : "[?]"}`;
    }).join(" ");
    const again = seen.has(m) ? " (shared, see above)" : "";
    lines.push(
      `${"  ".repeat(depth)}${m.name}${dims ? `  ${dims}` : ""}${
        params ? `  ${params}` : ""
      }${again}`,
    );
    if (again) return;
    seen.add(m);
    for (const child of m.layers) visit(child, depth + 1);
  };
  visit(model, 0);
  return lines;
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, {
    positional: ["config", "component"],
    options: { initialize: { type: "boolean" }, code: { type: "string", alias: "c" } },
    overrides: true,
  });
  await importCode(ctx, args.options.code);
  let config = await readConfig(ctx, args.positional.config!, args.overrides);
  if (args.options.initialize) config = checkDataPaths(ctx, config);
  const data = config.interpolate().data as Record<string, Record<string, unknown>>;
  const nlp = Language.fromConfig(data);
  const name = args.positional.component!;
  if (!nlp.hasPipe(name)) {
    throw new RangeError(
      `No component "${name}" in the pipeline (components: ${nlp.componentNames.join(", ")})`,
    );
  }
  if (args.options.initialize) {
    const T = data.training ?? {};
    const corpora = registry.resolve({ corpora: data.corpora ?? {} }) as {
      corpora: Record<string, { call(nlp: Language): Iterable<unknown> }>;
    };
    const trainName = String(T.train_corpus ?? "corpora.train").replace(/^corpora\./, "");
    const corpus = corpora.corpora[trainName];
    if (!corpus) throw new RangeError(`No corpus [corpora.${trainName}] to initialize from`);
    await nlp.initialize(
      () => corpus.call(nlp) as Iterable<never>,
      (data.initialize?.components ?? {}) as Record<string, Record<string, unknown>>,
    );
  }
  const model = (nlp.getPipe(name) as { model?: Model }).model;
  if (!model || typeof model.walk !== "function") {
    throw new TypeError(`Component "${name}" has no model`);
  }
  println(ctx, `ℹ Model of component "${name}"${args.options.initialize ? " (initialized)" : ""}`);
  for (const line of modelTree(model)) println(ctx, line);
  const params = model.walk().reduce(
    (n, m) =>
      n +
      m.paramNames.reduce(
        (k, p) => k + (m.maybeGetParam(p)?.shape.reduce((a, b) => a * b, 1) ?? 0),
        0,
      ),
    0,
  );
  println(
    ctx,
    `ℹ ${params} parameters${params === 0 ? " (run with --initialize to allocate them)" : ""}`,
  );
  return 0;
}

/** `debug model`. */
export const debugModelCommand: Command = {
  name: "debug model",
  summary: "Print the layers, dims and parameter shapes of a component's model",
  usage: "debug model CONFIG COMPONENT [--initialize] [--code MODULE] [--section.key value ...]",
  run,
};
