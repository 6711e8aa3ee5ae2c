import { chain } from "./chain.ts";
import type { Model } from "./model.ts";
import { noop } from "./noop.ts";

/**
 * Chain `n` copies of a layer (`clone.v1`): the first is `orig` itself, the others
 * are deep copies with their own weights. `n = 0` gives `noop()`.
 *
 * @param orig the layer to repeat
 * @param n how many times
 * @returns `chain(orig, copy, ...)`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clone, Relu } from "@weft/layers";
 * const model = clone(Relu({ nO: 4, nI: 4 }), 3);
 * assert.equal(model.name, "relu>>relu>>relu");
 * assert.notEqual(model.layers[0]!.id, model.layers[1]!.id);
 * ```
 */
export function clone<In = unknown, Out = unknown>(
  orig: Model<In, Out>,
  n: number,
): Model<In, Out> {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`clone() needs a non-negative integer count, got ${n}`);
  }
  if (n === 0) return noop() as Model<In, Out>;
  const layers: Model[] = [orig as Model];
  for (let i = 1; i < n; i++) layers.push(orig.copy() as Model);
  return chain(...(layers as [Model, ...Model[]])) as Model<In, Out>;
}
