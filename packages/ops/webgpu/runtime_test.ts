// The runtime's contracts: pooling, batching, ordering of uploads after recorded
// work, unaligned views, limits, and clear errors.
import assert from "node:assert/strict";
import { NdArray } from "@weft/types";
import { getOps } from "../get_ops.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { requestGpuDevice } from "./device.ts";
import type { GpuStorage } from "./storage.ts";
import { testWebGpu } from "./test_backends.ts";
import { createWebGpuOps } from "./webgpu_ops.ts";

testWebGpu(
  "release() returns a buffer that the next allocation of its size reuses",
  async (ops) => {
    const a = ops.alloc2f(10, 10);
    const block = (a.storage as GpuStorage).block;
    ops.release(a);
    ops.release(a); // a second release is harmless
    const created = ops.rt.pool.created;
    const b = ops.alloc1f(90);
    assert.equal((b.storage as GpuStorage).block, block);
    assert.equal(ops.rt.pool.created, created);
    assert.deepEqual([...await ops.read(b)], new Array(90).fill(0));
  },
);

testWebGpu("a chain of kernels is recorded and submitted once, at read()", async (ops) => {
  let x = ops.asarray1f([1, 2, 3]);
  await ops.read(x);
  const before = ops.rt.submits;
  for (let k = 0; k < 50; k++) x = ops.add(ops.relu(x), ops.scale(x, 0.5));
  assert.equal(ops.rt.submits, before, "nothing is submitted while recording");
  const y = await ops.read(x);
  assert.equal(ops.rt.submits, before + 1);
  assert.ok(Math.abs(y[2]! - 3 * 1.5 ** 50) / (3 * 1.5 ** 50) < 1e-5);
});

testWebGpu(
  "an upload into a reused buffer waits for the recorded kernels that read it",
  async (ops) => {
    const a = ops.asarray1f([1, 2, 3]);
    await ops.read(a);
    const b = ops.scale(a, 2); // recorded, not yet submitted
    ops.release(a);
    const c = ops.asarray1f([10, 20, 30]); // takes a's buffer
    assert.equal((c.storage as GpuStorage).block, (a.storage as GpuStorage).block);
    assert.deepEqual([...await ops.read(b)], [2, 4, 6]);
    assert.deepEqual([...await ops.read(c)], [10, 20, 30]);
  },
);

testWebGpu("views at unaligned offsets are read and written in place", async (ops) => {
  const flat = ops.asarray1f([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const view = new NdArray([2, 2] as const, "float32", flat.storage.view(3, 7));
  assert.deepEqual([...await ops.read(view)], [3, 4, 5, 6]);
  ops.addInPlace(view, ops.asarray2f([1, 1, 1, 1], 2, 2), 10);
  ops.fill(new NdArray([1] as const, "float32", flat.storage.view(8, 9)), -1);
  assert.deepEqual([...await ops.read(flat)], [0, 1, 2, 13, 14, 15, 16, 7, -1]);
});

testWebGpu("arrays of another backend and oversize arrays fail with clear errors", (ops) => {
  const host = new CpuOps().asarray1f([1]);
  assert.throws(() => ops.relu(host), {
    name: "TypeError",
    message: /relu\(\) on webgpu .* backend "cpu"/,
  });
  const limit = ops.rt.device.limits.maxBufferSize;
  assert.throws(() => ops.alloc1f(Math.ceil(limit / 4) + 1), {
    name: "RangeError",
    message: /exceeds the device's maxBufferSize/,
  });
});

testWebGpu("a validation error surfaces at the next read()", async (ops) => {
  const out = ops.rt.pool.take(1);
  // Binding 1 is declared but the shader writes a buffer that is not bound.
  ops.rt.dispatch1d(
    {
      name: "test_broken",
      params: ["n:u32"],
      buffers: ["o:array<f32>"],
      body: "o[i] = undefined_name;",
    },
    1,
    [1],
    [out],
  );
  await assert.rejects(() => ops.read(ops.alloc1f(1)), { message: /WebGPU error/ });
  // The error is reported once; the device keeps working.
  assert.deepEqual([...await ops.read(ops.asarray1f([5]))], [5]);
});

Deno.test("createWebGpuOps() without WebGPU or an adapter fails with one clear error", async () => {
  await assert.rejects(() => requestGpuDevice({ gpu: null }), {
    message: /"webgpu" backend: navigator.gpu is missing/,
  });
  const noAdapter = { requestAdapter: () => Promise.resolve(null) } as unknown as GPU;
  await assert.rejects(() => createWebGpuOps({ gpu: noAdapter }), {
    message: /"webgpu" backend: no WebGPU adapter is available/,
  });
});

testWebGpu(
  'getOps("webgpu") loads this backend; getOps("auto") skips fallback adapters',
  async () => {
    const ops = await getOps("webgpu");
    assert.equal(ops.name, "webgpu");
    const adapter = await navigator.gpu.requestAdapter();
    const fallback = adapter?.info.isFallbackAdapter ?? true;
    assert.equal((await getOps("auto")).name, fallback ? "cpu" : "webgpu");
  },
);

testWebGpu("host index data larger than the arena slot and a full arena both work", async (ops) => {
  // 20000 sequences: 80 kB of startsEnds, staged through a pooled buffer.
  const many = new Int32Array(20000).fill(1);
  const X = ops.asarray2f(Float32Array.from({ length: 20000 }, (_, i) => i), 20000, 1);
  const sums = await ops.read(ops.reduceSum(X, many));
  assert.equal(sums[12345], 12345);
  // 400 launches with 4 kB of lengths each overflow the 1 MB arena: it is flushed
  // between launches, never inside one.
  const lengths = new Int32Array(1000).fill(2);
  const Y = ops.asarray2f(new Float32Array(2000).fill(1), 2000, 1);
  const before = ops.rt.submits;
  let last = ops.reduceSum(Y, lengths);
  for (let k = 0; k < 400; k++) {
    last = ops.reduceMean(ops.backpropReduceSum(last, lengths), lengths);
  }
  const out = await ops.read(last);
  assert.ok(ops.rt.submits > before + 1, "the arena filled up at least once");
  assert.ok(out.every((v) => v === 2));
});

testWebGpu("trim() frees pooled buffers without breaking recorded work", async (ops) => {
  const a = ops.asarray1f([1, 2, 3]);
  const b = ops.scale(a, 3); // recorded
  ops.release(a);
  assert.ok(ops.rt.pool.freeBytes > 0);
  assert.ok(ops.rt.trim() > 0);
  assert.equal(ops.rt.pool.freeBytes, 0);
  assert.deepEqual([...await ops.read(b)], [3, 6, 9]);
});

testWebGpu("a kernel binding more storage buffers than every device allows is refused", (ops) => {
  const bufs = Array.from({ length: 9 }, () => ops.rt.pool.take(1));
  assert.throws(
    () =>
      ops.rt.dispatch1d(
        {
          name: "test_nine_buffers",
          params: ["n:u32"],
          buffers: bufs.map((_, k) => `b${k}:array<f32>`),
          body: "if (i < P.n) { b0[i] = b8[i]; }",
        },
        1,
        [1],
        bufs,
      ),
    { name: "RangeError", message: /test_nine_buffers binds 9 storage buffers; at most 8/ },
  );
  for (const b of bufs) ops.rt.pool.give(b);
});
