import assert from "node:assert/strict";
import type { Model } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { DocLike, Floats2d } from "@weft/types";
import {
  HashEmbedCNN,
  NEG_VALUE,
  type ResizeOutput,
  Tagger,
  TextCatBOW,
  TextCatEnsemble,
  TextCatReduce,
  Tok2VecListener,
} from "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

const ops = getOps("cpu");
const docs = makeDocs(["good movie", "bad bad movie", "fine"]);

function tok2vec() {
  return HashEmbedCNN({
    width: 6,
    depth: 1,
    embedSize: 40,
    windowSize: 1,
    maxoutPieces: 2,
    subwordFeatures: true,
    pretrainedVectors: null,
  });
}

Deno.test("TextCatBOW.v3 rounds length up to a power of two and refuses lengths below 1", () => {
  const lengthOf = (length: number) =>
    TextCatBOW({ exclusiveClasses: true, ngramSize: 1, noOutputLayer: false, length })
      .getRef("output_layer").getDim("length");
  assert.equal(lengthOf(1), 1);
  assert.equal(lengthOf(1000), 1024);
  assert.equal(lengthOf(262144), 262144);
  assert.throws(() => lengthOf(0), RangeError);
});

Deno.test("TextCatBOW with no_output_layer returns the raw linear scores", () => {
  const model = TextCatBOW({
    exclusiveClasses: true,
    ngramSize: 1,
    noOutputLayer: true,
    length: 16,
  });
  model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  // Weights and bias start at zero, so the raw scores are zero (a softmax would give 0.5).
  assert.deepEqual([...ops.readSync!(model.predict(docs))], [0, 0, 0, 0, 0, 0]);
  assert.ok(!model.name.includes("softmax_activation"));
});

Deno.test("resize_output grows a textcat's output layer, keeping old weights and starting new classes unlikely", () => {
  const model = TextCatReduce({
    tok2vec: tok2vec(),
    exclusiveClasses: true,
    useReduceFirst: false,
    useReduceLast: false,
    useReduceMax: true,
    useReduceMean: true,
  });
  model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  const before = model.getRef("output_layer");
  const b = ops.readSync!(before.getParam("b"));
  b.set([0.5, -0.5]);
  before.setParam("b", ops.asarray1f(b));
  const resize = model.getAttr<ResizeOutput>("resize_output");
  resize(model as Model, 3);
  const after = model.getRef("output_layer");
  assert.equal(after.getDim("nO"), 3);
  assert.equal(model.getDim("nO"), 3);
  assert.deepEqual([...ops.readSync!(after.getParam("b"))], [0.5, -0.5, NEG_VALUE]);
  const Y = (model as Model<DocLike[], Floats2d>).predict(docs);
  assert.deepEqual(Y.shape, [3, 3]);
  // The new class gets (almost) no probability.
  assert.ok([0, 1, 2].every((r) => ops.readSync!(Y)[r * 3 + 2]! < 1e-6));
});

Deno.test("Tagger.v2 skips the softmax at prediction unless normalize is set", () => {
  for (const normalize of [false, true]) {
    const model = Tagger({ tok2vec: tok2vec(), nO: 3, normalize }).initialize({ X: docs });
    const out = model.getRef("output_layer");
    const b = ops.asarray1f([1, 2, 3]);
    out.setParam("b", b);
    const first = ops.readSync!(model.predict(docs)[0]!).slice(0, 3);
    // W starts at zero (spaCy's zero_init), so the scores are the bias.
    if (normalize) {
      const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
      first.forEach((p, i) => assert.ok(Math.abs(p - Math.exp(i + 1) / z) < 1e-6));
    } else {
      assert.deepEqual([...first], [1, 2, 3]);
    }
  }
});

Deno.test("resize_output grows TextCatBOW's flat sparse weights, keeping the old classes", () => {
  const model = TextCatBOW({
    exclusiveClasses: false,
    ngramSize: 1,
    noOutputLayer: false,
    length: 8,
  });
  model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  const sparse = model.getRef("output_layer");
  const W = ops.readSync!(sparse.getParam("W"));
  W.forEach((_, i) => (W[i] = i + 1));
  sparse.setParam("W", ops.asarray1f(W));
  model.getAttr<ResizeOutput>("resize_output")(model as Model, 3);
  const grown = model.getRef("output_layer");
  assert.notEqual(grown, sparse);
  const W2 = [...ops.readSync!(grown.getParam("W"))];
  assert.deepEqual(W2, [...W, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...ops.readSync!(grown.getParam("b"))], [0, 0, NEG_VALUE]);
  assert.deepEqual((model as Model<DocLike[], Floats2d>).predict(docs).shape, [3, 3]);
});

Deno.test("TextCatEnsemble over a listener takes its width from the listener", () => {
  const model = TextCatEnsemble({
    tok2vec: new Tok2VecListener({ width: 5 }),
    linearModel: TextCatBOW({
      exclusiveClasses: true,
      ngramSize: 1,
      noOutputLayer: false,
      length: 16,
    }),
  });
  model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  assert.equal(model.getRef("attention_layer").getDim("nO"), 5);
  assert.equal(model.getRef("maxout_layer").getDim("nI"), 5);
  assert.equal(model.getRef("norm_layer").getDim("nI"), 5);
  assert.deepEqual((model as Model<DocLike[], Floats2d>).predict(docs).shape, [3, 2]);
  // A copy initializes its own nodes.
  const copy = model.copy();
  copy.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  assert.deepEqual((copy as Model<DocLike[], Floats2d>).predict(docs).shape, [3, 2]);
});

Deno.test("TextCatEnsemble (exclusive) starts its Softmax as the identity on the BOW inputs, so the BOW table gets a gradient", () => {
  const build = () =>
    TextCatEnsemble({
      tok2vec: tok2vec(),
      linearModel: TextCatBOW({
        exclusiveClasses: true,
        ngramSize: 1,
        noOutputLayer: false,
        length: 16,
      }),
    });
  const model = build();
  const nO = 3;
  const truth = ops.asarray2f([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, nO);
  model.initialize({ X: docs, Y: truth });
  const out = model.layers.at(-1)!;
  const nI = out.getDim("nI");
  assert.equal(nI, nO + 6);
  const W = ops.readSync!(out.getParam("W"));
  for (let r = 0; r < nO; r++) {
    for (let c = 0; c < nI; c++) assert.equal(W[r * nI + c], r === c ? 1 : 0, `W[${r}, ${c}]`);
  }
  // The BOW's softmax output p is uniform (1/3) at the start, and the CNN columns are
  // zero, so the scores are softmax(p) = 1/3 each. With equal output-layer columns
  // (spaCy's zero init) d(BOW probs) would be constant over classes and the BOW
  // softmax's backprop would map it to zero; with the identity it is dY = scores - truth,
  // and the BOW's logits get p * (dY - <p, dY>) = (1/3) * (1/3 - truth), which for one
  // doc is SparseLinear's bias gradient: [-2/9, 1/9, 1/9] for truth [1, 0, 0].
  const one = docs.slice(0, 1);
  const [Y, backprop] = model.beginUpdate(one);
  const scores = [...ops.readSync!(Y)];
  for (const s of scores) assert.ok(Math.abs(s - 1 / 3) < 1e-6, `score ${s}`);
  backprop(ops.asarray2f(scores.map((s, i) => s - (i === 0 ? 1 : 0)), 1, nO));
  const sparse = model.getRef("output_layer") as Model;
  const dB = [...ops.readSync!(sparse.getGrad("b"))];
  [-2 / 9, 1 / 9, 1 / 9].forEach((want, c) => {
    assert.ok(Math.abs(dB[c]! - want) < 1e-6, `db[${c}] = ${dB[c]}, want ${want}`);
  });
  const dW = ops.readSync!(sparse.getGrad("W"));
  assert.ok(dW.some((v) => Math.abs(v) > 0.1));
});

Deno.test("TextCatEnsemble's identity start is only for Softmax: Linear + Logistic keep their own init", () => {
  const model = TextCatEnsemble({
    tok2vec: tok2vec(),
    linearModel: TextCatBOW({
      exclusiveClasses: false,
      ngramSize: 1,
      noOutputLayer: false,
      length: 16,
    }),
  });
  model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
  const linear = model.layers.at(-1)!.layers[0]!;
  assert.equal(linear.name, "linear");
  const W = ops.readSync!(linear.getParam("W"));
  assert.notDeepEqual([...W.slice(0, 2)], [1, 0]);
});
