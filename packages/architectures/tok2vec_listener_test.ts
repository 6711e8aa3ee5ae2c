import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import { chain, Linear, type Model, withArray } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { DocLike, Floats2d } from "@weft/types";
import { HashEmbedCNN, Tagger, Tok2VecListener } from "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

const ops = getOps("cpu");
const read = (x: Floats2d) => [...ops.readSync!(x)];
const docs = makeDocs(["The quick brown fox", "Dogs bark"]);

function upstream(): Model<DocLike[], Floats2d[]> {
  return HashEmbedCNN({
    width: 6,
    depth: 1,
    embedSize: 40,
    windowSize: 1,
    maxoutPieces: 2,
    subwordFeatures: false,
    pretrainedVectors: null,
  }).initialize({ X: docs });
}

Deno.test("Tok2VecListener routes the downstream gradient to the upstream backprop", () => {
  const t2v = upstream();
  const listener = new Tok2VecListener({ width: 6 });
  const head = Linear({ nO: 3, nI: 6 });
  const model = chain(listener, withArray<Floats2d[]>(head)).initialize({ X: docs });
  const [tokvecs] = t2v.beginUpdate(docs);
  let received: Floats2d[] | null = null;
  listener.receive(Tok2VecListener.getBatchId(docs), tokvecs, (d) => {
    received = d;
    return [];
  });
  const [Y, backprop] = model.beginUpdate(docs);
  assert.deepEqual(Y.map((y) => y.shape), [[4, 3], [2, 3]]);
  const dY = Y.map((y, i) =>
    ops.asarray2f(Float32Array.from({ length: y.size }, (_, j) => i + j), y.shape[0], 3)
  );
  backprop(dY);
  assert.ok(received !== null);
  const W = head.getParam2d("W");
  (received as Floats2d[]).forEach((d, i) => {
    const expected = read(ops.gemm(dY[i]!, W));
    read(d).forEach((v, j) => assert.ok(Math.abs(v - expected[j]!) < 1e-5));
  });
});

Deno.test("Tok2VecListener shares one upstream update among several listeners, as spaCy's tok2vec does", () => {
  const t2v = upstream();
  const listeners = [new Tok2VecListener({ width: 6 }), new Tok2VecListener({ width: 6 })];
  const heads = listeners.map((l) =>
    chain(l, withArray<Floats2d[]>(Linear({ nO: 2 }))).initialize({ X: docs })
  );
  // The tok2vec component: accumulate every listener's gradient, backprop once with the last.
  const [tokvecs, bpTokvecs] = t2v.beginUpdate(docs);
  const dTokvecs = tokvecs.map((t) => ops.alloc2f(t.shape[0], t.shape[1]));
  let calls = 0;
  const accumulate = (d: Floats2d[]) => {
    d.forEach((x, i) => ops.addInPlace(dTokvecs[i]!, x));
    return [];
  };
  const batchId = Tok2VecListener.getBatchId(docs);
  listeners[0]!.receive(batchId, tokvecs, accumulate);
  listeners[1]!.receive(batchId, tokvecs, (d) => {
    accumulate(d);
    calls++;
    return bpTokvecs(dTokvecs);
  });
  const grads: Floats2d[][] = [];
  for (const head of heads) {
    const [Y, bp] = head.beginUpdate(docs);
    const dY = Y.map((y) =>
      ops.asarray2f(new Float32Array(y.size).fill(1), y.shape[0], y.shape[1])
    );
    grads.push(
      dY.map((d) =>
        ops.gemm(d, (head.layers[1]!.layers[0]! as Model<Floats2d, Floats2d>).getParam2d("W"))
      ),
    );
    bp(dY);
  }
  assert.equal(calls, 1);
  dTokvecs.forEach((d, i) => {
    const expected = read(ops.add(grads[0]![i]!, grads[1]![i]!));
    read(d).forEach((v, j) => assert.ok(Math.abs(v - expected[j]!) < 1e-5));
  });
  const embed = t2v.walk().find((n) => n.name === "hashembed")!;
  assert.ok(read(embed.getGrad("E") as Floats2d).some((g) => g !== 0));
});

Deno.test("Tok2VecListener.verifyInputs() refuses a batch it did not receive", () => {
  const listener = new Tok2VecListener({ width: 6 });
  assert.throws(() => listener.verifyInputs(docs), /no outputs for this batch/);
  listener.receive(Tok2VecListener.getBatchId(docs), [], () => []);
  assert.equal(listener.verifyInputs(docs), true);
  const other = makeDocs(["Cats purr"]);
  assert.throws(() => listener.beginUpdate(other), RangeError);
});

Deno.test("Tok2VecListener reads doc.tensor when predicting, zeros when unset", () => {
  const listener = new Tok2VecListener({ width: 3 });
  const [a, b] = makeDocs(["one two", "three"]);
  a!.tensor = ops.asarray2f([1, 2, 3, 4, 5, 6], 2, 3);
  const [Ya, Yb] = listener.predict([a!, b!]);
  assert.deepEqual(read(Ya!), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(read(Yb!), [0, 0, 0]);
  // Training without a received batch (a frozen upstream) uses the stored tensors, or fails.
  assert.equal(listener.beginUpdate([a!])[0][0], a!.tensor);
  assert.throws(() => listener.beginUpdate([b!]), /without vectors/);
});

Deno.test("the efficiency tagger config builds a tagger over a listener", () => {
  const config = Config.fromStr(`
[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = \${components.tok2vec.model.encode.width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = \${components.tok2vec.model.encode.width}
upstream = "*"
`);
  const { components } = registry.resolve(config) as {
    components: Record<string, { model: Model }>;
  };
  const tagger = components.tagger!.model;
  const listener = tagger.walk().find((n) => n instanceof Tok2VecListener) as Tok2VecListener;
  assert.equal(listener.upstreamName, "*");
  assert.equal(listener.getDim("nO"), 96);
  assert.equal(tagger.getRef("output_layer").getDim("nI"), 96);
  assert.equal(components.tok2vec!.model.getDim("nO"), 96);
  // A tagger over a listener is a valid Tagger: its tok2vec has the right type.
  assert.ok(Tagger({ tok2vec: new Tok2VecListener({ width: 4 }) }));
});
