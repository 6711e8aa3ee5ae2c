import type { Ints1d, Ints2d } from "@weft/types";
import { Model } from "./model.ts";

/** Options of `remapIds`. */
export interface RemapIdsOptions {
  /** Map from input id to output id (the `mapping_table` attribute). */
  mappingTable?: Readonly<Record<string, number>> | ReadonlyMap<number, number> | undefined;
  /** Output id of ids missing from the table; 0 by default. */
  default?: number | undefined;
  /** For `Ints2d` input, the column to map (v2). */
  column?: number | null | undefined;
}

/**
 * Map ids through a table, usually before an embedding (`remap_ids.v1`, `remap_ids.v2`):
 * `Y[i, 0] = table[X[i]] ?? default`. The output is `Ints2d [N, 1]`; the input gets no gradient.
 *
 * The lookup runs on the host (`ops.readSync`); `Ops` has no table-lookup kernel yet.
 *
 * @param options `mappingTable`, `default`, `column`
 * @returns an `Ints1d | Ints2d -> Ints2d` model named `"remap_ids"`
 * @throws {TypeError} at run time when the backend cannot read synchronously
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { remapIds } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = remapIds({ mappingTable: { 10: 1, 20: 2 }, default: 0 });
 * assert.deepEqual([...ops.readSync!(model.predict(ops.asarray1i([20, 10, 30])))], [2, 1, 0]);
 * ```
 */
export function remapIds(options: RemapIdsOptions = {}): Model<Ints1d | Ints2d, Ints2d> {
  const table: Record<string, number> = {};
  const given = options.mappingTable ?? {};
  const entries = given instanceof Map ? [...given.entries()] : Object.entries(given);
  for (const [k, v] of entries) table[String(k)] = v;
  return new Model("remap_ids", forward, {
    attrs: { mapping_table: table, default: options.default ?? 0, column: options.column ?? null },
    inputType: "Ints1d|Ints2d",
    outputType: "Ints2d",
  });
}

function forward(model: Model<Ints1d | Ints2d, Ints2d>, X: Ints1d | Ints2d, _isTrain: boolean) {
  const { ops } = model;
  if (ops.readSync === undefined) {
    throw new TypeError(`Layer "${model.name}" needs a backend with synchronous reads`);
  }
  const table = model.getAttr<Record<string, number>>("mapping_table");
  const fallback = model.getAttr<number>("default");
  const column = model.getAttr<number | null>("column");
  const data = ops.readSync(X);
  const N = X.shape[0]!;
  const K = X.shape.length === 2 ? X.shape[1]! : 1;
  const c = column ?? 0;
  const out = new Int32Array(N);
  for (let i = 0; i < N; i++) out[i] = table[String(data[i * K + c])] ?? fallback;
  return [ops.asarray2i(out, N, 1), (_dY: Ints2d) => X] as const;
}
