/**
 * Finding a WebGPU device, with one clear error where there is none.
 *
 * @module
 */

/** Options for `requestGpuDevice` and `createWebGpuOps`. */
export interface WebGpuOptions {
  /** Use this device instead of requesting one. */
  device?: GPUDevice | undefined;
  /** Passed to `requestAdapter`. */
  powerPreference?: GPUPowerPreference | undefined;
  /**
   * The WebGPU entry point; `navigator.gpu` by default, `null` to act as a runtime
   * without WebGPU (for tests of the error paths).
   */
  gpu?: GPU | null | undefined;
}

/**
 * Request an adapter and a device with the adapter's largest storage limits.
 *
 * @throws {Error} saying why when WebGPU or an adapter is unavailable
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { requestGpuDevice } from "./device.ts";
 * try {
 *   const device = await requestGpuDevice();
 *   assert.ok(device.limits.maxStorageBufferBindingSize > 0);
 *   device.destroy();
 * } catch (error) {
 *   assert.match(String(error), /WebGPU/);
 * }
 * ```
 */
export async function requestGpuDevice(options: WebGpuOptions = {}): Promise<GPUDevice> {
  if (options.device !== undefined) return options.device;
  const gpu = options.gpu === undefined
    ? (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu
    : options.gpu;
  if (gpu === undefined || gpu === null) {
    throw new Error(
      'Cannot create the "webgpu" backend: navigator.gpu is missing in this runtime ' +
        '(use getOps("cpu"), or getOps("auto") to fall back)',
    );
  }
  const adapter = await gpu.requestAdapter(
    options.powerPreference === undefined ? {} : { powerPreference: options.powerPreference },
  );
  if (adapter === null) {
    throw new Error(
      'Cannot create the "webgpu" backend: no WebGPU adapter is available ' +
        '(use getOps("cpu"), or getOps("auto") to fall back)',
    );
  }
  const { limits } = adapter;
  return await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      minStorageBufferOffsetAlignment: limits.minStorageBufferOffsetAlignment,
    },
  });
}
