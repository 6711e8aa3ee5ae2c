import assert from "node:assert/strict";
import { buildWasm, renderBytesModule } from "./build.ts";

Deno.test("rebuilding the kernels reproduces the committed wasm_bytes.ts", async () => {
  const committed = await Deno.readTextFile(new URL("./wasm_bytes.ts", import.meta.url));
  assert.equal(renderBytesModule(await buildWasm()), committed);
});

Deno.test("the relaxed-SIMD probe and every kernel validates in Deno", async () => {
  const { probe, relaxed, simd128, optim, relaxedShared, simd128Shared } = await buildWasm();
  for (const bytes of [probe, relaxed, simd128, optim, relaxedShared, simd128Shared]) {
    assert.ok(WebAssembly.validate(new Uint8Array(bytes)));
  }
});
