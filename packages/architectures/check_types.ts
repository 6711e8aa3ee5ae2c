import type { Model } from "@weft/layers";

function fits(actual: string, expected: string): boolean {
  if (actual === "Any" || expected === "Any") return true;
  const want = expected.split("|");
  return actual.split("|").some((t) => want.includes(t));
}

/**
 * Check that a sublayer passed to an architecture has the model type the
 * architecture expects, from the layers' input and output type tags, so that
 * a mismatch is reported when the network is built rather than when it runs.
 *
 * @param architecture the architecture being built, e.g. `"spacy.Tok2Vec.v2"`
 * @param argument the argument the sublayer was passed as, e.g. `"encode"`
 * @param layer the sublayer
 * @param input the expected input type tag (`|` separates alternatives)
 * @param output the expected output type tag
 * @throws {TypeError} naming the architecture, the argument, the sublayer and both types
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSublayer } from "@weft/architectures";
 * import { Relu } from "@weft/layers";
 * assert.throws(
 *   () => checkSublayer("spacy.Tagger.v2", "tok2vec", Relu(), "List[Doc]", "List[Floats2d]"),
 *   /spacy\.Tagger\.v2.*tok2vec.*Model\[List\[Doc\], List\[Floats2d\]\].*"relu".*Model\[Floats2d, Floats2d\]/,
 * );
 * ```
 */
export function checkSublayer(
  architecture: string,
  argument: string,
  layer: Model,
  input: string,
  output: string,
): void {
  if (fits(layer.inputType, input) && fits(layer.outputType, output)) return;
  throw new TypeError(
    `Cannot build ${architecture}: argument "${argument}" must be a Model[${input}, ${output}], ` +
      `but layer "${layer.name}" is a Model[${layer.inputType}, ${layer.outputType}]`,
  );
}
