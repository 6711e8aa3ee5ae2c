import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { Adam, type Model } from "@weft/layers";
import { type DocLike, type Floats2d, hostData } from "@weft/types";
import { MultiHashEmbed } from "./multi_hash_embed.ts";
import { FakeDoc } from "./testdata/fake_docs.ts";

const ops = getOps("cpu");
const text = "the cat sat on the mat and The CAT saw 12 dogs , the end";

function build(): Model<DocLike[], Floats2d[]> {
  const model = MultiHashEmbed({
    width: 16,
    attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
    rows: [97, 31, 53, 19],
    includeStaticVectors: false,
  });
  const docs = [new FakeDoc(text), new FakeDoc("a b c")];
  model.initialize({ X: docs });
  // Random, not zero, tables and biases, so that every term matters.
  let seed = 7;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      const data = hostData(node.getParam(name));
      for (let i = 0; i < data.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        data[i] = (seed / 2 ** 32 - 0.5) * 2;
      }
      node.markParamsChanged();
    }
  }
  return model;
}

/** The training-mode forward pass (dropout is 0, so only the arithmetic differs). */
function reference(model: Model<DocLike[], Floats2d[]>, docs: DocLike[]): Float32Array[] {
  return model.beginUpdate(docs)[0].map((Y) => Float32Array.from(ops.readSync!(Y)));
}

function assertClose(actual: Floats2d[], expected: Float32Array[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((Y, d) => {
    const got = ops.readSync!(Y);
    assert.equal(got.length, expected[d]!.length);
    got.forEach((v, i) =>
      assert.ok(
        Math.abs(v - expected[d]![i]!) < 1e-4,
        `doc ${d} [${i}]: ${v} vs ${expected[d]![i]}`,
      )
    );
  });
}

Deno.test("MultiHashEmbed predict() through the projection cache matches the training forward pass", () => {
  const model = build();
  const docs = [new FakeDoc(text), new FakeDoc("cat mat dogs")];
  assertClose(model.predict(docs), reference(model, docs));
  // A second call reads cached terms: the same numbers, bit for bit.
  const first = model.predict(docs).map((Y) => [...ops.readSync!(Y)]);
  const again = model.predict(docs).map((Y) => [...ops.readSync!(Y)]);
  assert.deepEqual(again, first);
});

Deno.test("MultiHashEmbed predictions do not depend on what was predicted before", () => {
  const cold = build();
  const warm = build();
  warm.predict([new FakeDoc("mat sat cat the a b c 99")]);
  const docs = [new FakeDoc(text)];
  assert.deepEqual(
    warm.predict(docs).map((Y) => [...ops.readSync!(Y)]),
    cold.predict(docs).map((Y) => [...ops.readSync!(Y)]),
  );
});

Deno.test("MultiHashEmbed drops cached terms when an update or setParam changes the params", () => {
  const model = build();
  const docs = [new FakeDoc(text)];
  const before = model.predict(docs).map((Y) => [...ops.readSync!(Y)]);
  // An optimizer step through finishUpdate.
  const [Y, backprop] = model.beginUpdate(docs);
  backprop(Y.map((y) => ops.asarray2f(ops.readSync!(y).map(() => 1), y.shape[0], y.shape[1])));
  model.finishUpdate(Adam({ learnRate: 0.1 }));
  const updated = model.predict(docs);
  assert.notDeepEqual(updated.map((y) => [...ops.readSync!(y)]), before);
  assertClose(updated, reference(model, docs));
  // A new table through setParam.
  const table = [...model.walk()].find((m) => m.name === "hashembed")!;
  const E = table.getParam2d("E");
  table.setParam("E", ops.asarray2f(ops.readSync!(E).map((v) => -v), E.shape[0], E.shape[1]));
  assertClose(model.predict(docs), reference(model, docs));
  // An in-place write, declared with markParamsChanged.
  const maxout = [...model.walk()].find((m) => m.name === "maxout")!;
  hostData(maxout.getParam("W")).fill(0.01);
  maxout.markParamsChanged();
  assertClose(model.predict(docs), reference(model, docs));
});

Deno.test("a copy of a MultiHashEmbed predicts with its own params", () => {
  const model = build();
  const copy = model.copy();
  const maxout = [...copy.walk()].find((m) => m.name === "maxout")!;
  hostData(maxout.getParam("W")).fill(0.02);
  maxout.markParamsChanged();
  const docs = [new FakeDoc(text)];
  assertClose(copy.predict(docs), reference(copy, docs));
  assertClose(model.predict(docs), reference(model, docs));
  assert.notDeepEqual(
    copy.predict(docs).map((Y) => [...ops.readSync!(Y)]),
    model.predict(docs).map((Y) => [...ops.readSync!(Y)]),
  );
});

Deno.test("a full projection cache starts over and still predicts the same numbers", () => {
  const model = build();
  const words = (from: number) => Array.from({ length: 3000 }, (_, i) => `w${from + i}`).join(" ");
  const first = [new FakeDoc(words(0))], second = [new FakeDoc(words(3000))];
  const expectFirst = reference(model, first), expectSecond = reference(model, second);
  assertClose(model.predict(first), expectFirst);
  // 3000 more NORM values pass the limit of 4096: the cache starts over.
  assertClose(model.predict(second), expectSecond);
  assertClose(model.predict(first), expectFirst);
});
