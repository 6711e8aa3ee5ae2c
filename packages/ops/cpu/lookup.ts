/**
 * Table lookups of integer ids on the host (`Ops.lookupIds`).
 *
 * @module
 */
import { hostArray, hostData, type NdArray, type Shape } from "@weft/types";
import { checkLookupTable } from "../lookup_table.ts";

/** Map each id through sorted `keys` to `values`, `fallback` where absent (binary search). */
export function lookupIdsH<S extends Shape>(
  ids: NdArray<S, "int32" | "uint32">,
  keys: NdArray<readonly [number], "int32" | "uint32">,
  values: NdArray<readonly [number], "int32" | "uint32">,
  fallback: number,
): NdArray<S, "int32"> {
  checkLookupTable(keys, values, fallback);
  const x = hostData(ids);
  const k = hostData(keys);
  const v = hostData(values);
  const out = hostArray(ids.shape, "int32");
  const y = hostData(out);
  const nk = k.length;
  for (let i = 0; i < x.length; i++) {
    // Ids and keys compare as unsigned 32-bit values, whatever their dtype.
    const id = x[i]! >>> 0;
    let lo = 0;
    let hi = nk;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid]! >>> 0 < id) lo = mid + 1;
      else hi = mid;
    }
    y[i] = lo < nk && k[lo]! >>> 0 === id ? v[lo]! : fallback;
  }
  return out;
}
