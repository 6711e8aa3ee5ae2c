import assert from "node:assert/strict";
import { CpuOps, getCurrentOps } from "@weft/ops";
import { UsageError } from "./errors.ts";
import { gemmThreads } from "./threads.ts";

Deno.test("--threads 2 makes a two-thread CPU backend current until disposed", async () => {
  const before = getCurrentOps();
  {
    using threads = await gemmThreads(2);
    assert.equal(threads.threads, 2);
    const ops = getCurrentOps();
    assert.ok(ops instanceof CpuOps);
    assert.equal(ops.threads, 2);
  }
  assert.equal(getCurrentOps(), before);
});

Deno.test("--threads 2 leaves other backends alone; only 1 or 2 are accepted", async () => {
  using gpu = await gemmThreads(2, "webgpu");
  assert.equal(gpu.threads, 1);
  await assert.rejects(() => gemmThreads(3), UsageError);
  await assert.rejects(() => gemmThreads("two"), UsageError);
});
