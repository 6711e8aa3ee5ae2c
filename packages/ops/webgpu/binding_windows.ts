/**
 * The binding geometry of a device: how large a storage binding may be, where a
 * view's binding window starts (the aligned offset at or before it), and how many
 * workgroups one dispatch dimension takes, under optional lower limits for tests.
 *
 * @module
 */
import { SLOT } from "./gpu_batch.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuLimitOverrides } from "./runtime_options.ts";
import type { GpuStorage } from "./storage.ts";

/** A device's binding sizes, as `GpuRuntime` exposes them. */
export interface BindingLimits {
  /** Byte alignment of a binding's offset (`minStorageBufferOffsetAlignment`). */
  align: number;
  /** Bytes one storage binding may see: a multiple of `align`. */
  maxBinding: number;
  /** Workgroups per dispatch dimension. */
  maxGroups: number;
}

/**
 * The binding limits of a device, lowered by `overrides`.
 *
 * @throws {RangeError} when a binding would hold less than two alignment units
 */
export function bindingLimits(
  dl: GPUSupportedLimits,
  overrides: GpuLimitOverrides,
): BindingLimits {
  const align = Math.max(SLOT, dl.minStorageBufferOffsetAlignment);
  const binding = Math.min(
    dl.maxStorageBufferBindingSize,
    overrides.maxStorageBufferBindingSize ?? Infinity,
  );
  const maxBinding = Math.floor(binding / align) * align;
  if (maxBinding < 2 * align) {
    throw new RangeError(`maxStorageBufferBindingSize of ${binding} bytes is too small`);
  }
  const maxGroups = Math.max(
    1,
    Math.min(
      dl.maxComputeWorkgroupsPerDimension,
      overrides.maxComputeWorkgroupsPerDimension ?? Infinity,
    ),
  );
  return { align, maxBinding, maxGroups };
}

/**
 * Byte offset at which `st`'s binding starts: the aligned offset at or before it
 * (never past the last aligned start, so an empty view at the end still binds).
 */
export function bindingBase(st: GpuStorage, align: number): number {
  const base = Math.floor((st.offset * 4) / align) * align;
  return Math.min(base, Math.floor((st.block.bytes - 4) / align) * align);
}

/**
 * The binding range of `st`: from its aligned base to its end (at least 4 bytes).
 *
 * @throws {RangeError} when that range exceeds `maxBinding`
 */
export function bindingWindow(
  spec: KernelSpec,
  st: GpuStorage,
  align: number,
  maxBinding: number,
): GPUBufferBinding {
  const offset = bindingBase(st, align);
  const size = Math.max(4, (st.offset + st.length) * 4 - offset);
  if (size > maxBinding) {
    throw new RangeError(
      `Kernel ${spec.name}: an array of ${st.length} elements exceeds one storage ` +
        `binding (${maxBinding} bytes) and this kernel does not split its work`,
    );
  }
  return { buffer: st.block.buffer, offset, size };
}
