// The id layers (intsColumn, remapIds) run on the backend, so they give the CPU's
// results on WebGPU, which has no synchronous reads.
import assert from "node:assert/strict";
import { getOps, type Ops, useOps } from "@weft/ops";
import type { Ints2d } from "@weft/types";
import { intsColumn, remapIds } from "./mod.ts";

const hasAdapter = await (async () => {
  try {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
})();

async function run(ops: Ops): Promise<number[][]> {
  const X: Ints2d = ops.asarray2i([4294967295, 5, 16777217, 20, 7, 10], 3, 2, "uint32");
  return await useOps(ops, async () => {
    const table = { 10: 1, 20: 2, 4294967295: 3, 16777217: 4 };
    const column = intsColumn(0).predict(X);
    const remapped = remapIds({ mappingTable: table, default: -1, column: 1 }).predict(X);
    const first = remapIds({ mappingTable: table, default: 0 }).predict(column);
    return [[...await ops.read(column)], [...await ops.read(remapped)], [
      ...await ops.read(first),
    ]];
  });
}

Deno.test("intsColumn() and remapIds() give hand-checked ids on cpu", async () => {
  assert.deepEqual(await run(getOps("cpu")), [[4294967295, 16777217, 7], [-1, 2, 1], [3, 4, 0]]);
});

Deno.test({
  name: "intsColumn() and remapIds() match cpu on webgpu [webgpu]",
  ignore: !hasAdapter,
  fn: async () => {
    const gpu = await getOps("webgpu");
    assert.deepEqual(await run(gpu), await run(getOps("cpu")));
    (gpu as { destroy?: () => void }).destroy?.();
  },
});
