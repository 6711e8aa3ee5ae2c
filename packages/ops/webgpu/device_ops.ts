/**
 * The WebGPU backend's methods beyond `Ops`: device-side `which` for maxout and
 * reduceMax, explicit flushing, and releasing the device.
 *
 * @module
 */
import type { Floats2d, Floats3d, Ints2d } from "@weft/types";
import * as rows from "./rows.ts";
import type { GpuRuntime } from "./runtime.ts";
import * as seq from "./sequences.ts";

/** `maxoutDevice`'s result: the maxima and, on the device, the winning pieces. */
export interface MaxoutDeviceResult {
  /** `[N, nO]` maxima. */
  best: Floats2d;
  /** `[N, nO]` int32 piece index of each maximum, device memory. */
  which: Ints2d;
}

/** `reduceMaxDevice`'s result: the maxima and, on the device, their rows. */
export interface ReduceMaxDeviceResult {
  /** `[B, N]` maxima per sequence (zeros for empty sequences). */
  Y: Floats2d;
  /** `[B, N]` int32 row offset of each maximum within its sequence (-1 when empty). */
  which: Ints2d;
}

/**
 * Base of `WebGpuOps`: the runtime and the device-only methods.
 *
 * @example Maxout keeping `which` on the device
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   const X = ops.asarray([1, 5, 7, 2], [2, 1, 2] as const, "float32");
 *   const { best, which } = ops.maxoutDevice(X);
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

  /** `maxout` with `which` as a device `Ints2d` (the proposed interface). */
  maxoutDevice(X: Floats3d): MaxoutDeviceResult {
    return rows.maxoutDevice(this.rt, X);
  }

  /** `backpropMaxout` taking the device `which` of `maxoutDevice`. */
  backpropMaxoutDevice(dBest: Floats2d, which: Ints2d, nP: number): Floats3d {
    return rows.backpropMaxoutDevice(this.rt, dBest, which, nP);
  }

  /** `reduceMax` with `which` as a device `Ints2d` (the proposed interface). */
  reduceMaxDevice(X: Floats2d, lengths: Int32Array): ReduceMaxDeviceResult {
    const { Y, which } = seq.reduceSeq(this.rt, "reduceMax", X, lengths, seq.REDUCE.max);
    return { Y, which: which! };
  }

  /** `backpropReduceMax` taking the device `which` of `reduceMaxDevice`. */
  backpropReduceMaxDevice(dY: Floats2d, which: Ints2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceMax", dY, lengths, seq.REDUCE.max, which);
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
