import { Model } from "@weft/layers";

/**
 * The same network node with an initializer that runs `before` and then the
 * node's own (spaCy replaces `model.init` this way, to size layers from the
 * tok2vec width before shape inference runs).
 */
export function withInit<In, Out>(
  model: Model<In, Out>,
  before: (model: Model<In, Out>, X: In | undefined, Y: Out | undefined) => void,
): Model<In, Out> {
  const dims: Record<string, number | null> = {};
  for (const name of model.dimNames) dims[name] = model.maybeGetDim(name);
  const init = model.init;
  const out = new Model<In, Out>(model.name, model.forward, {
    init: (m, X, Y) => {
      before(m, X, Y);
      init?.(m, X, Y);
    },
    dims,
    layers: model.layers,
    attrs: Object.fromEntries(model.attrs),
    ops: model.ops,
    inputType: model.inputType,
    outputType: model.outputType,
  });
  for (const name of model.refNames) out.setRef(name, model.maybeGetRef(name));
  return out;
}
