/**
 * PRIVATE STAND-IN, to be replaced by `@weft/layers`' `withArray` once it wraps
 * layers whose input is integer (`Ints2d -> Floats2d`, as Thinc's `with_array`
 * does for embedding tables).
 *
 * @module
 */
import { checkInputType, Model } from "@weft/layers";
import { type Floats2d, type Ints2d, Ragged } from "@weft/types";
import { stackInts } from "./list2ragged_ints.ts";

type IntsIn = Ragged<"uint32"> | Ints2d[];
type FloatsOut = Ragged<"float32"> | Floats2d[];

/**
 * Apply an `Ints2d -> Floats2d` layer to the rows of a `Ragged` of ids or of a
 * list of `Ints2d`, keeping the container (Thinc's `with_array` around
 * embeddings). The ids get no gradient.
 *
 * @param layer the embedding layer
 * @returns a model named `"with_array(<layer>)"`
 * @throws {TypeError} when `layer` does not take `Ints2d`
 */
export function withArrayInts(layer: Model<Ints2d, Floats2d>): Model<IntsIn, FloatsOut> {
  checkInputType("withArray", layer as Model, "Ints2d");
  return new Model<IntsIn, FloatsOut>(`with_array(${layer.name})`, forward, {
    init: (model, X) => {
      const inner = model.layers[0]! as Model<Ints2d, Floats2d>;
      let data: Ints2d | undefined;
      if (X instanceof Ragged) data = X.dataXd as Ints2d;
      else if (X !== undefined) data = stackInts(model.ops, X, model.name).dataXd as Ints2d;
      inner.initialize({ X: data });
      const nO = inner.maybeGetDim("nO");
      if (nO !== null && model.hasDim("nO") === null) model.setDim("nO", nO);
    },
    layers: [layer as Model],
    dims: { nO: layer.maybeGetDim("nO") },
    inputType: "Ragged[Ints2d]|List[Ints2d]",
    outputType: "Ragged|List[Floats2d]",
  });
}

function forward(model: Model<IntsIn, FloatsOut>, X: IntsIn, isTrain: boolean) {
  const layer = model.layers[0]! as Model<Ints2d, Floats2d>;
  const Xr = X instanceof Ragged ? X : stackInts(model.ops, X, model.name);
  const [Y, bp] = layer.call(Xr.dataXd as Ints2d, isTrain);
  if (X instanceof Ragged) {
    const backprop = (dY: FloatsOut): IntsIn => {
      bp((dY as Ragged<"float32">).dataXd as Floats2d);
      return X;
    };
    return [new Ragged(Y, Xr.lengths) as FloatsOut, backprop] as const;
  }
  const backprop = (dYs: FloatsOut): IntsIn => {
    bp(model.ops.flatten(dYs as Floats2d[]));
    return X;
  };
  return [model.ops.unflatten(Y, Xr.lengths) as FloatsOut, backprop] as const;
}
