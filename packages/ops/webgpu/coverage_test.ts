// Every op of the CPU backend (the reference) is called by the WebGPU parity suite
// and implemented by WebGpuOps, so a new op without a GPU kernel or a [webgpu] test fails here.
import assert from "node:assert/strict";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { WebGpuOps } from "./webgpu_ops.ts";

// `ready`/`dispose` manage the CPU backend's optional gemm worker thread.
const HOST_ONLY = new Set(["constructor", "readSync", "ready", "dispose"]);

function methods(proto: object): string[] {
  const names = new Set<string>();
  for (let p = proto; p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) names.add(name);
  }
  return [...names].filter((n) => !HOST_ONLY.has(n));
}

Deno.test("every CpuOps op has a WebGpuOps method and a [webgpu] parity test", async () => {
  const dir = new URL(".", import.meta.url);
  const sources: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.endsWith("_test.ts") || entry.name === "parity.ts") {
      sources.push(await Deno.readTextFile(new URL(entry.name, dir)));
    }
  }
  const gpu = new Set(methods(WebGpuOps.prototype));
  const missingKernel = methods(CpuOps.prototype).filter((op) => !gpu.has(op));
  const untested = methods(CpuOps.prototype).filter((op) =>
    !sources.some((src) => src.includes(`.${op}(`) || src.includes(`.${op}!(`))
  );
  assert.deepEqual(missingKernel, [], "ops without a WebGPU implementation");
  assert.deepEqual(untested, [], "ops without a parity test");
});
