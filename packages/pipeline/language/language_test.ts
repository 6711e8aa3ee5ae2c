import assert from "node:assert/strict";
import { Config, registry, schema as s } from "@weft/config";
import "./registrations.ts";
import type { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import { Language } from "./language.ts";
import type { Pipe } from "./pipe.ts";

// A test factory that records the order components ran in.
class Marker implements Pipe {
  constructor(readonly name: string, readonly mark: string) {}
  call(doc: Doc): Doc {
    const seen = (doc.userData.get("seen") as string[] | undefined) ?? [];
    doc.userData.set("seen", [...seen, this.mark]);
    return doc;
  }
  async processBatch(docs: Doc[]): Promise<Doc[]> {
    await Promise.resolve();
    return docs.map((d) => this.call(d));
  }
}
registry.factories.register(
  "test_marker",
  (a: Record<string, unknown>) => new Marker(a.name as string, a.mark as string),
  { schema: { mark: s.str().default("m") } },
);
registry.misc.register(
  "test.upper.v1",
  (a: Record<string, unknown>) => String(a.text).toUpperCase(),
);

const seen = (doc: Doc) => doc.userData.get("seen");

Deno.test("Language.addPipe() places components by name, index, first and last", () => {
  const nlp = Language.blank("en");
  nlp.addPipe("test_marker", { name: "b", config: { mark: "b" } });
  nlp.addPipe("test_marker", { name: "a", first: true, config: { mark: "a" } });
  nlp.addPipe("test_marker", { name: "d", config: { mark: "d" } });
  nlp.addPipe("test_marker", { name: "c", after: "b", config: { mark: "c" } });
  nlp.addPipe("test_marker", { name: "z", before: 0 });
  assert.deepEqual(nlp.pipeNames, ["z", "a", "b", "c", "d"]);
  assert.deepEqual(seen(nlp.call("hi")), ["m", "a", "b", "c", "d"]);
  assert.equal(nlp.factoryName("c"), "test_marker");
  assert.throws(() => nlp.addPipe("test_marker", { name: "a" }), /already exists/);
  assert.throws(
    () => nlp.addPipe("test_marker", { name: "q", before: "nope" }),
    /No component "nope"/,
  );
  assert.throws(
    () => nlp.addPipe("test_marker", { name: "q", before: "a", after: "b" }),
    /only one of/,
  );
  assert.throws(() => nlp.addPipe("tagger_that_does_not_exist"), RangeError);
});

Deno.test("Language: removing, renaming, disabling and selecting components", () => {
  const nlp = Language.blank("en");
  for (const m of ["a", "b", "c"]) nlp.addPipe("test_marker", { name: m, config: { mark: m } });
  const [name] = nlp.removePipe("b");
  assert.equal(name, "b");
  nlp.renamePipe("c", "cc");
  assert.deepEqual(nlp.pipeNames, ["a", "cc"]);
  const handle = nlp.selectPipes({ enable: "cc" });
  assert.deepEqual(nlp.pipeNames, ["cc"]);
  assert.deepEqual(nlp.disabled, ["a"]);
  assert.deepEqual(seen(nlp.call("x")), ["c"]);
  handle.restore();
  assert.deepEqual(nlp.pipeNames, ["a", "cc"]);
  nlp.selectPipes({ disable: ["a"] });
  assert.deepEqual(nlp.pipeNames, ["cc"]);
  nlp.enablePipe("a");
  assert.throws(() => nlp.selectPipes({}), TypeError);
  assert.throws(() => nlp.removePipe("zzz"), /No component "zzz"/);
});

Deno.test("Language.pipe() streams sync and async inputs in order, in batches", async () => {
  const nlp = Language.blank("en");
  nlp.addPipe("test_marker", { config: { mark: "x" } });
  const texts = Array.from({ length: 7 }, (_, i) => `text number ${i}`);
  const sync = [...nlp.pipe(texts, { batchSize: 3 })];
  assert.deepEqual(sync.map((d) => d.token(2).text), texts.map((_, i) => String(i)));
  async function* gen() {
    for (const t of texts) yield t;
  }
  const out: Doc[] = [];
  for await (const doc of nlp.pipe(gen(), { batchSize: 2 })) out.push(doc);
  assert.deepEqual(out.map((d) => d.text), texts);
  assert.deepEqual(seen(out[0]!), ["x"]);
  assert.throws(() => [...nlp.pipe(gen())], /for await/);
  assert.throws(() => nlp.pipe(texts, { batchSize: 0 }), RangeError);
  assert.deepEqual(seen(await nlp.process("async one")), ["x"]);
});

Deno.test("Language.fromConfig() builds tokenizer and components, resolving nested blocks", () => {
  const nlp = Language.fromConfig(Config.fromStr(`
[nlp]
lang = "en"
pipeline = ["first","sentencizer"]
disabled = ["first"]
batch_size = 64

[nlp.tokenizer]
@tokenizers = "spacy.Tokenizer.v1"

[components]

[components.first]
factory = "test_marker"

[components.first.mark]
@misc = "test.upper.v1"
text = "shout"

[components.sentencizer]
factory = "sentencizer"
`));
  assert.equal(nlp.batchSize, 64);
  assert.deepEqual(nlp.componentNames, ["first", "sentencizer"]);
  assert.deepEqual(nlp.pipeNames, ["sentencizer"]);
  assert.equal((nlp.getPipe("first") as Marker).mark, "SHOUT");
  assert.deepEqual(nlp.call("Don't go. Stay!").words, ["Do", "n't", "go", ".", "Stay", "!"]);
  assert.throws(() => Language.fromConfig({ nlp: {} }), /no \[nlp\] lang/);
  assert.throws(
    () =>
      Language.fromConfig({
        nlp: { lang: "en", pipeline: ["x"] },
        components: { x: { source: "en_core_web_sm" } },
      }),
    /sourcing components is not supported/,
  );
});

Deno.test("Language.evaluate() annotates predicted docs and scores them", () => {
  const nlp = Language.blank("en");
  nlp.addPipe("sentencizer");
  const eg = Example.fromDict(nlp.makeDoc("Hi there. Bye now."), {
    sent_starts: [1, 0, 0, 1, 0, 0],
  });
  const scores = nlp.evaluate([eg]);
  assert.equal(scores.sents_f, 1);
  assert.equal(scores.token_acc, 1);
});

Deno.test("Language.evaluateAsync() gives the same scores through the async path", async () => {
  const nlp = Language.blank("en");
  nlp.addPipe("sentencizer");
  // Predicted: [Hi there .] [Bye now !] [Ok]; reference: [Hi there .] [Bye now ! Ok].
  const eg = Example.fromDict(nlp.makeDoc("Hi there. Bye now! Ok"), {
    sent_starts: [1, 0, 0, 1, 0, 0, 0],
  });
  const scores = await nlp.evaluateAsync([eg]);
  assert.equal(scores.sents_p, 1 / 3);
  assert.equal(scores.sents_r, 0.5);
});

Deno.test("Language.memoryZone() releases strings of docs made inside", () => {
  const nlp = Language.blank("en");
  nlp.memoryZone(() => nlp.call("zyxwv qwerty"));
  assert.equal(nlp.vocab.strings.has("zyxwv"), false);
});
