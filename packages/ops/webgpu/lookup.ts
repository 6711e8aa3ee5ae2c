/**
 * Table lookups of integer ids on the GPU (`Ops.lookupIds`): a binary search per id
 * over sorted keys uploaded once.
 *
 * @module
 */
import type { NdArray, Shape } from "@weft/types";
import { checkLookupTable } from "../lookup_table.ts";
import { empty, gpu } from "./arrays.ts";
import { fill } from "./elementwise.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";

const LOOKUP: KernelSpec = {
  name: "lookup_ids",
  params: ["n:u32", "nk:u32", "ox:u32", "ok:u32", "ov:u32", "oy:u32", "fb:u32"],
  buffers: ["x:array<u32>", "k:array<u32>", "v:array<u32>", "y:array<u32>"],
  body: "if (i >= P.n) { return; } let id = x[P.ox + i]; var lo = 0u; var hi = P.nk;" +
    " loop { if (lo >= hi) { break; } let mid = (lo + hi) / 2u;" +
    " if (k[P.ok + mid] < id) { lo = mid + 1u; } else { hi = mid; } }" +
    " var r = P.fb; if (lo < P.nk) { if (k[P.ok + lo] == id) { r = v[P.ov + lo]; } }" +
    " y[P.oy + i] = r;",
};

/** Map each id through sorted `keys` to `values`, `fallback` where absent. */
export function lookupIds<S extends Shape>(
  rt: GpuRuntime,
  ids: NdArray<S, "int32" | "uint32">,
  keys: NdArray<readonly [number], "int32" | "uint32">,
  values: NdArray<readonly [number], "int32" | "uint32">,
  fallback: number,
): NdArray<S, "int32"> {
  checkLookupTable(keys, values, fallback);
  const out = empty(rt, ids.shape, "int32");
  if (keys.size === 0 || ids.size === 0) {
    fill(rt, out, fallback);
    return out;
  }
  const x = gpu(ids, "lookupIds"), k = gpu(keys, "lookupIds"), v = gpu(values, "lookupIds");
  const y = gpu(out, "lookupIds");
  // Pieces of the ids; the (sorted) table is bound whole.
  rt.split("lookupIds", ids.size, 1, (a, b) => {
    const xv = x.view(a, b), yv = y.view(a, b);
    rt.dispatch1d(
      LOOKUP,
      b - a,
      [b - a, keys.size, rt.at(xv), rt.at(k), rt.at(v), rt.at(yv), fallback >>> 0],
      [xv, k, v, yv],
    );
  });
  return out;
}
