import assert from "node:assert/strict";
import { captureContext, defaultJobPaths, runCli } from "../mod.ts";

const TINY = new URL("../testdata/tiny_tagger.cfg", import.meta.url).pathname;

Deno.test("debug data counts docs, overlap, misaligned tokens and tag labels", async () => {
  const job = await defaultJobPaths();
  const data = { "paths.train": job.train };
  const ctx = captureContext();
  const code = await runCli(
    [
      "debug",
      "data",
      TINY,
      "--paths.train",
      data["paths.train"]!,
      "--paths.dev",
      data["paths.train"]!,
    ],
    ctx,
  );
  assert.equal(code, 0, ctx.err.join(""));
  const out = ctx.text();
  // The tiny config reads 40 training and 20 dev docs; here dev is the same file, so all 20 overlap.
  assert.match(
    out,
    /ℹ 40 training docs\nℹ 20 evaluation docs\n⚠ 20 training examples also in evaluation data/,
  );
  assert.match(out, /ℹ \d+ label\(s\) for tagger in the training data/);
  assert.match(out, /⚠ Low number of examples for label '[^']+' \(\d+\)/);
  assert.match(out, /Summary/);
});
