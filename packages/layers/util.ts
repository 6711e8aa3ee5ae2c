/**
 * Helpers shared by layers: sample widths for shape inference, dim inference
 * with clear errors, and type-tag checks for combinators.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import { type Floats2d, type FloatsXd, NdArray, Padded, Ragged } from "@weft/types";
import type { Model } from "./model.ts";

/**
 * The feature width of a sample (Thinc's `get_width`): the last axis of an array of
 * rank 2 or more, of a Ragged's or Padded's data, or of a list's first item;
 * `null` when it cannot be told without reading values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray } from "@weft/types";
 * import { getWidth } from "@weft/layers";
 * assert.equal(getWidth([hostArray([2, 5] as const, "float32")]), 5);
 * ```
 */
export function getWidth(X: unknown): number | null {
  if (X instanceof NdArray) return X.ndim >= 2 ? X.shape[X.ndim - 1]! : null;
  if (X instanceof Ragged) return X.dataXd.ndim >= 2 ? X.rowSize : null;
  if (X instanceof Padded) return X.data.shape[2];
  if (Array.isArray(X)) return X.length === 0 ? null : getWidth(X[0]);
  return null;
}

/**
 * Set dim `name` of `model` from a sample's width, or check it against the set value.
 *
 * @throws {RangeError} naming the layer and dim when the sample contradicts the set value
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inferDim, Linear } from "@weft/layers";
 * const model = Linear({ nO: 2, nI: 3 });
 * assert.throws(() => inferDim(model, "nI", 4, "X"), RangeError);
 * ```
 */
export function inferDim(model: Model, name: string, width: number | null, what: string): void {
  if (width === null) return;
  const set = model.maybeGetDim(name);
  if (set === null) model.setDim(name, width);
  else if (set !== width) {
    throw new RangeError(
      `Cannot initialize layer "${model.name}": dimension ${name} is ${set} ` +
        `but the sample ${what} has width ${width}`,
    );
  }
}

function compatible(out: string, inp: string): boolean {
  if (out === "Any" || inp === "Any") return true;
  const outs = out.split("|");
  const ins = inp.split("|");
  return outs.some((o) => ins.includes(o));
}

/**
 * Check that `a`'s output type tag fits `b`'s input type tag (`"Any"` fits all;
 * `|` separates alternatives).
 *
 * @throws {TypeError} naming both layers and their types on a mismatch
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkTypes, Model, Relu } from "@weft/layers";
 * const toRagged = new Model("toragged", (_m, X) => [X, (d) => d], { outputType: "Ragged" });
 * assert.throws(() => checkTypes("chain", toRagged, Relu()), TypeError);
 * ```
 */
export function checkTypes(combinator: string, a: Model, b: Model): void {
  if (!compatible(a.outputType, b.inputType)) {
    throw new TypeError(
      `Cannot ${combinator} "${a.name}" and "${b.name}": "${a.name}" outputs ` +
        `${a.outputType} but "${b.name}" expects ${b.inputType}`,
    );
  }
}

/**
 * Check that a wrapped layer accepts `type` as input.
 *
 * @throws {TypeError} naming the wrapper, the layer and the types
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkInputType, Model } from "@weft/layers";
 * const fromList = new Model("fromlist", (_m, X) => [X, (d) => d], { inputType: "List[Floats2d]" });
 * assert.throws(() => checkInputType("withArray", fromList, "Floats2d"), TypeError);
 * ```
 */
export function checkInputType(wrapper: string, layer: Model, type: string): void {
  if (!compatible(type, layer.inputType)) {
    throw new TypeError(
      `Cannot wrap "${layer.name}" in ${wrapper}: it expects ${layer.inputType} ` +
        `but ${wrapper} passes ${type}`,
    );
  }
}

/**
 * A one-row zero sample of the given width for a layer's input type tag, used for
 * shape inference without data: `Floats2d`, `List[Floats2d]`, `Ragged` or `Padded`
 * (the first that the tag allows); `undefined` for other types.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { standIn } from "@weft/layers";
 * const ops = getOps("cpu");
 * assert.equal(standIn(ops, "Ints1d", 3), undefined);
 * assert.deepEqual((standIn(ops, "List[Floats2d]|Ragged", 3) as { shape: number[] }[])[0]!.shape, [1, 3]);
 * ```
 */
export function standIn(ops: Ops, type: string, width: number): unknown {
  const types = type.split("|");
  const row = () => ops.alloc2f(1, width);
  if (types.includes("Floats2d")) return row();
  if (types.includes("List[Floats2d]")) return [row()];
  if (types.includes("Ragged")) return ops.list2ragged([row()]);
  if (types.includes("Padded")) return ops.list2padded([row()]);
  return undefined;
}

/**
 * Add the product `op(A) · op(B)` to the gradient of param `name`: straight into
 * the existing gradient with an accumulating `ops.gemm` (no temporary, no second
 * pass), or, on first use, as the gradient itself (shaped like the param).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { incGradGemm, Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Linear({ nO: 1, nI: 2 }).initialize();
 * const dY = ops.asarray2f([1, 2], 2, 1);
 * const X = ops.asarray2f([1, 0, 0, 1], 2, 2);
 * incGradGemm(model, "W", dY, X, { transA: true });
 * incGradGemm(model, "W", dY, X, { transA: true });
 * assert.deepEqual([...ops.readSync!(model.getGrad("W"))], [2, 4]);
 * ```
 */
export function incGradGemm(
  model: Model,
  name: string,
  A: Floats2d,
  B: Floats2d,
  options: { transA?: boolean; transB?: boolean } = {},
): void {
  const { ops } = model;
  const grad = model.maybeGetGrad(name);
  if (grad === null) {
    const product = ops.gemm(A, B, options);
    const shape = model.getParam(name).shape;
    model.setGrad(name, shape.length === 2 ? product : ops.reshape(product, shape));
    return;
  }
  const rows = options.transA ? A.shape[1] : A.shape[0];
  const cols = options.transB ? B.shape[0] : B.shape[1];
  const out = grad.ndim === 2
    ? grad as Floats2d
    : ops.reshape<readonly [number, number], "float32">(grad, [rows, cols]);
  ops.gemm(A, B, { ...options, out, accumulate: true });
}

/**
 * Add a temporary the caller alone owns (e.g. a fresh `ops.sumRows` result) to the
 * gradient of param `name`, then give its memory back with `ops.release`; on first
 * use the temporary becomes the gradient (no copy). Neither `value` nor any handle
 * sharing its storage may be used afterwards.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { incGradOwned, Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = Linear({ nO: 2, nI: 1 }).initialize();
 * incGradOwned(model, "b", ops.asarray1f([1, 2]));
 * incGradOwned(model, "b", ops.asarray1f([10, 20]));
 * assert.deepEqual([...ops.readSync!(model.getGrad("b"))], [11, 22]);
 * ```
 */
export function incGradOwned(model: Model, name: string, value: FloatsXd): void {
  const grad = model.maybeGetGrad(name);
  if (grad === null) {
    model.setGrad(name, value);
    return;
  }
  model.ops.addInPlace(grad, value);
  model.ops.release(value);
}
