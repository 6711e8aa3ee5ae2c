// One buffer bound several times in a dispatch: the runtime copies what WebGPU would
// reject (overlapping writable bindings) and its checking mode, on in every test
// runtime, proves that nothing it submits breaks the rule.
import assert from "node:assert/strict";
import { NdArray } from "@weft/types";
import { bindingConflict, kernelWrites } from "./bindings.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuStorage } from "./storage.ts";
import { testWebGpu } from "./test_backends.ts";

Deno.test("bindingConflict() follows WebGPU's usage scope and aliasing rules", () => {
  const one = {} as GPUBuffer, two = {} as GPUBuffer;
  const at = (buffer: GPUBuffer, offset: number, size: number, writable: boolean) => ({
    buffer,
    offset,
    size,
    writable,
  });
  // Read-only bindings of one buffer may overlap; distinct buffers never conflict.
  assert.equal(bindingConflict([at(one, 0, 64, false), at(one, 0, 64, false)]), null);
  assert.equal(bindingConflict([at(one, 0, 64, true), at(two, 0, 64, true)]), null);
  // Writable bindings of one buffer: disjoint is fine, one shared byte is not.
  assert.equal(bindingConflict([at(one, 0, 256, true), at(one, 256, 4, true)]), null);
  assert.deepEqual(bindingConflict([at(one, 0, 260, true), at(one, 256, 4, true)]), [0, 1]);
  // Writable and read-only usage of one buffer conflict even where disjoint.
  assert.deepEqual(
    bindingConflict([at(two, 0, 4, false), at(one, 512, 4, false), at(one, 0, 4, true)]),
    [1, 2],
  );
});

Deno.test("kernelWrites() finds assignments, compound updates and pointers", () => {
  const spec = (body: string, helpers?: string): KernelSpec => ({
    name: "t",
    params: ["n:u32"],
    buffers: ["a:array<f32>", "b:array<f32>", "c:array<u32>"],
    ...(helpers === undefined ? {} : { helpers }),
    body,
  });
  assert.deepEqual(kernelWrites(spec("a[i] = b[i] + f32(c[i]);")), [true, false, false]);
  assert.deepEqual(kernelWrites(spec("if (b[i] == a[i]) { c[i]++; }")), [false, false, true]);
  assert.deepEqual(kernelWrites(spec("b[c[i] + 1u] *= 2.0; a[0] -= b[i];")), [true, true, false]);
  assert.deepEqual(kernelWrites(spec("if (a[i] <= b[i] && a[i] != 0.0) { }")), [
    false,
    false,
    false,
  ]);
  assert.deepEqual(
    kernelWrites(spec("add(i, b[i]);", "fn add(k: u32, v: f32) { atomicAdd(&c[k], 1u); }")),
    [false, false, true],
  );
});

const PAIR: KernelSpec = {
  name: "test_write_pair",
  params: ["n:u32", "o1:u32", "o2:u32"],
  buffers: ["y1:array<f32>", "y2:array<f32>"],
  body: "if (i < P.n) { y1[P.o1 + i] = y1[P.o1 + i] + 1.0; y2[P.o2 + i] = f32(i) * 2.0; }",
};

testWebGpu("bindings that share a buffer are copied where WebGPU needs it", async (ops) => {
  const { rt } = ops;
  assert.ok(rt.checkBindings, "the test runtime validates every dispatch");
  const x = ops.asarray1f([1, -2, 3]);
  let copies = rt.aliasCopies;
  // One array read twice (both bindings are declared writable: one is copied).
  assert.deepEqual([...await ops.read(ops.mul(x, x))], [1, 4, 9]);
  assert.equal(rt.aliasCopies, copies + 1);
  // In place with the same array as source: the read-only source is copied.
  ops.addInPlace(x, x, 2);
  assert.deepEqual([...await ops.read(x)], [3, -6, 9]);
  // Two written views in one aligned window: copied in and back out.
  const flat = ops.asarray1f([10, 20, 30, 40, 50, 60]);
  const st = flat.storage as GpuStorage;
  const v1 = st.view(0, 3), v2 = st.view(3, 6);
  copies = rt.aliasCopies;
  rt.dispatch1d(PAIR, 3, [3, rt.at(v1), rt.at(v2)], [v1, v2]);
  assert.equal(rt.aliasCopies, copies + 1);
  assert.deepEqual([...await ops.read(flat)], [11, 21, 31, 0, 2, 4]);
  // Written views that share elements are a kernel's bug, named at once.
  assert.throws(() => rt.dispatch1d(PAIR, 3, [3, rt.at(v1), rt.at(v1)], [v1, v1]), {
    name: "RangeError",
    message: /test_write_pair writes bindings 1 and 2, which share elements/,
  });
  // Views in different aligned windows of one buffer bind as they are.
  const wide = ops.alloc1f(256);
  const w = wide.storage as GpuStorage;
  const a = new NdArray([64] as const, "float32", w.view(0, 64));
  const b = new NdArray([64] as const, "float32", w.view(128, 192));
  ops.fill(a, 1);
  ops.fill(b, 5);
  copies = rt.aliasCopies;
  ops.addInPlace(a, b, 1);
  assert.equal(rt.aliasCopies, copies);
  const got = await ops.read(wide);
  assert.equal(got[0], 6);
  assert.equal(got[63], 6);
  assert.equal(got[64], 0);
  assert.equal(got[128], 5);
});
