/**
 * Options of the WebGPU runtime: limits lowered for tests of the splitting, and the
 * binding check.
 *
 * @module
 */

/**
 * Limits the runtime keeps below the device's own: a test-only way to exercise the
 * splitting of large arrays and dispatches on a device with generous limits.
 */
export interface GpuLimitOverrides {
  /** Bytes one storage binding may see (at most the device's limit). */
  maxStorageBufferBindingSize?: number | undefined;
  /** Workgroups per dispatch dimension (at most the device's limit). */
  maxComputeWorkgroupsPerDimension?: number | undefined;
}

/** Options of a `GpuRuntime`: lower limits, and checks for tests. */
export interface GpuRuntimeOptions extends GpuLimitOverrides {
  /**
   * Validate every dispatch's bindings against WebGPU's rules on binding one buffer
   * more than once (which Deno's wgpu does not enforce but browsers do) and throw
   * on a violation: a test mode that proves no kernel aliases a writable binding.
   * Off by default, or on where the environment variable
   * `WEFT_WEBGPU_CHECK_BINDINGS` is `1` (and readable).
   */
  checkBindings?: boolean | undefined;
}

/**
 * Whether the environment asks for `checkBindings` by default:
 * `WEFT_WEBGPU_CHECK_BINDINGS=1`, read only where that needs no permission prompt
 * (false in a browser).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkBindingsFromEnv } from "./runtime_options.ts";
 * assert.equal(typeof checkBindingsFromEnv(), "boolean");
 * ```
 */
export function checkBindingsFromEnv(): boolean {
  try {
    const variable = "WEFT_WEBGPU_CHECK_BINDINGS";
    if (Deno.permissions.querySync({ name: "env", variable }).state !== "granted") return false;
    return (Deno.env.get(variable) ?? "") === "1";
  } catch {
    return false;
  }
}
