/**
 * Test helpers that run one test on the CPU and the WebGPU backends.
 *
 * Where no WebGPU adapter exists the `[webgpu]` tests are ignored, except where the
 * environment variable `CI` is set: there they fail, so that a CI machine that lost
 * its (software) adapter cannot pass by skipping the whole GPU suite.
 *
 * @module
 */
import type { Ops } from "../ops.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { WebGpuOps } from "./webgpu_ops.ts";
import { requestGpuDevice } from "./device.ts";
import { GpuRuntime } from "./runtime.ts";

const adapterFound: boolean = await (async () => {
  try {
    const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
})();

function inCi(): boolean {
  try {
    return (Deno.env.get("CI") ?? "") !== "";
  } catch {
    return false;
  }
}

let shared: Promise<WebGpuOps> | undefined;

/**
 * The WebGPU backend shared by the tests of one module (one device per module). Its
 * runtime checks every dispatch's bindings against WebGPU's aliasing rules
 * (`checkBindings`), so the suite proves that no kernel binds a buffer in a way that
 * browsers reject.
 *
 * @throws {Error} when no adapter exists
 */
export function webGpuOps(): Promise<WebGpuOps> {
  shared ??= requestGpuDevice().then((device) =>
    new WebGpuOps(new GpuRuntime(device, { checkBindings: true }))
  );
  return shared;
}

/**
 * What a `[webgpu]` test does: run where an adapter exists; without one, fail where
 * `CI` is set (a CI machine must not pass by skipping the GPU suite), else be ignored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gpuTestMode } from "./test_backends.ts";
 * assert.equal(gpuTestMode(true, false), "run");
 * assert.equal(gpuTestMode(false, true), "fail");
 * assert.equal(gpuTestMode(false, false), "ignore");
 * ```
 */
export function gpuTestMode(adapter: boolean, ci: boolean): "run" | "fail" | "ignore" {
  return adapter ? "run" : ci ? "fail" : "ignore";
}

const mode = gpuTestMode(adapterFound, inCi());

/** Whether `[webgpu]` tests are registered as runnable here (to run, or to fail). */
export const runGpuTests: boolean = mode !== "ignore";

/**
 * Register `${name} [webgpu]`, given the shared WebGPU backend.
 *
 * @param name what the test checks
 * @param fn the test body
 */
export function testWebGpu(name: string, fn: (ops: WebGpuOps) => void | Promise<void>): void {
  Deno.test({
    name: `${name} [webgpu]`,
    ignore: !runGpuTests,
    // Device buffers and mapping promises outlive single tests by design.
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      if (!adapterFound) {
        throw new Error(
          "CI is set but no WebGPU adapter exists: the [webgpu] suite must not be skipped",
        );
      }
      await fn(await webGpuOps());
    },
  });
}

/**
 * Register one test per backend: `${name} [cpu]` and `${name} [webgpu]`.
 *
 * @param name what the test checks
 * @param fn the test body, given the backend under test
 * @example In a test module (registering tests, so not run as a doc test)
 * ```ts ignore
 * import { testBackends } from "./test_backends.ts";
 * import assert from "node:assert/strict";
 * testBackends("relu() zeroes negatives", async (ops) => {
 *   const y = ops.relu(ops.asarray1f([-1, 2]));
 *   assert.deepEqual([...await ops.read(y)], [0, 2]);
 * });
 * ```
 */
export function testBackends(name: string, fn: (ops: Ops) => void | Promise<void>): void {
  Deno.test(`${name} [cpu]`, () => fn(new CpuOps()));
  testWebGpu(name, fn);
}
