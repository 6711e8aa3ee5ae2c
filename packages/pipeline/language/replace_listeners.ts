/**
 * `replaceListeners`: giving a component its own copy of a shared tok2vec.
 *
 * @module
 */
import type { Model } from "@weft/layers";
import type { Pipe } from "./pipe.ts";

/** What {@linkcode replaceListeners} needs of a pipeline. */
export interface ListenerPipeline {
  /** The config data (its `components` section is updated). */
  config: Record<string, unknown>;
  /**
   * A component by name.
   *
   * @param name the name
   */
  getPipe(name: string): Pipe;
}

interface ListenedTo {
  model: Model;
  listenerMap: Map<string, Model[]>;
  removeListener(listener: Model, componentName: string): boolean;
}

function setDotted(obj: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = path.split(".");
  let at: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (next === null || typeof next !== "object") return false;
    at = next as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return true;
}

/**
 * Replace the listener layers of `pipeName` that listen to `tok2vecName` by
 * copies of the tok2vec's network (spaCy's `replace_listeners`): the component
 * then trains its own tok2vec, and its config block gets the tok2vec's model
 * config at each listener path.
 *
 * @param nlp the pipeline
 * @param tok2vecName the tok2vec component
 * @param pipeName the listening component
 * @param listeners config paths of the listeners (`"model.tok2vec"`), one per listener
 * @throws {RangeError} when `tok2vecName` has no listeners map, or the counts differ
 * @example The tagger gets its own tok2vec
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language, type Tok2Vec } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * const tok2vec = nlp.addPipe("tok2vec") as Tok2Vec;
 * const tagger = nlp.addPipe("tagger", { config: { model: {
 *   "@architectures": "spacy.Tagger.v2",
 *   tok2vec: { "@architectures": "spacy.Tok2VecListener.v1", width: 96 },
 * } } }) as unknown as { model: { getRef(n: string): { name: string } } };
 * nlp.linkComponents();
 * nlp.replaceListeners("tok2vec", "tagger", ["model.tok2vec"]);
 * assert.deepEqual(tok2vec.listeningComponents, []);
 * assert.notEqual(tagger.model.getRef("tok2vec").name, "tok2vec-listener");
 * ```
 */
export function replaceListeners(
  nlp: ListenerPipeline,
  tok2vecName: string,
  pipeName: string,
  listeners: readonly string[],
): void {
  const tok2vec = nlp.getPipe(tok2vecName) as unknown as Partial<ListenedTo>;
  if (!(tok2vec.listenerMap instanceof Map) || !tok2vec.model) {
    throw new RangeError(`Component "${tok2vecName}" is not a tok2vec component with listeners`);
  }
  const pipe = nlp.getPipe(pipeName) as unknown as { model?: Model };
  const found = [...(tok2vec.listenerMap.get(pipeName) ?? [])];
  if (found.length !== listeners.length) {
    throw new RangeError(
      `Component "${pipeName}" has ${found.length} listeners of "${tok2vecName}" but ` +
        `${listeners.length} paths were given (${listeners.join(", ") || "none"})`,
    );
  }
  const components = nlp.config.components as Record<string, Record<string, unknown>> | undefined;
  const tok2vecModelCfg = components?.[tok2vecName]?.model;
  found.forEach((listener, i) => {
    const replacement = tok2vec.model!.copy();
    pipe.model!.replaceNode(listener, replacement);
    tok2vec.removeListener!(listener, pipeName);
    const pipeCfg = components?.[pipeName];
    if (pipeCfg && tok2vecModelCfg !== undefined) {
      setDotted(pipeCfg, listeners[i]!, structuredClone(tok2vecModelCfg));
    }
  });
}
