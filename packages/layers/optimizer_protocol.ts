/**
 * The contract between `Model.finishUpdate` and an optimizer.
 *
 * `finishUpdate(optimizer)` walks the model and, for every parameter that has a
 * gradient, calls `optimizer.update([node.id, name], param, grad)`. The optimizer
 * updates `param` in place (it may keep per-key state such as Adam's moments and
 * weight averages) and may modify `grad`. When `update` returns `true` it has
 * already zeroed `grad` (Adam's fused `ops.adamStep` does) and the model skips its
 * own zeroing pass; otherwise (`false`, or no return value) the model zeroes `grad`
 * afterwards. Averages, when kept, are
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
 *   // Returns nothing: the model zeroes the gradient afterwards.
 *   update(key: ParamKey, _param: FloatsXd, _grad: FloatsXd) { seen.push(key); },
 * };
 * assert.equal(seen.length, 0);
 * assert.equal(typeof sgd.update, "function");
 * ```
 */
export interface OptimizerProtocol {
  /**
   * Apply one update to `param` in place, using `grad` (which it may modify). Return
   * `true` only when `grad` is all zeros afterwards (the optimizer cleared it, so
   * `finishUpdate` need not); return `false` or nothing and the model zeroes it.
   */
  update(key: ParamKey, param: FloatsXd, grad: FloatsXd): boolean | void;
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
