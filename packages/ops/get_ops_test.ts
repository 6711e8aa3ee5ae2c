import assert from "node:assert/strict";
import { CpuOps, getCurrentOps, getOps, useOps } from "@weft/ops";

Deno.test("getOps('cpu') returns a new CpuOps synchronously", () => {
  const ops = getOps("cpu");
  assert.ok(ops instanceof CpuOps);
  assert.notEqual(ops, getOps("cpu"));
});

Deno.test("getOps('auto') resolves to a backend even without a GPU", async () => {
  const ops = await getOps("auto");
  assert.ok(ops.name === "cpu" || ops.name === "webgpu");
});

Deno.test("getOps() rejects unknown names with a RangeError", () => {
  assert.throws(() => getOps("tpu" as "cpu"), /Unknown ops backend "tpu"/);
});

Deno.test("useOps() sets the current backend, or scopes it to a callback", () => {
  const before = getCurrentOps();
  const mine = new CpuOps();
  assert.equal(useOps(mine, () => getCurrentOps()), mine);
  assert.equal(getCurrentOps(), before);
  assert.throws(() =>
    useOps(mine, () => {
      throw new Error("boom");
    })
  );
  assert.equal(getCurrentOps(), before);
  assert.equal(useOps(mine), before);
  assert.equal(getCurrentOps(), mine);
  useOps(before);
});

const gpu = (navigator as { gpu?: GPU }).gpu;
const adapter = await gpu?.requestAdapter().catch(() => null);
const hardware = adapter != null && !adapter.info.isFallbackAdapter;

Deno.test({
  name: "getOps('auto') picks the CPU where only a software adapter (or none) exists",
  ignore: hardware,
  fn: async () => {
    assert.equal((await getOps("auto")).name, "cpu");
  },
});
