/**
 * Building a `Language` from a config (spaCy's `Language.from_config`).
 *
 * @module
 */
import { Config, type ConfigSection, registry } from "@weft/config";

/** A parsed config (`Config` from `@weft/config`): anything that interpolates to data. */
export interface ConfigLike {
  /** The config with variables substituted. */
  interpolate(): { toJSON(): Record<string, unknown> };
}
import { Language } from "./language.ts";
import type { TokenizerLike } from "./pipe.ts";
import type { Vectors } from "../vocab/vectors.ts";
import type { Vocab } from "../vocab/vocab.ts";

/**
 * Build a pipeline from a config: `[nlp]` gives `lang`, `pipeline`, `disabled`,
 * `batch_size`, `tokenizer` and `vectors`; each `[components.<name>]` names its
 * `factory` and settings.
 *
 * @param config a `Config` or its data
 * @returns the pipeline (not initialized)
 * @throws {TypeError} for a missing `[nlp] lang`, or a component without a factory
 * @example A config with a sentencizer
 * ```ts
 * import assert from "node:assert/strict";
 * import { Config } from "@weft/config";
 * import { languageFromConfig } from "@weft/pipeline";
 * const nlp = languageFromConfig(Config.fromStr(`
 * [nlp]
 * lang = "en"
 * pipeline = ["sentencizer"]
 *
 * [components]
 *
 * [components.sentencizer]
 * factory = "sentencizer"
 * punct_chars = ["!"]
 * `));
 * assert.deepEqual(nlp.call("Hi! Yes. No").sents.length, 2);
 * ```
 */
export function languageFromConfig(config: ConfigLike | Record<string, unknown>): Language {
  const cfg = typeof config.interpolate === "function"
    ? (config as ConfigLike).interpolate()
    : new Config(config as ConfigSection).interpolate();
  const data = cfg.toJSON() as Record<string, Record<string, unknown>>;
  const nlpSection = data.nlp ?? {};
  const lang = nlpSection.lang;
  if (typeof lang !== "string" || lang === "") throw new TypeError("Config has no [nlp] lang");
  const resolveBlock = <T>(block: unknown): T | undefined =>
    block === undefined || block === null ? undefined : registry.resolve({ block }).block as T;
  const makeTokenizer = resolveBlock<(nlp: Language) => TokenizerLike>(nlpSection.tokenizer);
  const makeVectors = resolveBlock<(vocab: Vocab) => Vectors>(nlpSection.vectors);
  const nlp = new Language({
    lang,
    ...(makeTokenizer ? { tokenizer: makeTokenizer } : {}),
    ...(typeof nlpSection.batch_size === "number" ? { batchSize: nlpSection.batch_size } : {}),
  });
  if (makeVectors) nlp.vocab.vectors = makeVectors(nlp.vocab);
  const components = (data.components ?? {}) as Record<string, Record<string, unknown>>;
  for (const name of (nlpSection.pipeline ?? []) as string[]) {
    const block = components[name];
    if (!block) {
      throw new TypeError(`[nlp] pipeline names "${name}" but there is no [components.${name}]`);
    }
    const { factory, source: _source, ...settings } = block;
    if (typeof factory !== "string") {
      throw new TypeError(
        `[components.${name}] has no factory` +
          ("source" in block ? " (sourcing components is not supported yet)" : ""),
      );
    }
    nlp.addPipe(factory, { name, config: settings });
  }
  for (const name of (nlpSection.disabled ?? []) as string[]) nlp.disablePipe(name);
  nlp.config = data;
  // Connect tok2vec components to their listeners, as spaCy's from_config does.
  nlp.linkComponents();
  return nlp;
}
