// `weft debug config --json` on the config package's golden set equals what
// confection produced (packages/config/testdata/golden/*.json, "interpolated").
import assert from "node:assert/strict";
import { captureContext, parseJsonText, runCli } from "../mod.ts";

const CONFIG_TESTDATA = new URL("../../config/testdata/", import.meta.url);
const names = [...Deno.readDirSync(new URL("configs/", CONFIG_TESTDATA))]
  .map((e) => e.name).filter((n) => n.endsWith(".cfg")).map((n) => n.slice(0, -4)).sort();

function golden(name: string): Record<string, unknown> {
  return parseJsonText(
    Deno.readTextFileSync(new URL(`golden/${name}.json`, CONFIG_TESTDATA)),
  ) as Record<string, unknown>;
}

Deno.test("debug config --json equals the golden interpolated JSON", async (t) => {
  const cwd = new URL("configs/", CONFIG_TESTDATA).pathname;
  let valid = 0;
  for (const name of names) {
    await t.step(name, async () => {
      const expected = golden(name);
      const ctx = captureContext({ cwd });
      const code = await runCli(["debug", "config", `${name}.cfg`, "--json"], ctx);
      if (expected.interpolated === undefined) {
        // Confection failed on this one: Weft fails too, with one message and no stack trace.
        assert.equal(code, 1, ctx.text());
        const err = ctx.err.join("");
        assert.match(err, /^✘ /);
        assert.ok(!err.includes("    at "), err);
        return;
      }
      valid++;
      assert.equal(code, 0, ctx.err.join(""));
      const actual = parseJsonText(ctx.text());
      assert.deepStrictEqual(actual, expected.interpolated);
      // Same key order as confection's dict.
      assert.equal(JSON.stringify(actual), JSON.stringify(expected.interpolated));
    });
  }
  assert.ok(valid >= 20, `only ${valid} valid golden configs`);
});

Deno.test("debug config applies --section.key overrides before printing", async () => {
  const cwd = new URL("configs/", CONFIG_TESTDATA).pathname;
  const ctx = captureContext({ cwd });
  const code = await runCli(
    ["debug", "config", "quickstart_tagger.cfg", "--json", "--training.max_steps", "7"],
    ctx,
  );
  assert.equal(code, 0, ctx.err.join(""));
  const data = parseJsonText(ctx.text()) as Record<string, Record<string, unknown>>;
  assert.equal(data.training?.max_steps, 7);
});

Deno.test("debug config prints a validation table and exits 1 for a bad argument", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/bad.cfg`,
      [
        "[nlp]",
        'lang = "en"',
        'pipeline = ["tagger"]',
        "",
        "[components]",
        "",
        "[components.tagger]",
        'factory = "tagger"',
        'overwrite = "sometimes"',
        "colour = 3",
        "",
      ].join("\n"),
    );
    const ctx = captureContext({ cwd: dir });
    assert.equal(await runCli(["debug", "config", "bad.cfg"], ctx), 1);
    const err = ctx.err.join("");
    assert.match(err, /^✘ /);
    assert.match(err, /components\.tagger\.overwrite\s+/);
    assert.match(err, /components\.tagger\.colour\s+/);
    assert.ok(!err.includes("    at "), err);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("debug config names a missing config file", async () => {
  const ctx = captureContext({ cwd: "/" });
  assert.equal(await runCli(["debug", "config", "nope.cfg"], ctx), 1);
  assert.equal(ctx.err.join(""), "✘ Config file not found: nope.cfg\n");
});

Deno.test("debug config --show-functions and --show-variables list blocks and references", async () => {
  const cwd = new URL("configs/", CONFIG_TESTDATA).pathname;
  const ctx = captureContext({ cwd });
  const code = await runCli(
    ["debug", "config", "quickstart_tagger.cfg", "--show-functions", "--show-variables"],
    ctx,
  );
  assert.equal(code, 0, ctx.err.join(""));
  const out = ctx.text();
  assert.match(out, /✔ Config is valid/);
  assert.match(out, /components\.tagger\.model\s+@architectures\s+spacy\.Tagger\.v2\s+yes/);
  assert.match(out, /corpora\.train\.path\s+\$\{paths\.train\}\s+null/);
});
