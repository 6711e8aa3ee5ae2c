/**
 * Choosing a backend: `getOps(name)`, and the current default that new models use
 * (`getCurrentOps`, `useOps`), as Thinc's `get_ops`, `get_current_ops` and `use_ops`.
 *
 * @module
 */
import { CpuOps } from "./cpu/cpu_ops.ts";
import type { Ops } from "./ops.ts";

/** The names `getOps` accepts. */
export type OpsName = "cpu" | "webgpu" | "auto";

let current: Ops = new CpuOps();

async function createWebGpu(): Promise<Ops> {
  // Loaded on demand: CPU-only programs never load the WebGPU backend.
  const { createWebGpuOps } = await import("./webgpu/webgpu_ops.ts");
  return await createWebGpuOps();
}

interface GpuLike {
  requestAdapter(): Promise<
    { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null
  >;
}

async function hasHardwareAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return false;
    return !(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false);
  } catch {
    return false;
  }
}

/**
 * Get a backend by name: `"cpu"` synchronously; `"webgpu"` (fails with a clear
 * error where no adapter exists) and `"auto"` (WebGPU on a hardware adapter, else
 * the CPU) asynchronously.
 *
 * @param name the backend to create
 * @returns a new backend, or a promise of one
 * @throws {RangeError} for an unknown name
 * @example Getting the CPU backend
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * const ops = getOps("cpu");
 * assert.equal(ops.name, "cpu");
 * ```
 */
export function getOps(name: "cpu"): Ops;
/**
 * Get a device backend, loaded on demand.
 *
 * @param name `"webgpu"`, or `"auto"` for WebGPU where a hardware adapter exists
 * @returns a promise of the backend
 */
export function getOps(name: "webgpu" | "auto"): Promise<Ops>;
export function getOps(name: OpsName): Ops | Promise<Ops> {
  switch (name) {
    case "cpu":
      return new CpuOps();
    case "webgpu":
      return createWebGpu();
    case "auto":
      return (async () => {
        if (!(await hasHardwareAdapter())) return new CpuOps();
        try {
          return await createWebGpu();
        } catch {
          return new CpuOps();
        }
      })();
    default:
      throw new RangeError(
        `Unknown ops backend "${String(name)}" (known: "cpu", "webgpu", "auto")`,
      );
  }
}

/**
 * The backend that new models use by default (a CPU backend until `useOps` changes it).
 *
 * @returns the current backend
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getCurrentOps } from "@weft/ops";
 * assert.equal(getCurrentOps().name, "cpu");
 * ```
 */
export function getCurrentOps(): Ops {
  return current;
}

/**
 * Make `ops` the current backend. With `fn`, only while `fn` runs (restored after,
 * even if it throws; `fn` should be synchronous); without, until changed again.
 *
 * @param ops the backend to use
 * @param fn optional work to run with `ops` current
 * @returns the previous backend when called without `fn`, else what `fn` returns
 * @example Switching backends for a block of work
 * ```ts
 * import assert from "node:assert/strict";
 * import { CpuOps, getCurrentOps, useOps } from "@weft/ops";
 * const mine = new CpuOps();
 * const seen = useOps(mine, () => getCurrentOps());
 * assert.equal(seen, mine);
 * assert.notEqual(getCurrentOps(), mine);
 * ```
 */
export function useOps(ops: Ops): Ops;
/**
 * Run `fn` with `ops` as the current backend, then restore the previous one.
 *
 * @param ops the backend to use
 * @param fn synchronous work to run
 * @returns what `fn` returns
 */
export function useOps<T>(ops: Ops, fn: () => T): T;
export function useOps<T>(ops: Ops, fn?: () => T): Ops | T {
  const previous = current;
  current = ops;
  if (fn === undefined) return previous;
  try {
    return fn();
  } finally {
    current = previous;
  }
}
