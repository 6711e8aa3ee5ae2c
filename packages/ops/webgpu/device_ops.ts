/**
 * The WebGPU backend's methods beyond `Ops`: explicit flushing and releasing the
 * device.
 *
 * @module
 */
import type { GpuRuntime } from "./runtime.ts";

/**
 * Base of `WebGpuOps`: the runtime, flushing and releasing the device.
 *
 * @example Maxout with `which` on the device
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   const X = ops.asarray([1, 5, 7, 2], [2, 1, 2] as const, "float32");
 *   const { best, which } = ops.maxout(X);
 *   assert.deepEqual([...await ops.read(best)], [5, 7]);
 *   assert.deepEqual([...await ops.read(which)], [1, 0]);
 *   ops.destroy();
 * }
 * ```
 */
export class DeviceOps {
  /** The runtime: device, pool, pipelines and pending work. */
  readonly rt: GpuRuntime;

  /**
   * Wrap a runtime.
   *
   * @param rt the runtime owning the device
   */
  constructor(rt: GpuRuntime) {
    this.rt = rt;
  }

  /** Submit the recorded work now, without waiting for it. */
  flush(): void {
    this.rt.flush();
  }

  /** Release the device; the backend is unusable afterwards. */
  destroy(): void {
    this.rt.destroy();
  }
}
