import { Model } from "./model.ts";

/**
 * The identity, holding any layers given to it (`noop.v1`): `Y = X`.
 *
 * @param layers layers to keep as children (not applied)
 * @returns a model named `"noop"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { noop } from "@weft/layers";
 * assert.deepEqual(noop<number[]>().predict([1, 2]), [1, 2]);
 * ```
 */
export function noop<T = unknown>(...layers: Model[]): Model<T, T> {
  return new Model<T, T>("noop", (_model, X) => [X, (dY: T) => dY] as const, { layers });
}
