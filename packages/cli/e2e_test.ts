// End to end, in-process: train a tiny tagger for a few steps, then evaluate,
// benchmark, apply and inspect the result through the CLI's commands.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { captureContext, defaultJobPaths, parseJsonText, runCli } from "./mod.ts";

const TINY = new URL("./testdata/tiny_tagger.cfg", import.meta.url).pathname;
const job = await defaultJobPaths();
const data = { "paths.train": job.train, "paths.dev": job.dev };

async function cli(argv: string[], cwd: string) {
  const ctx = captureContext({ cwd });
  const code = await runCli(argv, ctx);
  return { code, out: ctx.text(), err: ctx.err.join("") };
}

Deno.test("train, evaluate, benchmark speed and apply a tiny tagger", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    await t.step("train writes model-best, model-last, the JSONL log and the curve", async () => {
      const r = await cli(
        [
          "train",
          TINY,
          "--output",
          "out",
          "--paths.train",
          data["paths.train"],
          "--paths.dev",
          data["paths.dev"],
        ],
        dir,
      );
      assert.equal(r.code, 0, r.err);
      const lines = r.out.split("\n");
      assert.ok(lines.includes("ℹ Pipeline: ['tok2vec', 'tagger']"), r.out);
      assert.ok(lines.some((l) => l.startsWith("ℹ Initial learn rate: 0.01")), r.out);
      const header = lines.findIndex((l) =>
        /^E\s+#\s+LOSS TOK2VEC\s+LOSS TAGGER\s+TAG_ACC\s+SCORE\s*$/.test(l)
      );
      assert.ok(header >= 0, r.out);
      // Evaluations at steps 0, 2 and 4: three rows after the rule.
      const rows = lines.slice(header + 2).filter((l) => /^\s+\d+\s+\d+\s/.test(l));
      assert.deepEqual(rows.map((l) => Number(l.trim().split(/\s+/)[1])), [0, 2, 4]);
      for (const m of ["model-best", "model-last"]) {
        for (const f of ["config.cfg", "meta.json", "tagger/model", "tok2vec/model"]) {
          assert.ok(existsSync(`${dir}/out/${m}/${f}`), `${m}/${f}`);
        }
      }
      const log = Deno.readTextFileSync(`${dir}/out/training_log.jsonl`).trim().split("\n")
        .map((l) => JSON.parse(l));
      assert.deepEqual(log.map((e) => e.step), [0, 2, 4]);
      for (const e of log) {
        assert.deepEqual(Object.keys(e.losses), ["tok2vec", "tagger"]);
        assert.deepEqual(Object.keys(e.scores), ["tag_acc"]);
        assert.ok(e.score >= 0 && e.score <= 1);
      }
      const svg = Deno.readTextFileSync(`${dir}/out/training_curve.svg`);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.equal(svg.match(/<polyline /g)?.length, 4); // two losses, tag_acc, score
    });

    await t.step("evaluate writes a flat metrics JSON with speed", async () => {
      const r = await cli([
        "evaluate",
        "out/model-best",
        data["paths.dev"],
        "--output",
        "metrics.json",
      ], dir);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /TAG\s+\d+\.\d\d/);
      const metrics = JSON.parse(Deno.readTextFileSync(`${dir}/metrics.json`));
      assert.deepEqual(Object.keys(metrics), ["token_acc", "tag_acc", "speed"]);
      for (const v of Object.values(metrics)) assert.equal(typeof v, "number");
      // Weft's tokenizer splits a few EWT words differently from the gold tokens.
      assert.ok(metrics.token_acc > 0.9 && metrics.token_acc <= 1);
      assert.ok(metrics.tag_acc >= 0 && metrics.tag_acc <= 1);
      assert.ok(metrics.speed > 0);
    });

    await t.step("evaluate --per-component nests the scores by component", async () => {
      const r = await cli(
        ["evaluate", "out/model-best", data["paths.dev"], "--per-component", "-o", "per.json"],
        dir,
      );
      assert.equal(r.code, 0, r.err);
      const per = JSON.parse(Deno.readTextFileSync(`${dir}/per.json`));
      assert.equal(typeof per.tagger?.tag_acc, "number", JSON.stringify(per));
    });

    await t.step("benchmark speed reports words/s with a 95% interval", async () => {
      const argv = ["benchmark", "speed", "out/model-last", data["paths.dev"]];
      const opts = ["--batch-size", "8", "--n-batches", "4", "--warmup", "0"];
      const r = await cli([...argv, ...opts, "--json"], dir);
      assert.equal(r.code, 0, r.err);
      const result = parseJsonText(r.out) as Record<string, unknown>;
      for (
        const k of ["mean", "ci_low", "ci_high", "n_batches", "batch_size", "words_per_second"]
      ) {
        assert.ok(k in result, k);
      }
      const { mean, ci_low, ci_high } = result as { mean: number; ci_low: number; ci_high: number };
      assert.ok(ci_low <= mean && mean <= ci_high && ci_low > 0);
      assert.equal((result.words_per_second as number[]).length, 4);
      const text = await cli([...argv, ...opts], dir);
      assert.match(text.out, /Mean: \d+\.\d words\/s \(95% CI: -\d+\.\d \+\d+\.\d\)/);
    });

    await t.step("apply saves annotated docs", async () => {
      await Deno.writeTextFile(
        `${dir}/texts.jsonl`,
        '{"text": "I like green apples."}\n{"text": "Go home."}\n',
      );
      const r = await cli(["apply", "out/model-best", "texts.jsonl", "tagged.weftdocs"], dir);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Saved 2 annotated documents/);
      const { DocBin, Vocab } = await import("@weft/pipeline");
      const docs = [
        ...DocBin.fromBytes(Deno.readFileSync(`${dir}/tagged.weftdocs`)).getDocs(new Vocab()),
      ];
      assert.deepEqual(docs.map((d) => d.text), ["I like green apples.", "Go home."]);
      assert.ok(docs[0]!.token(0).tag !== "");
    });

    await t.step("info reads the model's meta", async () => {
      const r = await cli(["info", "out/model-best"], dir);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Pipeline\s+tok2vec, tagger/);
    });

    await t.step("an incompatible model names its meta.json and the format version", async () => {
      await Deno.mkdir(`${dir}/future`);
      for (const f of ["config.cfg", "meta.json"]) {
        await Deno.copyFile(`${dir}/out/model-best/${f}`, `${dir}/future/${f}`);
      }
      const meta = JSON.parse(Deno.readTextFileSync(`${dir}/future/meta.json`));
      await Deno.writeTextFile(
        `${dir}/future/meta.json`,
        JSON.stringify({ ...meta, format_version: 99 }),
      );
      const r = await cli(["evaluate", "future", data["paths.dev"]], dir);
      assert.equal(r.code, 1);
      assert.match(r.err, /^✘ .*future: meta\.json format_version 99 is not supported/);
    });

    await t.step("a corrupt model names the file that failed", async () => {
      await Deno.mkdir(`${dir}/broken`);
      for (const f of ["config.cfg", "vocab"]) {
        await Deno.rename(`${dir}/out/model-last/${f}`, `${dir}/broken/${f}`).catch(() => {});
      }
      await Deno.writeTextFile(`${dir}/broken/meta.json`, "{ not json");
      const r = await cli(["evaluate", "broken", data["paths.dev"]], dir);
      assert.equal(r.code, 1);
      assert.match(r.err, /^✘ Corrupt broken\/meta\.json: /);
      assert.ok(!r.err.includes("    at "), r.err);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train names the config key of a missing data path, without a stack trace", async () => {
  const r = await cli([
    "train",
    TINY,
    "--paths.train",
    "missing.weftdocs",
    "--paths.dev",
    data["paths.dev"],
  ], "/tmp");
  assert.equal(r.code, 1);
  assert.equal(
    r.err,
    "✘ Data path of corpora.train.path (from ${paths.train}) does not exist: /tmp/missing.weftdocs\n",
  );
});

Deno.test("train lists every bad component setting in one table and exits 1", async () => {
  const r = await cli(
    [
      "train",
      TINY,
      "--paths.train",
      data["paths.train"],
      "--paths.dev",
      data["paths.dev"],
      "--components.tagger.overwrite",
      '"sometimes"',
      "--components.tagger.colour",
      "3",
    ],
    "/tmp",
  );
  assert.equal(r.code, 1, r.out);
  const lines = r.err.trimEnd().split("\n");
  assert.match(lines[0]!, /^✘ Config validation error/);
  assert.match(lines[1]!, /^components\.tagger\.overwrite\s+\S/);
  assert.match(lines[2]!, /^components\.tagger\.colour\s+\S/);
  assert.equal(lines.length, 3, r.err);
});

Deno.test("train prints the validation table for a config error and exits 1", async () => {
  const r = await cli(
    [
      "train",
      TINY,
      "--paths.train",
      data["paths.train"],
      "--paths.dev",
      data["paths.dev"],
      "--training.optimizer.learn_rate",
      '"fast"',
    ],
    "/tmp",
  );
  assert.equal(r.code, 1, r.out);
  assert.match(r.err, /^✘ /);
  assert.match(r.err, /learn_rate/);
  assert.ok(!r.err.includes("    at "), r.err);
});

Deno.test("train draws a progress bar on a terminal and clears it before each row", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ctx = captureContext({ cwd: dir, isTty: true });
    const code = await runCli(
      ["train", TINY, "--paths.train", data["paths.train"], "--paths.dev", data["paths.dev"]],
      ctx,
    );
    assert.equal(code, 0, ctx.err.join(""));
    const out = ctx.text();
    assert.match(out, /\r +50%\|█+ +\| 1\/2 steps to the next evaluation/);
    // The bar's line is cleared before the evaluation row is written.
    assert.ok(out.includes("\r\x1b[2K  0       2 "), JSON.stringify(out));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train stops when interrupted and still saves model-last", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const controller = new AbortController();
    const ctx = captureContext({ cwd: dir, signal: controller.signal });
    const stdout = ctx.stdout;
    // Interrupt as soon as the first evaluation row (step 0) is printed.
    (ctx as { stdout: (t: string) => void }).stdout = (text: string) => {
      stdout(text);
      if (/^ {2}0 {7}0 /.test(text)) controller.abort();
    };
    const code = await runCli(
      [
        "train",
        TINY,
        "-o",
        "out",
        "--paths.train",
        data["paths.train"],
        "--paths.dev",
        data["paths.dev"],
        "--training.max_steps",
        "50",
      ],
      ctx,
    );
    assert.equal(code, 0, ctx.err.join(""));
    assert.match(ctx.text(), /stopped \(aborted\)/);
    assert.ok(existsSync(`${dir}/out/model-last/meta.json`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train --code imports a module whose registered logger the config uses", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const configMod = new URL("../config/mod.ts", import.meta.url).href;
    await Deno.writeTextFile(
      `${dir}/custom.ts`,
      [
        `import { registry } from "${configMod}";`,
        `registry.loggers.register("test.StepLogger.v1", () => (_nlp, io) => ({`,
        "  logStep(info) { if (info) io.write(`custom row at step ${info.step}`); },",
        "  finalize() {},",
        "}));",
        "",
      ].join("\n"),
    );
    const tiny = Deno.readTextFileSync(TINY);
    await Deno.writeTextFile(
      `${dir}/custom.cfg`,
      `${tiny}\n[training.logger]\n@loggers = "test.StepLogger.v1"\n`,
    );
    const r = await cli(
      [
        "train",
        "custom.cfg",
        "--code",
        "custom.ts",
        "--paths.train",
        data["paths.train"],
        "--paths.dev",
        data["paths.dev"],
      ],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /custom row at step 0\ncustom row at step 2\ncustom row at step 4\n/);
    const missing = await cli(["train", "custom.cfg", "--code", "nope.ts"], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^✘ Cannot import --code nope\.ts: /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
