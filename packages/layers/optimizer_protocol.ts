/**
 * The contract between `Model.finishUpdate` and an optimizer.
 *
 * `finishUpdate(optimizer)` walks the model and, for every parameter that has a
 * gradient, calls `optimizer.update([node.id, name], param, grad)`. The optimizer
 * updates `param` in place (it may keep per-key state such as Adam's moments and
 * weight averages); the model zeroes `grad` afterwards. Averages, when kept, are
 * exposed under {@linkcode paramKeyString} keys so `model.useParams(optimizer.averages, fn)`
 * can swap them in.
 *
 * @module
 */
import type { FloatsXd } from "@weft/types";

/** Identifies one parameter of one model node: `[model.id, paramName]`, as Thinc's `(id, name)`. */
export type ParamKey = readonly [modelId: number, paramName: string];

/**
 * What `Model.finishUpdate` needs of an optimizer.
 *
 * @example A plain SGD step satisfies the protocol
 * ```ts
 * import assert from "node:assert/strict";
 * import type { OptimizerProtocol, ParamKey } from "@weft/layers";
 * import type { FloatsXd } from "@weft/types";
 * const seen: ParamKey[] = [];
 * const sgd: OptimizerProtocol = {
 *   update(key: ParamKey, _param: FloatsXd, _grad: FloatsXd) { seen.push(key); },
 * };
 * assert.equal(seen.length, 0);
 * assert.equal(typeof sgd.update, "function");
 * ```
 */
export interface OptimizerProtocol {
  /**
   * Apply one update to `param` in place, using `grad` (read, not cleared: the model
   * zeroes it afterwards).
   */
  update(key: ParamKey, param: FloatsXd, grad: FloatsXd): void;
  /** Averaged weights keyed by {@linkcode paramKeyString}, if the optimizer keeps them. */
  readonly averages?: ReadonlyMap<string, FloatsXd> | undefined;
}

/**
 * The string form of a parameter key, for use as a `Map` key: `"12:W"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paramKeyString } from "@weft/layers";
 * assert.equal(paramKeyString([12, "W"]), "12:W");
 * ```
 */
export function paramKeyString(key: ParamKey): string {
  return `${key[0]}:${key[1]}`;
}
