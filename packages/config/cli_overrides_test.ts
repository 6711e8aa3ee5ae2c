import assert from "node:assert/strict";
import { Config, parseCliOverrides } from "./mod.ts";

Deno.test("parseCliOverrides() reads --key value, --key=value and flags", () => {
  assert.deepEqual(
    parseCliOverrides([
      "--paths.train",
      "./x",
      "--training.max_epochs=5",
      "--flag",
      "--training.dropout",
      "0.2",
      "--nlp.pipeline",
      '["tok2vec","ner"]',
      "--training.seed",
      "-1",
      "--system.use-gpu=0",
      "--paths.dev",
      "null",
      "--nlp.lang=en",
    ]),
    {
      "paths.train": "./x",
      "training.max_epochs": 5,
      flag: true,
      "training.dropout": 0.2,
      "nlp.pipeline": ["tok2vec", "ner"],
      "training.seed": -1,
      "system.use_gpu": 0,
      "paths.dev": null,
      "nlp.lang": "en",
    },
  );
});

Deno.test("parseCliOverrides() rejects arguments without --", () => {
  assert.throws(() => parseCliOverrides(["paths.train", "x"]), SyntaxError);
  assert.deepEqual(parseCliOverrides([]), {});
});

Deno.test("CLI overrides apply before interpolation", () => {
  const overrides = parseCliOverrides(["--paths.train", "./x", "--training.max_epochs=5"]);
  const config = Config.fromStr(
    '[paths]\ntrain = null\n\n[training]\nmax_epochs = 1\ncorpus = ${paths.train}\nname = "at ${paths.train}"\n',
    { overrides },
  );
  assert.deepEqual(config.data, {
    paths: { train: "./x" },
    training: { max_epochs: 5, corpus: "./x", name: "at ./x" },
  });
});
