import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { FloatsXd } from "@weft/types";
import {
  chain,
  Dropout,
  Linear,
  Model,
  type OptimizerProtocol,
  paramKeyString,
  Relu,
  setSeed,
  Softmax,
} from "./mod.ts";

const ops = getOps("cpu");
const r = (x: FloatsXd) => [...ops.readSync!(x)];

function sample(
  rows: number,
  cols: number,
  seed = 1,
): FloatsXd & { shape: readonly [number, number] } {
  const data = Array.from({ length: rows * cols }, (_, i) => Math.sin(seed * 7.3 + i * 1.7));
  return ops.asarray2f(data, rows, cols);
}

Deno.test("Model dims have Thinc's has/get/maybeGet/set semantics", () => {
  const m = Relu({ nO: 3 });
  assert.equal(m.hasDim("nO"), true);
  assert.equal(m.hasDim("nI"), null);
  assert.equal(m.hasDim("nP"), false);
  assert.equal(m.maybeGetDim("nI"), null);
  assert.throws(() => m.getDim("nI"), /dimension "nI" of layer "relu": value unset/);
  assert.throws(
    () => m.setDim("nO", 4),
    /Cannot change dimension "nO" of layer "relu" from 3 to 4/,
  );
  m.setDim("nO", 4, { force: true });
  assert.equal(m.getDim("nO"), 4);
  assert.throws(() => m.setDim("nZ", 1), RangeError);
});

Deno.test("Model params, grads, refs and attrs accessors", () => {
  const m = Linear({ nO: 2, nI: 3 });
  assert.equal(m.hasParam("W"), null);
  assert.throws(() => m.getParam("W"), /not allocated/);
  m.initialize();
  assert.equal(m.hasParam("W"), true);
  assert.throws(() => m.getParam1d("W"), TypeError);
  assert.equal(m.hasGrad("W"), false);
  m.incGrad("b", ops.asarray1f([1, 2]));
  m.incGrad("b", ops.asarray1f([1, 2]));
  assert.deepEqual(r(m.getGrad("b")), [2, 4]);
  const outer = new Model("outer", (_m, X) => [X, (d: unknown) => d], {
    layers: [m],
    refs: { inner: m },
  });
  assert.equal(outer.getRef("inner"), m);
  assert.throws(() => outer.setRef("other", Relu()), /not in the tree/);
  outer.setAttr("x", 1);
  assert.equal(outer.getAttr("x"), 1);
  assert.equal(outer.maybeGetAttr("y"), null);
});

Deno.test("chain() infers nI of later layers from initialize() data", () => {
  const model = chain(Relu({ nO: 5 }), Dropout(0.1), Relu({ nO: 4 }), Softmax());
  model.initialize({ X: sample(3, 7), Y: sample(3, 2) });
  const [relu1, , relu2, softmax] = model.layers;
  assert.equal(relu1!.getDim("nI"), 7);
  assert.equal(relu2!.getDim("nI"), 5);
  assert.equal(softmax!.getDim("nI"), 4);
  assert.equal(softmax!.getDim("nO"), 2);
  assert.equal(model.getDim("nI"), 7);
  assert.equal(model.getDim("nO"), 2);
  assert.equal(model.name, "relu>>dropout>>relu>>softmax");
});

Deno.test("chain() without samples passes nO on to the next layer's nI", () => {
  const model = chain(Relu({ nO: 5, nI: 3 }), Dropout(0.1), Relu({ nO: 4 }), Softmax({ nO: 2 }));
  model.initialize();
  assert.equal(model.layers[2]!.getDim("nI"), 5);
  assert.equal(model.layers[3]!.getDim("nI"), 4);
});

Deno.test("initialize() names the layer and dim that cannot be inferred or contradicts", () => {
  assert.throws(() => Relu({ nO: 2 }).initialize(), /dimension "nI" of layer "relu": value unset/);
  assert.throws(
    () => Relu({ nO: 2, nI: 4 }).initialize({ X: sample(2, 3) }),
    /Cannot initialize layer "relu": dimension nI is 4 but the sample X has width 3/,
  );
  assert.throws(
    () => chain(Relu({ nO: 2, nI: 3 }), Relu({ nO: 2, nI: 5 })).initialize({ X: sample(2, 3) }),
    /layer "relu": dimension nI is 5 but the sample X has width 2/,
  );
});

Deno.test("walk() visits nodes once in bfs, dfs_pre and dfs_post order", () => {
  const a = Relu({ nO: 1 });
  const b = Relu({ nO: 1 });
  const inner = chain(a, b);
  const c = Softmax();
  const model = chain(inner, c, inner);
  const ids = (order: "bfs" | "dfs_pre" | "dfs_post") => model.walk(order).map((n) => n.id);
  assert.deepEqual(ids("bfs"), [model.id, inner.id, c.id, a.id, b.id]);
  assert.deepEqual(ids("dfs_pre"), [model.id, inner.id, a.id, b.id, c.id]);
  assert.deepEqual(ids("dfs_post"), [a.id, b.id, inner.id, c.id, model.id]);
});

Deno.test("copy() gives new ids and independent weights, keeping shared nodes shared", () => {
  setSeed(0);
  const shared = Linear({ nO: 2, nI: 2 });
  const model = chain(shared, shared).initialize();
  const copied = model.copy();
  assert.notEqual(copied.id, model.id);
  assert.equal(copied.layers[0], copied.layers[1]);
  assert.notEqual(copied.layers[0], shared);
  assert.deepEqual(r(copied.layers[0]!.getParam("W")), r(shared.getParam("W")));
  ops.fill(shared.getParam("W"), 0);
  assert.notDeepEqual(r(copied.layers[0]!.getParam("W")), r(shared.getParam("W")));
});

Deno.test("finishUpdate() calls the optimizer per param with a gradient, then zeroes it", () => {
  const model = chain(Linear({ nO: 2, nI: 3 }), Linear({ nO: 1 })).initialize();
  const X = sample(4, 3);
  const [Y, backprop] = model.beginUpdate(X);
  backprop(ops.asarray2f([1, 1, 1, 1], 4, 1));
  const keys: string[] = [];
  const sgd: OptimizerProtocol = {
    update(key, param, grad) {
      keys.push(paramKeyString(key));
      ops.addInPlace(param, grad, -0.1);
    },
  };
  model.finishUpdate(sgd);
  const [l1, l2] = model.layers;
  assert.deepEqual(
    keys.sort(),
    [`${l1!.id}:W`, `${l1!.id}:b`, `${l2!.id}:W`, `${l2!.id}:b`].sort(),
  );
  assert.ok(r(l2!.getGrad("W")).every((g) => g === 0));
  assert.notDeepEqual(r(model.predict(X)), r(Y));
});

Deno.test("finishUpdate() skips zeroing a gradient the optimizer reports cleared", () => {
  const model = Linear({ nO: 1, nI: 2 }).initialize();
  const [, backprop] = model.beginUpdate(ops.asarray2f([1, 2], 1, 2));
  backprop(ops.asarray2f([1], 1, 1));
  // An optimizer that claims to have cleared W's gradient (but leaves it): the model
  // trusts the claim for W and zeroes b, whose update returned nothing.
  const claims: OptimizerProtocol = { update: (key) => key[1] === "W" ? true : undefined };
  model.finishUpdate(claims);
  assert.deepEqual(r(model.getGrad("W")), [1, 2]);
  assert.deepEqual(r(model.getGrad("b")), [0]);
});

Deno.test("useParams() swaps params in for the callback and restores them", async () => {
  const model = Linear({ nO: 1, nI: 2 }).initialize();
  const X = ops.asarray2f([1, 1], 1, 2);
  const before = r(model.predict(X));
  const averages = new Map([[paramKeyString([model.id, "b"]), ops.asarray1f([10])]]);
  const inside = model.useParams(averages, () => r(model.predict(X)));
  assert.ok(Math.abs(inside[0]! - before[0]! - 10) < 1e-5);
  assert.deepEqual(r(model.predict(X)), before);
  const insideAsync = await model.useParams(averages, () => Promise.resolve(r(model.predict(X))));
  assert.deepEqual(insideAsync, inside);
  assert.deepEqual(r(model.predict(X)), before);
});

Deno.test("setDropoutRate() sets every dropout_rate attribute", () => {
  const model = chain(Relu({ nO: 2, dropout: 0.1 }), Dropout(0.3));
  model.setDropoutRate(0.5);
  const rates = model.walk().filter((n) => n.hasAttr("dropout_rate")).map((n) =>
    n.getAttr("dropout_rate")
  );
  assert.deepEqual(rates, [0.5, 0.5]);
});

Deno.test("replaceNode() swaps a node in layers and refs; removeNode() drops it", () => {
  const old = Relu({ nO: 2 });
  const inner = chain(old, Softmax());
  const outer = new Model("outer", (_m, X) => [X, (d: unknown) => d], {
    layers: [inner],
    refs: { head: old },
  });
  const replacement = Linear({ nO: 2 });
  assert.equal(outer.replaceNode(old, replacement), true);
  assert.equal(inner.layers[0], replacement);
  assert.equal(outer.getRef("head"), replacement);
  assert.equal(outer.replaceNode(old, replacement), false);
  outer.removeNode(replacement);
  assert.equal(inner.layers.length, 1);
  assert.equal(outer.hasRef("head"), null);
});

Deno.test("copy() shares function attributes and clones plain ones", () => {
  const layer = Linear({ nO: 2, nI: 2 });
  const fn = () => 1;
  layer.setAttr("callback", fn);
  layer.setAttr("table", { a: [1, 2] });
  const copied = layer.copy();
  assert.equal(copied.getAttr("callback"), fn);
  assert.deepEqual(copied.getAttr("table"), { a: [1, 2] });
  assert.notEqual(copied.getAttr("table"), layer.getAttr("table"));
});
