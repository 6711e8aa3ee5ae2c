/**
 * Compiling a kernel into a compute pipeline, within what every WebGPU device
 * allows.
 *
 * @module
 */
import { kernelSource, type KernelSpec } from "./kernel.ts";

/** Storage buffers per shader stage that every WebGPU device supports. */
const PORTABLE_STORAGE_BUFFERS = 8;

/**
 * Compile a kernel's shader and compute pipeline (entry point `main`, layout
 * inferred).
 *
 * @param device the device
 * @param spec the kernel
 * @returns the pipeline
 * @throws {RangeError} when the kernel binds more storage buffers than are portable
 */
export function compileKernel(device: GPUDevice, spec: KernelSpec): GPUComputePipeline {
  // Kernels stay within what every WebGPU device allows, so that one that would
  // not run everywhere fails the test suite on any adapter.
  const storage = spec.buffers.length + (spec.host?.length ?? 0);
  const limit = Math.min(PORTABLE_STORAGE_BUFFERS, device.limits.maxStorageBuffersPerShaderStage);
  if (storage > limit) {
    throw new RangeError(
      `Kernel ${spec.name} binds ${storage} storage buffers; at most ${limit} are portable`,
    );
  }
  const module = device.createShaderModule({ code: kernelSource(spec), label: spec.name });
  return device.createComputePipeline({
    layout: "auto",
    compute: { module, entryPoint: "main" },
    label: spec.name,
  });
}
