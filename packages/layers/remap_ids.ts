import { type Ops, sortedLookupTable } from "@weft/ops";
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
 * The lookup runs on the backend (`ops.lookupIds`), with the table uploaded once per
 * backend. Keys that are not 32-bit integers can never match an id and are left out.
 *
 * @param options `mappingTable`, `default`, `column`
 * @returns an `Ints1d | Ints2d -> Ints2d` model named `"remap_ids"`
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

interface UploadedTable {
  ops: Ops;
  keys: Ints1d;
  values: Ints1d;
}

// Keyed by the mapping table object, so a replaced table is uploaded again.
const uploaded = new WeakMap<object, UploadedTable>();

function upload(ops: Ops, table: Record<string, number>): UploadedTable {
  const cached = uploaded.get(table);
  if (cached !== undefined && cached.ops === ops) return cached;
  const entries: [number, number][] = [];
  for (const [k, v] of Object.entries(table)) {
    const id = Number(k);
    if (Number.isInteger(id) && id >= -0x80000000 && id <= 0xffffffff) entries.push([id, v]);
  }
  const { keys, values } = sortedLookupTable(entries);
  const result = { ops, keys: ops.asarray1i(keys, "uint32"), values: ops.asarray1i(values) };
  uploaded.set(table, result);
  return result;
}

function forward(model: Model<Ints1d | Ints2d, Ints2d>, X: Ints1d | Ints2d, _isTrain: boolean) {
  const { ops } = model;
  const { keys, values } = upload(ops, model.getAttr<Record<string, number>>("mapping_table"));
  const fallback = model.getAttr<number>("default");
  const column = model.getAttr<number | null>("column") ?? 0;
  const N = X.shape[0]!;
  let ids = X as Ints1d;
  if (X.shape.length === 2) {
    const K = X.shape[1]!;
    if (!(column >= 0 && column < K)) {
      throw new RangeError(`Layer "${model.name}": column ${column} is outside [0, ${K})`);
    }
    ids = ops.reshape(ops.sliceColumns(X as Ints2d, column, column + 1), [N] as const);
  }
  const Y: Ints2d = ops.reshape(ops.lookupIds(ids, keys, values, fallback), [N, 1] as const);
  return [Y, (_dY: Ints2d) => X] as const;
}
