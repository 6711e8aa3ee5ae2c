import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import type { Model } from "@weft/layers";
import { Corpus, type Doc, type Language } from "../mod.ts";
import {
  load,
  savePipeline,
  train,
  type TrainingEvalEvent,
  type TrainingEvent,
} from "./exports.ts";
import "./testdata/tiny_tagger.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

function tinyConfig(extra = ""): Config {
  return Config.fromStr(`
[paths]
train = "${here}train.weftdocs"
dev = "${here}dev.weftdocs"

[nlp]
lang = "en"
pipeline = ["tagger"]

[components]

[components.tagger]
factory = "weft_test_tiny_tagger"
width = 8

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = \${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = \${paths.dev}

[training]
seed = 7
dropout = 0.0
accumulate_gradient = 1
patience = 0
max_epochs = 0
max_steps = 40
eval_frequency = 10
frozen_components = []
annotating_components = []

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01
use_averages = false

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 40
tolerance = 0.2

[training.score_weights]
tag_acc = 1.0
${extra}
`);
}

function paramsOf(model: Model): Float32Array[] {
  const out: Float32Array[] = [];
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      const p = node.maybeGetParam(name);
      if (p) out.push(Float32Array.from(node.ops.readSync!(p) as Float32Array));
    }
  }
  return out;
}

function devDocs(nlp: Language): Doc[] {
  return [...new Corpus(`${here}dev.weftdocs`).call(nlp)].map((eg) => eg.predicted);
}

Deno.test("train() lowers the loss and learns the tiny tagging task", async () => {
  const events: TrainingEvent[] = [];
  const lines: string[] = [];
  const result = await train(tinyConfig(), {
    writer: (t) => lines.push(t),
    onEvent: (e) => events.push(e),
  });
  const evals = events.filter((e): e is TrainingEvalEvent => e.type === "eval");
  assert.deepEqual(evals.map((e) => e.step), [0, 10, 20, 30, 40]);
  // Losses are summed over the 10 steps since the previous evaluation.
  const first = evals[1]!.losses.tagger!;
  const last = evals[4]!.losses.tagger!;
  assert.ok(last < first / 2, `loss ${first} -> ${last}`);
  assert.ok(result.bestScore > 0.9, `best tag_acc ${result.bestScore}`);
  assert.equal(result.reason, "max_steps");
  assert.equal(events.at(-1)!.type, "end");
  assert.equal(lines[0], "ℹ Pipeline: ['tagger']");
  assert.equal(lines[2], "E    #       LOSS TAGGER  TAG_ACC  SCORE ");
  assert.equal(lines.length, 4 + 5);
  assert.equal(typeof result.finalScores.tag_acc, "number");
});

Deno.test("train() with the same seed gives identical weights", async () => {
  const a = await train(tinyConfig(), { overrides: { "training.max_steps": 5 } });
  const b = await train(tinyConfig(), { overrides: { "training.max_steps": 5 } });
  const c = await train(tinyConfig(), {
    overrides: { "training.max_steps": 5, "training.seed": 8 },
  });
  const model = (nlp: Language) => (nlp.getPipe("tagger") as unknown as { model: Model }).model;
  assert.deepEqual(paramsOf(model(a.nlp)), paramsOf(model(b.nlp)));
  assert.notDeepEqual(paramsOf(model(a.nlp)), paramsOf(model(c.nlp)));
});

Deno.test("train() saves model-last and model-best that load with identical predictions", async () => {
  const out = await Deno.makeTempDir();
  const result = await train(tinyConfig(), { outputDir: out });
  const loaded = await load(`${out}/model-last`);
  const tags = (nlp: Language) => devDocs(nlp).map((d) => [...nlp.call(d)].map((t) => t.tag));
  assert.deepEqual(tags(loaded), tags(result.nlp));
  const best = await load(`${out}/model-best`);
  const meta = JSON.parse(await Deno.readTextFile(`${out}/model-best/meta.json`));
  assert.equal(meta.performance.tag_acc, result.bestScore);
  assert.equal(meta.format_version, 1);
  assert.deepEqual(best.pipeNames, ["tagger"]);
  assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name).sort(), [
    "model-best",
    "model-last",
  ]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("train() leaves frozen components unchanged", async () => {
  const snapshots: Float32Array[][] = [];
  registry.callbacks.register("weft_test.snapshot_frozen.v1", () => (nlp: Language) => {
    const frozen = (nlp.getPipe("frozen") as unknown as { model: Model }).model;
    snapshots.push(paramsOf(frozen));
  });
  const config = tinyConfig(`
[training.before_update]
@callbacks = "weft_test.snapshot_frozen.v1"
`);
  (config.data.nlp as Record<string, unknown>).pipeline = ["frozen", "tagger"];
  (config.data.components as Record<string, unknown>).frozen = {
    factory: "weft_test_tiny_tagger",
    width: 4,
    labels: ["DET", "NOUN"],
  };
  const result = await train(config, {
    overrides: { "training.frozen_components": ["frozen"], "training.max_steps": 6 },
  });
  const after = paramsOf((result.nlp.getPipe("frozen") as unknown as { model: Model }).model);
  assert.equal(snapshots.length, 7);
  assert.deepEqual(after, snapshots[0]);
  const trained = (result.nlp.getPipe("tagger") as unknown as { model: Model }).model;
  assert.ok(trained.walk().some((n) => n.paramNames.length > 0));
});

Deno.test("train() stops on abort and keeps a complete model-last", async () => {
  const out = await Deno.makeTempDir();
  const controller = new AbortController();
  const result = await train(tinyConfig(), {
    outputDir: out,
    signal: controller.signal,
    onEvent: (e) => {
      if (e.type === "step" && e.step === 12) controller.abort();
    },
  });
  assert.equal(result.reason, "aborted");
  const loaded = await load(`${out}/model-last`);
  assert.deepEqual(loaded.pipeNames, ["tagger"]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("a failure while saving keeps the previous pipeline", async (t) => {
  const out = await Deno.makeTempDir();
  const { nlp } = await train(tinyConfig(), { overrides: { "training.max_steps": 3 } });
  await savePipeline(nlp, `${out}/model`);
  const before = await Deno.readFile(`${out}/model/tagger/model`);
  const model = (nlp.getPipe("tagger") as unknown as { model: Model }).model;

  await t.step("a component that fails to serialize", async () => {
    const original = model.toBytes;
    model.toBytes = () => Promise.reject(new Error("simulated crash"));
    await assert.rejects(savePipeline(nlp, `${out}/model`), /simulated crash/);
    model.toBytes = original;
    assert.deepEqual(await Deno.readFile(`${out}/model/tagger/model`), before);
    assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name), ["model"]);
  });

  await t.step("a write that fails halfway", async () => {
    const write = Deno.writeFile;
    let n = 0;
    // Fail on the third file: config.cfg and one more are already written.
    (Deno as { writeFile: typeof Deno.writeFile }).writeFile = (path, data, options) =>
      ++n === 3 ? Promise.reject(new Error("disk full")) : write(path, data, options);
    try {
      await assert.rejects(savePipeline(nlp, `${out}/model`));
    } finally {
      (Deno as { writeFile: typeof Deno.writeFile }).writeFile = write;
    }
    assert.deepEqual(await Deno.readFile(`${out}/model/tagger/model`), before);
    assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name), ["model"]);
  });

  await t.step("a crash between moving the old folder aside and the new one in", async () => {
    await Deno.rename(`${out}/model`, `${out}/.model.weft-old-crashed`);
    await Deno.mkdir(`${out}/.model.weft-tmp-crashed`);
    await Deno.writeTextFile(`${out}/.model.weft-tmp-crashed/config.cfg`, "[nlp");
    const loaded = await load(`${out}/model`);
    assert.deepEqual(loaded.pipeNames, ["tagger"]);
    assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name), ["model"]);
  });
  await Deno.remove(out, { recursive: true });
});

Deno.test("load() reads pipelineToBytes() output and refuses newer formats", async () => {
  const { pipelineToBytes } = await import("./exports.ts");
  const { nlp } = await train(tinyConfig(), { overrides: { "training.max_steps": 2 } });
  const back = await load(await pipelineToBytes(nlp));
  const tags = (x: Language) => devDocs(x).map((d) => [...x.call(d)].map((t) => t.tag));
  assert.deepEqual(tags(back), tags(nlp));
  const out = await Deno.makeTempDir();
  await savePipeline(nlp, `${out}/m`, { meta: { format_version: 1 } });
  const meta = JSON.parse(await Deno.readTextFile(`${out}/m/meta.json`));
  await Deno.writeTextFile(`${out}/m/meta.json`, JSON.stringify({ ...meta, format_version: 99 }));
  await assert.rejects(load(`${out}/m`), RangeError);
  await Deno.remove(out, { recursive: true });
});

Deno.test("train() stops after max_epochs, also streaming (-1 reads the corpus each epoch)", async () => {
  for (const maxEpochs of [2, -1]) {
    const steps: number[] = [];
    const epochs = new Set<number>();
    const controller = new AbortController();
    const result = await train(tinyConfig(), {
      overrides: {
        "training.max_epochs": maxEpochs,
        "training.max_steps": 0,
        "training.accumulate_gradient": 2,
      },
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== "step" && e.type !== "eval") return;
        steps.push(e.step);
        epochs.add(e.epoch);
        // Streaming never ends by itself: stop in the fourth epoch.
        if (maxEpochs < 0 && e.epoch === 3) controller.abort();
      },
    });
    assert.deepEqual(steps, steps.map((_, i) => i));
    if (maxEpochs > 0) {
      assert.equal(result.reason, "max_epochs");
      assert.deepEqual([...epochs], [0, 1]);
    } else {
      assert.equal(result.reason, "aborted");
      assert.deepEqual([...epochs], [0, 1, 2, 3]);
    }
  }
});
