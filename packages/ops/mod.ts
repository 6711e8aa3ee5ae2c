/**
 * `@weft/ops`: the `Ops` interface that every backend implements, the CPU backend
 * (`CpuOps`) and backend selection (`getOps`, `getCurrentOps`, `useOps`).
 *
 * @example Running a layer's worth of math on the current backend
 * ```ts
 * import assert from "node:assert/strict";
 * import { getCurrentOps } from "@weft/ops";
 * const ops = getCurrentOps();
 * const X = ops.asarray2f([1, -2], 1, 2);
 * const W = ops.asarray2f([1, 0, 0, 1], 2, 2);
 * const Y = ops.relu(ops.affine(X, W, ops.asarray1f([0, 3])));
 * assert.deepEqual([...(await ops.read(Y))], [1, 1]);
 * ```
 *
 * @module
 */
export type * from "./ops.ts";
export { CpuOps, type CpuOpsOptions } from "./cpu/cpu_ops.ts";
export { CpuArrayOps } from "./cpu/cpu_array_ops.ts";
export { adamStepComposed } from "./adam_step.ts";
export type { GemmKernelName } from "./cpu/wasm/kernels.ts";
export { getCurrentOps, getOps, type OpsName, useOps } from "./get_ops.ts";
export { sortedLookupTable } from "./lookup_table.ts";
export { ngramHashes } from "./host_features.ts";
// The array types the interface speaks in, so that its documentation is complete.
export type {
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Floats4d,
  FloatsXd,
  HostArray,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
  Shape1d,
  Shape2d,
  Shape3d,
  Shape4d,
  Storage,
} from "@weft/types";
