import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import {
  combineScoreWeights,
  corpusByDotName,
  type LoggerSetup,
  resolveTraining,
  type ScoreWeights,
  type TrainingInfo,
} from "./exports.ts";
import { Vocab } from "../vocab/vocab.ts";
import { Doc } from "../doc/doc.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const SPACY_CONFIGS = [
  "tagger_efficiency.cfg",
  "textcat_efficiency.cfg",
  "textcat_accuracy.cfg",
  "morphologizer_senter_efficiency.cfg",
  "textcat_multilabel_efficiency.cfg",
];

function info(step: number, losses: Record<string, number>, scores: Record<string, number>) {
  return {
    epoch: 1,
    step,
    score: 0.5,
    otherScores: scores,
    losses,
    checkpoints: [],
    seconds: 3,
    words: 100,
  } satisfies TrainingInfo;
}

const trainable = { model: {}, update() {} };

Deno.test("spacy.ConsoleLogger.v1 writes spaCy's table for tok2vec + tagger", () => {
  const setup = registry.resolve({
    l: { "@loggers": "spacy.ConsoleLogger.v1", progress_bar: false },
  }).l as LoggerSetup;
  const lines: string[] = [];
  const nlp = {
    pipeline: [["tok2vec", trainable], ["tagger", trainable], ["sentencizer", {}]] as [
      string,
      unknown,
    ][],
    config: { training: { score_weights: { tag_acc: 1, pos_acc: 0, tag_micro_p: null } } },
  };
  const log = setup(nlp, { write: (t) => lines.push(t) });
  log.logStep(null);
  log.logStep(info(200, { tok2vec: 1.234, tagger: 2345.6789 }, { tag_acc: 0.93456, pos_acc: 0 }));
  log.logStep(info(12345, { tok2vec: 0, tagger: 0.005 }, { tag_acc: 1, pos_acc: 0.5 }));
  assert.deepEqual(lines, [
    "E    #       LOSS TOK2VEC  LOSS TAGGER  TAG_ACC  POS_ACC  SCORE ",
    "---  ------  ------------  -----------  -------  -------  ------",
    "  1     200          1.23      2345.68    93.46     0.00    0.50",
    "  1   12345          0.00         0.01   100.00    50.00    0.50",
  ]);
});

Deno.test("spacy.ConsoleLogger.v2 writes a JSONL log and refuses to overwrite one", async () => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/logs/train.jsonl`;
  const make = () =>
    registry.resolve({
      l: { "@loggers": "spacy.ConsoleLogger.v2", console_output: false, output_file: file },
    }).l as LoggerSetup;
  const nlp = {
    pipeline: [["textcat", trainable]] as [string, unknown][],
    config: { training: { score_weights: { cats_score: 1, speed: 0 } } },
  };
  const lines: string[] = [];
  const log = make()(nlp, { write: (t) => lines.push(t) });
  log.logStep(info(0, { textcat: 0.5 }, { cats_score: 0.25, speed: 1000 }));
  log.finalize();
  assert.deepEqual(lines, [`ℹ Saving results to ${file}`]);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), {
    epoch: 1,
    step: 0,
    losses: { textcat: 0.5 },
    scores: { cats_score: 25, speed: 1000 },
    score: 0.5,
  });
  const again: string[] = [];
  make()(nlp, { write: (t) => again.push(t) }).finalize();
  assert.match(again[0]!, /Saving logs is disabled because .* already exists/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("spacy.ConsoleLogger.v3 rejects an unknown progress bar", () => {
  assert.throws(
    () => registry.resolve({ l: { "@loggers": "spacy.ConsoleLogger.v3", progress_bar: "x" } }),
    RangeError,
  );
});

Deno.test("the [training] and [corpora] sections of spaCy's generated configs resolve", async (t) => {
  for (const name of SPACY_CONFIGS) {
    await t.step(name, () => {
      const config = Config.fromStr(Deno.readTextFileSync(`${here}spacy/${name}`), {
        overrides: { "paths.train": `${here}train.weftdocs`, "paths.dev": `${here}dev.weftdocs` },
      });
      const data = config.toJSON() as Record<string, Record<string, unknown>>;
      const training = data.training!;
      const weights = combineScoreWeights([], training.score_weights as ScoreWeights);
      const T = resolveTraining(training, weights);
      assert.equal(typeof T.batcher, "function");
      assert.equal(typeof T.logger, "function");
      assert.equal((T.optimizer as { learnRate: number }).learnRate, 0.001);
      const corpora = registry.resolve({ corpora: data.corpora! });
      const vocab = new Vocab({ lang: "en" });
      const nlp = {
        vocab,
        makeDoc: (text: string) => new Doc(vocab, { words: text.split(" ").filter(Boolean) }),
      };
      const read = corpusByDotName(corpora, String(training.train_corpus));
      const examples = [...read(nlp as never)];
      assert.equal(examples.length, 60);
      const batches = [...T.batcher(examples)];
      assert.equal(batches.flat().length, 60);
      // compounding.v1 from 100 words: the first batch holds about 100 words.
      const words = batches[0]!.reduce((n, eg) => n + eg.predicted.length, 0);
      assert.ok(words <= 120 && words >= 80, `${words} words`);
    });
  }
});

Deno.test("spacy.first_longest_spans_filter.v1 keeps the first longest spans", () => {
  const filter = registry.resolve({ f: { "@misc": "spacy.first_longest_spans_filter.v1" } })
    .f as (s: { start: number; end: number }[]) => { start: number; end: number }[];
  assert.deepEqual(
    filter([{ start: 0, end: 2 }, { start: 1, end: 4 }, { start: 4, end: 5 }, {
      start: 3,
      end: 5,
    }]),
    [{ start: 1, end: 4 }, { start: 4, end: 5 }],
  );
});
