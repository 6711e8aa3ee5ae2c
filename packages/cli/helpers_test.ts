// Tests of the CLI's internal helpers: config reading, data path checks, model trees.
import assert from "node:assert/strict";
import { Config } from "@weft/config";
import { chain, Linear, Relu } from "@weft/layers";
import { checkDataPaths, readConfig } from "./config_io.ts";
import { captureContext } from "./context.ts";
import { modelTree } from "./commands/debug_model.ts";

Deno.test("readConfig() applies overrides and reads relative to the context's folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/c.cfg`, "[paths]\ntrain = null\n");
    const config = await readConfig(captureContext({ cwd: dir }), "c.cfg", { "paths.train": "x" });
    assert.equal((config.data.paths as Record<string, unknown>).train, "x");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkDataPaths() names the config key and the variable of a missing path", () => {
  const config = Config.fromStr(
    '[paths]\ntrain = "nope.weftdocs"\n\n[corpora]\n\n[corpora.train]\n@readers = "spacy.Corpus.v1"\npath = ${paths.train}\n',
    { interpolate: false },
  );
  assert.throws(
    () => checkDataPaths(captureContext({ cwd: "/tmp" }), config),
    (e: unknown) => {
      assert.ok(e instanceof Deno.errors.NotFound);
      assert.equal(
        e.message,
        "Data path of corpora.train.path (from ${paths.train}) does not exist: /tmp/nope.weftdocs",
      );
      return true;
    },
  );
});

Deno.test("checkDataPaths() makes relative corpus paths absolute through their variable", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/t.weftdocs`, "");
    const config = Config.fromStr(
      '[paths]\ntrain = "t.weftdocs"\n\n[corpora]\n\n[corpora.train]\n@readers = "spacy.Corpus.v1"\npath = ${paths.train}\n',
      { interpolate: false },
    );
    const fixed = checkDataPaths(captureContext({ cwd: dir }), config);
    assert.equal((fixed.data.paths as Record<string, unknown>).train, `${dir}/t.weftdocs`);
    const corpora = fixed.interpolate().data.corpora as Record<string, Record<string, unknown>>;
    assert.equal(corpora.train?.path, `${dir}/t.weftdocs`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("modelTree() lists layers by depth with dims and parameter shapes", () => {
  const model = chain(Relu({ nO: 4, nI: 3 }), Linear({ nO: 2 }));
  const lines = modelTree(model);
  assert.equal(lines.length, 3);
  assert.equal(lines[1], "  relu  nO=4 nI=3  W[?] b[?]");
  model.initialize();
  assert.match(modelTree(model)[1]!, /W\[4×3\] b\[4\]/);
});

Deno.test("init fill-config adds spaCy's sections, factory defaults and score weights", async () => {
  const { fillConfigText } = await import("./mod.ts");
  const text = fillConfigText(
    '[nlp]\nlang = "en"\npipeline = ["tagger"]\n\n[components]\n\n[components.tagger]\nfactory = "tagger"\n',
  );
  const config = Config.fromStr(text, { interpolate: false });
  const data = config.data as Record<string, Record<string, Record<string, unknown>>>;
  // spaCy's order: the base's sections first, then its defaults, components last.
  assert.deepEqual(Object.keys(data), [
    "nlp",
    "paths",
    "system",
    "corpora",
    "training",
    "initialize",
    "components",
    "pretraining",
  ]);
  assert.equal(data.components?.tagger?.neg_prefix, "!");
  assert.deepEqual(data.components?.tagger?.scorer, { "@scorers": "spacy.tagger_scorer.v1" });
  assert.equal(data.training?.score_weights?.tag_acc, 1);
  assert.equal(data.training?.max_steps, 20000);
  assert.equal((data.corpora?.train as Record<string, unknown>).path, "${paths.train}");
});

Deno.test("defaultJobPaths() downloads the main job's files when the package is remote", async () => {
  const { defaultJobPaths } = await import("./mod.ts");
  const local = await defaultJobPaths();
  const served: string[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const name = new URL(req.url).pathname.slice(1);
    served.push(name);
    const path = name === "config.cfg"
      ? local.config
      : name === "train.weftdocs"
      ? local.train
      : local.dev;
    return new Response(await Deno.readFile(path));
  });
  try {
    const remote = await defaultJobPaths(new URL(`http://127.0.0.1:${server.addr.port}/`));
    assert.deepEqual(served, ["config.cfg", "train.weftdocs", "dev.weftdocs"]);
    assert.deepEqual(await Deno.readFile(remote.dev), await Deno.readFile(local.dev));
    await Deno.remove(remote.config.replace(/\/config\.cfg$/, ""), { recursive: true });
  } finally {
    await server.shutdown();
  }
});

Deno.test("the main job's config builds a tagger and a morphologizer listening to one tok2vec", async () => {
  const { defaultJobPaths } = await import("./mod.ts");
  const { Language, linkComponents } = await import("@weft/pipeline");
  const paths = await defaultJobPaths();
  const config = Config.fromStr(await Deno.readTextFile(paths.config), {
    overrides: { "paths.train": paths.train, "paths.dev": paths.dev },
  });
  const nlp = Language.fromConfig(config);
  assert.deepEqual(nlp.pipeNames, ["tok2vec", "tagger", "morphologizer"]);
  linkComponents(nlp);
  const tok2vec = nlp.getPipe("tok2vec") as unknown as { listeningComponents: string[] };
  assert.deepEqual(tok2vec.listeningComponents, ["tagger", "morphologizer"]);
  const weights = (config.data.training as Record<string, Record<string, unknown>>).score_weights;
  assert.deepEqual(weights, { tag_acc: 0.5, pos_acc: 0.25, morph_acc: 0.25, morph_per_feat: null });
});
