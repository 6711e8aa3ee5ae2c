/**
 * The WebGPU backend of `@weft/ops`: `createWebGpuOps()` (what `getOps("webgpu")`
 * loads), the `testBackends` helper that runs a test on the CPU and on WebGPU, and
 * the op benchmark records.
 *
 * @example Create the backend where an adapter exists
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./mod.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   assert.deepEqual([...await ops.read(ops.relu(ops.asarray1f([-1, 2])))], [0, 2]);
 *   ops.destroy();
 * }
 * ```
 *
 * @module
 */
export { createWebGpuOps, WebGpuOps } from "./webgpu_ops.ts";
export type { WebGpuOptions } from "./device.ts";
export { DeviceOps } from "./device_ops.ts";
export { ArrayOps } from "./array_ops.ts";
export { SequenceOps } from "./sequence_ops.ts";
export {
  type Binding,
  GpuBatch,
  type GpuLimitOverrides,
  GpuRuntime,
  type GpuRuntimeOptions,
} from "./runtime.ts";
export type { KernelSpec } from "./kernel.ts";
export { BufferPool } from "./pool.ts";
export { type GpuBlock, GpuStorage } from "./storage.ts";
export { gpuTestMode, runGpuTests, testBackends, testWebGpu, webGpuOps } from "./test_backends.ts";
export { type BenchOptions, benchWebGpuOps, type OpsBenchRecord } from "./bench_webgpu.ts";
// The types the public signatures speak in, so that the documentation is complete.
export type * from "../ops.ts";
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
