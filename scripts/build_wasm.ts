// Rebuild the CPU backend's WebAssembly kernels and embed their bytes in
// packages/ops/cpu/wasm/wasm_bytes.ts. With --check, only compare: exit 1 when the
// committed bytes differ from a rebuild.
import { buildWasm, renderBytesModule } from "../packages/ops/cpu/wasm/build.ts";

const target = new URL("../packages/ops/cpu/wasm/wasm_bytes.ts", import.meta.url);
const text = renderBytesModule(await buildWasm());
if (Deno.args.includes("--check")) {
  let current = "";
  try {
    current = await Deno.readTextFile(target);
  } catch {
    // A missing file differs.
  }
  if (current !== text) {
    console.error(`${target.pathname} differs from a rebuild; run \`deno task build:wasm\``);
    Deno.exit(1);
  }
  console.log("wasm_bytes.ts matches a rebuild");
} else {
  await Deno.writeTextFile(target, text);
  console.log(`wrote ${target.pathname}`);
}
