import assert from "node:assert/strict";
import { PARALLEL_WEBGPU_VIOLATION, planTests, usesWebGpu } from "./test_plan.ts";

const root = new URL("..", import.meta.url).pathname;

Deno.test("planTests() sends WebGPU modules to the serial run and keeps the rest parallel", async () => {
  const cwd = Deno.cwd();
  Deno.chdir(root);
  try {
    const { gpu, other } = await planTests(["packages/ops", "packages/layers"]);
    assert.equal(other, true);
    for (
      const path of [
        "packages/ops/get_ops_test.ts",
        "packages/ops/webgpu/parity_adam_step_test.ts", // through ./parity.ts
        "packages/ops/webgpu/webgpu_ops.ts",
        "packages/layers/ids_webgpu_test.ts",
      ]
    ) assert.ok(gpu.includes(path), `${path} is missing from ${gpu.join(", ")}`);
    for (const path of gpu) {
      assert.ok(!path.startsWith("packages/ops/cpu/"), `${path} is a CPU module`);
      assert.ok(!path.includes("testdata/"), path);
    }
  } finally {
    Deno.chdir(cwd);
  }
});

Deno.test("usesWebGpu() reads a source module's doc examples only", () => {
  const fence = "`".repeat(3);
  const call = 'await getOps("webgpu")';
  assert.equal(usesWebGpu("a.ts", `/**\n * ${fence}ts\n * ${call};\n * ${fence}\n */`), true);
  assert.equal(usesWebGpu("a.ts", `export async function f() { ${call}; }`), false);
  assert.equal(usesWebGpu("a_test.ts", `Deno.test("x", async () => { ${call}; });`), true);
  assert.equal(usesWebGpu("packages/ops/webgpu/anything.ts", ""), true);
});

Deno.test("the parallel run's preload fails a module that requests an adapter", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const module = `${dir}/hidden_gpu_test.ts`;
    // Spelled so that the marker does not see it, as a module the plan misses would be.
    await Deno.writeTextFile(
      module,
      `const gpu = (navigator as unknown as Record<string, Record<string, () => unknown>>)["g" + "pu"];
Deno.test("asks", async () => { if (gpu) await gpu["request" + "Adapter"]!(); });
`,
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "-A",
        "--no-check",
        `--preload=${root}scripts/no_webgpu_preload.ts`,
        module,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
    if (!("gpu" in navigator)) return; // no WebGPU API in this build: nothing to guard
    assert.equal(output.success, false, text);
    assert.match(text, new RegExp(PARALLEL_WEBGPU_VIOLATION));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exitAbortAfterPass() accepts only an abort after a passing summary", async () => {
  const { exitAbortAfterPass } = await import("./test_plan.ts");
  const pass = "\x1b[32mok\x1b[0m | 99 passed (25 steps) | 0 failed (1m)\n\n";
  assert.equal(
    exitAbortAfterPass(134, pass + "double free or corruption (out)\n"),
    "double free or corruption (out)",
  );
  assert.equal(exitAbortAfterPass(0, pass), undefined);
  assert.equal(exitAbortAfterPass(134, pass), undefined); // no glibc report
  assert.equal(exitAbortAfterPass(134, pass + "Segmentation fault\n"), undefined);
  assert.equal(
    exitAbortAfterPass(134, "error: panicked\ncorrupted size vs. prev_size\n"),
    undefined,
  );
  assert.equal(
    exitAbortAfterPass(
      134,
      pass.replace("0 failed", "2 failed") + "corrupted size vs. prev_size\n",
    ),
    undefined,
  );
});
