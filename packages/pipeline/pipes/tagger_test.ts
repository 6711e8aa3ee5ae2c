import assert from "node:assert/strict";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type Tagger } from "../mod.ts";
import {
  fastAdam,
  smallTok2vec,
  taggedExamples,
  taggerModel,
  trainLosses,
} from "./testing_fixtures.ts";

function taggerPipeline(seed = 0): [Language, Tagger] {
  fixRandomSeed(seed);
  const nlp = Language.blank("en");
  const tagger = nlp.addPipe("tagger", {
    config: { model: taggerModel(smallTok2vec()) },
  }) as Tagger;
  return [nlp, tagger];
}

async function weights(nlp: Language, name: string): Promise<Float32Array[]> {
  const model = (nlp.getPipe(name) as Tagger).model;
  const out: Float32Array[] = [];
  for (const node of model.walk()) {
    for (const p of node.paramNames) {
      const v = node.maybeGetParam(p);
      if (v) out.push(Float32Array.from(await model.ops.read(v)));
    }
  }
  return out;
}

Deno.test("Tagger infers sorted labels and its loss decreases to fit the data", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  assert.deepEqual(tagger.labels, ["J", "N", "V"]);
  const losses = trainLosses(nlp, egs, "tagger", 25);
  assert.ok(losses.at(-1)! < losses[0]! / 10, `losses ${losses[0]} -> ${losses.at(-1)}`);
  const scores = nlp.evaluate(taggedExamples(nlp.vocab));
  assert.equal(scores.tag_acc, 1);
  assert.equal(typeof scores.speed, "number");
  assert.ok((scores.speed as number) > 0);
});

Deno.test("Tagger loss is the sum of squared gradients (hand-computed at zero weights)", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  // The output layer starts at zero: every token scores 1/3 for each of 3 tags,
  // so each token's gradient is (1/3 - 1, 1/3, 1/3): squared sum 2/3.
  const tokens = egs.reduce((n, eg) => n + eg.predicted.length, 0);
  // (Training normalizes; prediction skips the softmax, as spaCy.Tagger.v2.)
  const [scores] = tagger.model.beginUpdate(egs.map((e) => e.predicted));
  const [loss] = tagger.getLoss(egs, scores);
  assert.ok(Math.abs(loss - (tokens * 2) / 3) < 1e-4, `loss ${loss}`);
});

Deno.test("Tagger treats unaligned and unannotated tokens as missing", async () => {
  const [nlp, tagger] = taggerPipeline();
  await nlp.initialize(() => taggedExamples(nlp.vocab));
  const predicted = new Doc(nlp.vocab, { words: ["Eat", "blueham"] });
  const eg = Example.fromDict(predicted, { words: ["Eat", "blue", "ham"], tags: ["V", "J", "N"] });
  const scores = tagger.model.predict([predicted]);
  const [, d] = tagger.getLoss([eg], scores);
  const grad = tagger.model.ops.readSync!(d[0]!);
  // Row 1 (the merged token) has no gradient.
  assert.deepEqual([...grad.slice(3, 6)].map((v) => v + 0), [0, 0, 0]);
  assert.ok(grad.slice(0, 3).some((v) => v !== 0));
});

Deno.test("Tagger: the same seed gives identical weights after training", async () => {
  const run = async () => {
    const [nlp] = taggerPipeline(7);
    const egs = taggedExamples(nlp.vocab);
    await nlp.initialize(() => egs);
    trainLosses(nlp, egs, "tagger", 5);
    return weights(nlp, "tagger");
  };
  assert.deepEqual(await run(), await run());
});

Deno.test("Language.update() leaves excluded (frozen) components unchanged", async () => {
  const [nlp] = taggerPipeline();
  nlp.addPipe("senter", { config: { model: taggerModel(smallTok2vec(8)) } });
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const before = await weights(nlp, "tagger");
  const sgd = fastAdam();
  for (let i = 0; i < 3; i++) nlp.update(egs, { sgd, exclude: ["tagger"] });
  assert.deepEqual(await weights(nlp, "tagger"), before);
  nlp.update(egs, { sgd });
  assert.notDeepEqual(await weights(nlp, "tagger"), before);
});

Deno.test("Tagger toBytes/fromBytes and toDisk/fromDisk give identical predictions", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "tagger", 5);
  const docs = () => egs.map((eg) => new Doc(nlp.vocab, { words: eg.predicted.words }));
  const expected = tagger.model.ops.readSync!(tagger.model.ops.flatten(tagger.predict(docs())));
  const [, fresh] = taggerPipeline(99);
  await fresh.fromBytes(await tagger.toBytes());
  assert.deepEqual(fresh.labels, tagger.labels);
  const got = fresh.model.ops.readSync!(fresh.model.ops.flatten(fresh.predict(docs())));
  assert.deepEqual(got, expected);
  const dir = await Deno.makeTempDir();
  try {
    await tagger.toDisk(`${dir}/tagger`);
    const [other, fromDisk] = taggerPipeline(5);
    await fromDisk.fromDisk(`${dir}/tagger`);
    const otherDocs = egs.map((eg) => new Doc(other.vocab, { words: eg.predicted.words }));
    const tags = fromDisk.callBatch(otherDocs).map((d) => [...d].map((t) => t.tag));
    assert.deepEqual(tags, tagger.callBatch(docs()).map((d) => [...d].map((t) => t.tag)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Tagger: the async path annotates as the sync path", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const sgd = fastAdam();
  for (let i = 0; i < 10; i++) await nlp.updateAsync(egs, { sgd });
  const text = "They like blue ham";
  const a = [...nlp.call(text)].map((t) => t.tag);
  const b = [...(await nlp.process(text))].map((t) => t.tag);
  assert.deepEqual(a, b);
  assert.deepEqual(a, ["N", "V", "J", "N"]);
  assert.equal(tagger.labels.length, 3);
});

Deno.test("Tagger: initialize takes explicit labels and keeps existing tags unless overwrite", async () => {
  const [nlp, tagger] = taggerPipeline();
  await nlp.initialize(() => taggedExamples(nlp.vocab), { tagger: { labels: ["V", "N", "J"] } });
  assert.deepEqual(tagger.labels, ["V", "N", "J"]);
  const doc = new Doc(nlp.vocab, { words: ["I", "eat"], tags: ["X", null] });
  tagger.call(doc);
  assert.equal(doc.token(0).tag, "X");
  assert.ok(tagger.labels.includes(doc.token(1).tag));
});

Deno.test("Language.useParams() swaps in averaged weights and restores them", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  // A table of "averages" that zeroes the output layer's weights.
  const W = tagger.model.getRef("output_layer");
  const key = `${W.id}:W`;
  const zeros = W.ops.alloc2f(...(W.getParam2d("W").shape as [number, number]));
  const before = await weights(nlp, "tagger");
  const inside = nlp.useParams(new Map([[key, zeros]]), () => W.getParam2d("W"));
  assert.equal(inside, zeros);
  assert.deepEqual(await weights(nlp, "tagger"), before);
  assert.equal(nlp.useParams(undefined, () => 3), 3);
});

Deno.test("Tagger trains and annotates through the async path on a backend without sync reads", async () => {
  const [nlp, tagger] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  // A CPU backend that, like WebGPU, can only read asynchronously, seen by the
  // component (the root model's ops); the layers inside keep the CPU backend
  // because the architectures' list2ragged stand-in still reads synchronously.
  const cpu = tagger.model.ops;
  const asyncOnly = new Proxy(cpu, {
    get(target, prop) {
      if (prop === "readSync") return undefined;
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  tagger.model.ops = asyncOnly;
  assert.throws(() => nlp.update(egs), TypeError);
  assert.throws(() => nlp.call("They eat"), TypeError);
  const sgd = fastAdam();
  let first = 0;
  let last = 0;
  for (let i = 0; i < 20; i++) {
    last = (await nlp.updateAsync(egs, { sgd })).tagger!;
    if (i === 0) first = last;
  }
  assert.ok(last < first / 10, `${first} -> ${last}`);
  const doc = await nlp.process("They like blue ham");
  assert.deepEqual([...doc].map((t) => t.tag), ["N", "V", "J", "N"]);
  assert.equal((await nlp.evaluateAsync(taggedExamples(nlp.vocab))).tag_acc, 1);
});

Deno.test("Language.update() steps with its default optimizer unless sgd is null", async () => {
  const [nlp] = taggerPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const before = await weights(nlp, "tagger");
  nlp.update(egs, { sgd: null });
  nlp.update(egs, { sgd: false });
  assert.deepEqual(await weights(nlp, "tagger"), before);
  nlp.update(egs);
  assert.notDeepEqual(await weights(nlp, "tagger"), before);
  assert.equal(nlp.optimizer, nlp.optimizer);
});

Deno.test("Tagger: a negative gold tag only pushes that tag down", async () => {
  const [nlp, tagger] = taggerPipeline();
  await nlp.initialize(() => taggedExamples(nlp.vocab));
  const predicted = new Doc(nlp.vocab, { words: ["Eat", "ham"] });
  const eg = Example.fromDict(predicted, { tags: ["!V", "N"] });
  assert.deepEqual(tagger.labels, ["J", "N", "V"]);
  const [scores] = tagger.model.beginUpdate([predicted]);
  const [, d] = tagger.getLoss([eg], scores);
  const g = [...tagger.model.ops.readSync!(d[0]!)].map((v) => Math.round(v * 1e4) / 1e4 + 0);
  // Zero output layer: 1/3 everywhere. Row 0 only moves V; row 1 is gold N.
  const third = Math.round(1e4 / 3) / 1e4;
  assert.deepEqual(g, [0, 0, third, third, Math.round(-2e4 / 3) / 1e4, third]);
});
