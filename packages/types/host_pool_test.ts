// The host buffer pool: reuse only of released memory, zeros on reuse, no sharing
// between live arrays, and refusal of views.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  clearHostPool,
  HOST_POOL_MAX_BYTES,
  hostArray,
  hostData,
  HostStorage,
  NdArray,
  releaseHostArray,
} from "@weft/types";

Deno.test("hostArray() after releases never hands one buffer to two live arrays", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          size: fc.integer({ min: 1, max: 5000 }),
          release: fc.integer({ min: 0, max: 7 }),
          values: fc.boolean(),
        }),
        { maxLength: 60 },
      ),
      (script) => {
        clearHostPool();
        const live: Float32Array[] = [];
        let tag = 1;
        for (const { size, release, values } of script) {
          const x = values
            ? hostArray([size] as const, "float32", new Float32Array(size).fill(-1))
            : hostArray([size] as const, "float32");
          const data = hostData(x);
          assert.equal(data.length, size);
          assert.ok(data.every((v) => v === (values ? -1 : 0)));
          // Mark it, and check that no other live array saw the mark.
          data.fill(tag);
          for (const other of live) assert.ok(other.every((v) => v !== tag));
          tag++;
          live.push(data);
          if (release < live.length && release % 2 === 0) {
            const [gone] = live.splice(release, 1);
            releaseHostArray(
              new NdArray([gone!.length] as const, "float32", new HostStorage(gone!)),
            );
          }
        }
        clearHostPool();
      },
    ),
  );
});

Deno.test("releaseHostArray() ignores row slices, small arrays and anything over the cap", () => {
  clearHostPool();
  const whole = hostArray([10, 100] as const, "float32");
  // A slice starting at 0 shares its buffer with the rest of the array.
  const slice = new NdArray([5, 100] as const, "float32", whole.storage.view(0, 500));
  releaseHostArray(slice);
  assert.equal(clearHostPool(), 0);
  releaseHostArray(hostArray([8] as const, "float32"));
  assert.equal(clearHostPool(), 0);
  const big = hostArray([1 << 20] as const, "float32");
  releaseHostArray(big);
  assert.equal(clearHostPool(), 4 << 20);
  const many = Array.from({ length: 20 }, () => hostArray([1 << 20] as const, "float32"));
  for (const x of many) releaseHostArray(x);
  assert.equal(clearHostPool(), Math.min(20 * (4 << 20), HOST_POOL_MAX_BYTES));
});

Deno.test("a reused buffer can be released again as a whole view", () => {
  clearHostPool();
  releaseHostArray(hostArray([1000] as const, "int32"));
  const a = hostArray([900] as const, "float32");
  assert.equal(hostData(a).buffer.byteLength, 4000);
  releaseHostArray(a);
  assert.equal(clearHostPool(), 4000);
});
