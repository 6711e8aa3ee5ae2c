import assert from "node:assert/strict";
import { fixRandomSeed, type Model } from "@weft/layers";
import type { Tok2VecListener } from "@weft/architectures";
import { Doc, Example, Language, type Tagger, type TextCategorizer, type Tok2Vec } from "../mod.ts";
import {
  fastAdam,
  listener,
  smallTok2vec,
  TAGGED,
  taggerModel,
  textcatModel,
} from "./testing_fixtures.ts";

function sharedPipeline(): [Language, Tok2Vec, Tagger, TextCategorizer] {
  fixRandomSeed(3);
  const nlp = Language.blank("en");
  const tok2vec = nlp.addPipe("tok2vec", { config: { model: smallTok2vec(16) } }) as Tok2Vec;
  const tagger = nlp.addPipe("tagger", {
    config: { model: taggerModel(listener(16)) },
  }) as Tagger;
  const textcat = nlp.addPipe("textcat", {
    config: { model: textcatModel(listener(16)) },
  }) as TextCategorizer;
  return [nlp, tok2vec, tagger, textcat];
}

function examples(nlp: Language): Example[] {
  return TAGGED.map(([words, tags], i) =>
    Example.fromDict(new Doc(nlp.vocab, { words }), {
      tags,
      cats: { A: i % 2, B: 1 - (i % 2) },
    })
  );
}

/** Read and zero every gradient of a model, in walk order. */
function takeGrads(model: Model): Float32Array[] {
  const out: Float32Array[] = [];
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      const g = node.maybeGetGrad(name);
      if (g === null) continue;
      out.push(Float32Array.from(model.ops.readSync!(g)));
      model.ops.fill(g, 0);
    }
  }
  return out;
}

function paramsOf(model: Model): Float32Array[] {
  return model.walk().flatMap((node) =>
    node.paramNames.flatMap((n) => {
      const p = node.maybeGetParam(n);
      return p ? [Float32Array.from(model.ops.readSync!(p))] : [];
    })
  );
}

Deno.test("Tok2Vec finds the listeners of later components", async () => {
  const [nlp, tok2vec, tagger, textcat] = sharedPipeline();
  await nlp.initialize(() => examples(nlp));
  assert.deepEqual(tok2vec.listeningComponents, ["tagger", "textcat"]);
  assert.equal(tok2vec.listeners.length, 2);
  assert.ok(tagger.model.walk().includes(tok2vec.listeners[0]! as Model));
  assert.ok(textcat.model.walk().includes(tok2vec.listeners[1]! as Model));
});

Deno.test("a shared tok2vec receives the sum of its two listeners' gradients", async () => {
  const [nlp, tok2vec, tagger, textcat] = sharedPipeline();
  const egs = examples(nlp);
  await nlp.initialize(() => egs);
  const docs = egs.map((eg) => eg.predicted);
  const textcatListener = tok2vec.listeners[1]! as Tok2VecListener;
  // The output layers start at zero and pass no gradient back: train them a little.
  const sgd = fastAdam();
  for (let i = 0; i < 3; i++) nlp.update(egs, { sgd });
  takeGrads(tok2vec.model);

  // Both components backpropagate: the last listener's call runs the backprop.
  tok2vec.update(egs);
  tagger.update(egs);
  textcat.update(egs);
  const both = takeGrads(tok2vec.model);

  // Only the tagger: the textcat listener passes back zeros.
  tok2vec.update(egs);
  tagger.update(egs);
  const [outputs, backprop] = textcatListener.stored(docs)!;
  backprop(outputs.map((o) => tok2vec.model.ops.alloc2f(o.shape[0], o.shape[1])));
  const taggerOnly = takeGrads(tok2vec.model);

  // Only the textcat.
  tok2vec.update(egs);
  textcat.update(egs);
  const textcatOnly = takeGrads(tok2vec.model);

  assert.ok(taggerOnly.some((g) => g.some((v) => v !== 0)), "the tagger sends gradients");
  assert.ok(textcatOnly.some((g) => g.some((v) => v !== 0)), "the textcat sends gradients");
  both.forEach((g, i) => {
    g.forEach((v, j) => {
      const sum = taggerOnly[i]![j]! + textcatOnly[i]![j]!;
      assert.ok(
        Math.abs(v - sum) <= 1e-5 + 1e-4 * Math.abs(sum),
        `grad ${i}[${j}]: ${v} vs ${sum}`,
      );
    });
  });
});

Deno.test("nlp.update() trains a shared tok2vec with a tagger and a textcat", async () => {
  const [nlp, tok2vec] = sharedPipeline();
  const egs = examples(nlp);
  await nlp.initialize(() => egs);
  const before = paramsOf(tok2vec.model);
  const sgd = fastAdam();
  const history: Record<string, number>[] = [];
  for (let i = 0; i < 25; i++) history.push(nlp.update(egs, { sgd }));
  assert.notDeepEqual(paramsOf(tok2vec.model), before);
  for (const name of ["tagger", "textcat"]) {
    assert.ok(history.at(-1)![name]! < history[0]![name]! / 2, `${name} loss decreases`);
  }
  assert.ok(history.at(-1)!.tok2vec! > 0);
  const doc = nlp.call("They eat blue apples");
  assert.deepEqual([...doc].map((t) => t.tag), ["N", "V", "J", "N"]);
  assert.equal(doc.tensor?.shape[1], 16);
});

Deno.test("a frozen tok2vec that annotates feeds its listeners through doc.tensor", async () => {
  const [nlp, tok2vec, tagger] = sharedPipeline();
  nlp.removePipe("textcat");
  const egs = examples(nlp);
  await nlp.initialize(() => egs);
  const before = paramsOf(tok2vec.model);
  const sgd = fastAdam();
  const first = nlp.update(egs, { sgd, exclude: ["tok2vec"], annotates: ["tok2vec"] }).tagger!;
  let last = first;
  for (let i = 0; i < 15; i++) {
    last = nlp.update(egs, { sgd, exclude: ["tok2vec"], annotates: ["tok2vec"] }).tagger!;
  }
  assert.deepEqual(paramsOf(tok2vec.model), before);
  assert.ok(last < first, `${first} -> ${last}`);
  // The caller's examples were not annotated.
  assert.equal(egs[0]!.predicted.tensor, undefined);
  assert.equal(tagger.labels.length, 3);
});

Deno.test("replaceListeners() gives a component its own trained copy of the tok2vec", async () => {
  const [nlp, tok2vec, tagger] = sharedPipeline();
  nlp.removePipe("textcat");
  nlp.config = {
    components: {
      tok2vec: { factory: "tok2vec", model: smallTok2vec(16) },
      tagger: { factory: "tagger", model: taggerModel(listener(16)) },
    },
  };
  const egs = examples(nlp);
  await nlp.initialize(() => egs);
  const sgd = fastAdam();
  for (let i = 0; i < 10; i++) nlp.update(egs, { sgd });
  const doc = () => new Doc(nlp.vocab, { words: ["They", "eat", "blue", "apples"] });
  const expected = [...nlp.call(doc())].map((t) => t.tag);
  nlp.replaceListeners("tok2vec", "tagger", ["model.tok2vec"]);
  assert.deepEqual(tok2vec.listeningComponents, []);
  const components = nlp.config.components as Record<string, Record<string, unknown>>;
  assert.deepEqual(
    (components.tagger!.model as Record<string, unknown>).tok2vec,
    smallTok2vec(16),
  );
  nlp.removePipe("tok2vec");
  // The copy carries the trained weights: same tags without the tok2vec component.
  assert.deepEqual([...tagger.call(doc())].map((t) => t.tag), expected);
  assert.throws(() => nlp.replaceListeners("tagger", "tagger", []), RangeError);
});

Deno.test("a shared pipeline: the same seed gives identical weights; bytes give identical predictions", async () => {
  const trained = async () => {
    const [nlp, tok2vec, tagger, textcat] = sharedPipeline();
    const egs = examples(nlp);
    await nlp.initialize(() => egs);
    const sgd = fastAdam();
    for (let i = 0; i < 5; i++) nlp.update(egs, { sgd, drop: 0.1 });
    return { nlp, tok2vec, tagger, textcat };
  };
  const a = await trained();
  const b = await trained();
  for (const name of ["tok2vec", "tagger", "textcat"] as const) {
    assert.deepEqual(paramsOf(a[name].model), paramsOf(b[name].model), name);
  }
  const [fresh, tok2vec, tagger, textcat] = sharedPipeline();
  await tok2vec.fromBytes(await a.tok2vec.toBytes());
  await tagger.fromBytes(await a.tagger.toBytes());
  await textcat.fromBytes(await a.textcat.toBytes());
  const text = "They eat green eggs";
  const expected = a.nlp.call(text);
  const got = fresh.call(text);
  assert.deepEqual([...got].map((t) => t.tag), [...expected].map((t) => t.tag));
  assert.deepEqual(got.cats, expected.cats);
  const ops = a.tok2vec.model.ops;
  assert.deepEqual(ops.readSync!(got.tensor!), ops.readSync!(expected.tensor!));
});
