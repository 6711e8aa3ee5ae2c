/**
 * PRIVATE WORKAROUND, to be removed once `@weft/layers`' `concatenate` (1) checks
 * that its branches share an INPUT type (today it checks `layers[0]`'s output
 * against the others' input, as `chain` does, which refuses branches such as
 * `List[Doc] -> Ragged`) and (2) passes `Y` to its branches at `initialize`, as
 * Thinc does, so a branch with an unset `nO` (the linear model of
 * `spacy.TextCatEnsemble`) is sized from the labels.
 *
 * @module
 */
import { concatenate, type Model } from "@weft/layers";
import { withInit } from "./with_init.ts";

/**
 * Thinc's `concatenate` as spaCy's architectures use it: one layer is returned
 * as is, several are concatenated; all branches must take the same input type.
 *
 * @throws {TypeError} when the branches' input types differ, naming both
 */
export function concat(...layers: [Model, ...Model[]]): Model {
  if (layers.length === 1) return layers[0];
  const first = layers[0];
  for (const layer of layers.slice(1)) {
    const a = first.inputType.split("|");
    const ok = first.inputType === "Any" || layer.inputType === "Any" ||
      layer.inputType.split("|").some((t) => a.includes(t));
    if (!ok) {
      throw new TypeError(
        `Cannot concatenate "${first.name}" and "${layer.name}": "${first.name}" takes ` +
          `${first.inputType} but "${layer.name}" takes ${layer.inputType}`,
      );
    }
  }
  const saved = layers.map((l) => l.inputType);
  try {
    for (const l of layers) l.inputType = "Any";
    const model = withInit(concatenate(...layers), (m, X, Y) => {
      if (Y === undefined) return;
      for (const layer of m.layers) if (layer.hasDim("nO") === null) layer.initialize({ X, Y });
    });
    model.inputType = saved[0]!;
    model.outputType = first.outputType;
    return model;
  } finally {
    layers.forEach((l, i) => (l.inputType = saved[i]!));
  }
}
