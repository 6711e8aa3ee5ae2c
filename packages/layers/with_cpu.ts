import { getOps, type Ops } from "@weft/ops";
import { mapFloatLeaves } from "./gradcheck.ts";
import { Model } from "./model.ts";

function transfer(value: unknown, from: Ops, to: Ops): unknown {
  if (from === to) return value;
  return mapFloatLeaves(value, (x) => {
    if (from.readSync === undefined) {
      throw new TypeError(
        `withCpu cannot move arrays off the "${from.name}" backend synchronously`,
      );
    }
    return to.asarray(from.readSync(x), x.shape, "float32");
  });
}

/**
 * Run a layer on the CPU backend whatever the surrounding model uses
 * (`with_cpu.v1`): inputs are moved to the CPU, outputs and gradients moved back.
 * On the CPU backend it is a plain wrapper.
 *
 * Like Thinc's, it declares the wrapped layer's dims with their values at
 * construction, so `chain` hands it the labels when the layer's `nO` is unset;
 * `initialize` passes `X` and `Y` on and copies back the dims the layer inferred.
 *
 * @param layer the layer to run on the CPU; its nodes get the CPU ops
 * @returns a model named `"with_cpu(<layer>)"`, with the layer's dims
 * @example A Relu sized from its sample
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { Relu, withCpu } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = withCpu(Relu({ nO: 2 })).initialize({ X: ops.alloc2f(1, 3) });
 * assert.deepEqual(model.predict(ops.alloc2f(4, 3)).shape, [4, 2]);
 * assert.equal(model.getDim("nI"), 3);
 * ```
 */
export function withCpu<In, Out>(layer: Model<In, Out>): Model<In, Out> {
  const cpu = getOps("cpu");
  for (const node of layer.walk()) node.ops = cpu;
  const dims: Record<string, number | null> = {};
  for (const name of layer.dimNames) dims[name] = layer.maybeGetDim(name);
  return new Model<In, Out>(`with_cpu(${layer.name})`, forward, {
    init,
    dims,
    layers: [layer as Model],
    inputType: layer.inputType,
    outputType: layer.outputType,
  });
}

function init<In, Out>(model: Model<In, Out>, X?: In, Y?: Out): void {
  const inner = model.layers[0]!;
  const cpu = inner.ops;
  // A dim set on the wrapper (by chain, or by hand) reaches the layer first.
  for (const name of model.dimNames) {
    const value = model.maybeGetDim(name);
    if (value !== null && inner.hasDim(name) === null) inner.setDim(name, value);
  }
  inner.initialize({ X: transfer(X, model.ops, cpu), Y: transfer(Y, model.ops, cpu) });
  for (const name of model.dimNames) {
    const value = inner.maybeGetDim(name);
    if (value !== null && model.hasDim(name) === null) model.setDim(name, value);
  }
}

function forward<In, Out>(model: Model<In, Out>, X: In, isTrain: boolean) {
  const inner = model.layers[0]!;
  const cpu = inner.ops;
  const [Y, bp] = inner.call(transfer(X, model.ops, cpu), isTrain);
  const backprop = (dY: Out): In =>
    transfer(bp(transfer(dY, model.ops, cpu)), cpu, model.ops) as In;
  return [transfer(Y, cpu, model.ops) as Out, backprop] as const;
}
