// The two-thread gemm's tests run in a child `deno test` of their own. In the
// workspace's single `deno test --parallel` process, with every other test file's
// isolate alive, the process aborted at exit ("double free or corruption") after
// these tests had passed; alone, or beside a few other files, they exit cleanly.
// Running them apart keeps the main run's exit status meaningful while the cause
// (somewhere in the teardown of a WebAssembly memory shared with a worker) is
// tracked down.
import assert from "node:assert/strict";

const CHECKS = [
  "./wasm/threaded_gemm_checks.ts",
  "./gemm_threads_checks.ts",
  "../../cli/threads_checks.ts",
].map((path) => new URL(path, import.meta.url).pathname);

Deno.test("the two-thread gemm checks pass in their own deno test process", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-check", ...CHECKS],
    env: { DENO_NO_PACKAGE_JSON: "1", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, text);
  assert.match(text, /\bok \| \d+ passed/);
  assert.doesNotMatch(text, /\b0 passed/);
});
