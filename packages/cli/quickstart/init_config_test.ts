// `weft init config` writes what `spacy init config` (spaCy 3.8, CPU) wrote for
// the same options: testdata/init_config/*.cfg, from scripts/gen_init_config.py.
import assert from "node:assert/strict";
import { Config } from "@weft/config";
import { captureContext, runCli } from "../mod.ts";
import { quickstartConfig } from "./init_config.ts";

type Data = Record<string, Record<string, unknown>>;
const DIR = new URL("../testdata/init_config/", import.meta.url);
const cases = [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => n.endsWith(".cfg"))
  .sort();

Deno.test("init config matches spaCy's output byte for byte", async (t) => {
  assert.ok(cases.length >= 10);
  for (const name of cases) {
    await t.step(name, () => {
      const [lang, pipes, optimize] = name.slice(0, -4).split("_").reduce<string[]>(
        (acc, part, i, all) => {
          // "en_textcat_multilabel_efficiency": language, components, optimization.
          if (i === 0) return [part];
          if (i === all.length - 1) return [...acc, part];
          acc[1] = acc[1] === undefined ? part : `${acc[1]}_${part}`;
          return acc;
        },
        [],
      ) as [string, string, string];
      const expected = Deno.readTextFileSync(new URL(name, DIR));
      const actual = quickstartConfig({
        lang,
        pipeline: pipes.split("+"),
        optimize: optimize as "efficiency" | "accuracy",
      });
      assert.equal(actual, expected);
    });
  }
});

Deno.test("init config writes a file that Config reads, and refuses to overwrite", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ctx = captureContext({ cwd: dir });
    const argv = [
      "init",
      "config",
      "c.cfg",
      "--pipeline",
      "tagger,textcat",
      "--optimize",
      "accuracy",
    ];
    assert.equal(await runCli(argv, ctx), 0);
    const config = Config.fromDisk(`${dir}/c.cfg`);
    assert.deepEqual((config.data as Data).nlp?.pipeline, ["tok2vec", "tagger", "textcat"]);
    assert.equal((config.data as Data).paths?.vectors, "en_core_web_lg");
    const again = captureContext({ cwd: dir });
    assert.equal(await runCli(argv, again), 1);
    assert.match(again.err.join(""), /already exists: pass --force/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("init config names the unknown component", async () => {
  const ctx = captureContext();
  assert.equal(await runCli(["init", "config", "--pipeline", "tagger,lemmatiser"], ctx), 1);
  assert.match(ctx.err.join(""), /unknown component "lemmatiser"/);
});
