import assert from "node:assert/strict";
import { registry } from "@weft/config";
import { getOps } from "@weft/ops";
import "./registrations.ts";
import type { Model } from "./model.ts";
import { ParametricAttention } from "./parametric_attention.ts";
import { gradCheck } from "./gradcheck.ts";

const ops = getOps("cpu");
const Xr = () => ops.list2ragged([ops.asarray2f([0.2, -0.5, 0.9, 0.1, 0.4, -0.3], 3, 2)]);
const build = (name: string): Model => registry.layers.get(name)({}) as Model;

Deno.test("ParametricAttention.v1 has no child or ref, as Thinc's", () => {
  const model = build("ParametricAttention.v1");
  assert.equal(model.layers.length, 0);
  assert.deepEqual([...model.refNames], []);
  assert.deepEqual(model.paramNames, ["Q"]);
});

Deno.test("ParametricAttention.v2 has a noop key_transform child by default, as Thinc's", () => {
  const model = build("ParametricAttention.v2");
  assert.equal(model.layers.length, 1);
  assert.equal(model.layers[0]!.name, "noop");
  assert.equal(model.getRef("key_transform"), model.layers[0]);
});

Deno.test("ParametricAttention with and without a noop key transform give the same output and gradients", () => {
  const v1 = ParametricAttention().initialize({ X: Xr() });
  const v2 = build("ParametricAttention.v2").initialize({ X: Xr() });
  v2.setParam("Q", v1.getParam("Q"));
  const [Y1, bp1] = v1.beginUpdate(Xr());
  const [Y2, bp2] = (v2 as typeof v1).beginUpdate(Xr());
  assert.deepEqual([...ops.readSync!(Y1.dataXd)], [...ops.readSync!(Y2.dataXd)]);
  const dY = ops.list2ragged([ops.asarray2f([1, 0, 0, 1, 1, 1], 3, 2)]);
  assert.deepEqual([...ops.readSync!(bp1(dY).dataXd)], [...ops.readSync!(bp2(dY).dataXd)]);
  assert.deepEqual([...ops.readSync!(v1.getGrad("Q"))], [...ops.readSync!(v2.getGrad("Q"))]);
});

Deno.test("ParametricAttention without a key transform passes a gradient check", () => {
  const X = Xr();
  const report = gradCheck(ParametricAttention().initialize({ X }), X);
  assert.ok(report.inputs > 0 && report.params > 0);
});
