import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { LSTM } from "./mod.ts";

const ops = getOps("cpu");
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("LSTM() computes Thinc's gates by hand for one unit (hand-computed)", () => {
  const Xp = ops.list2padded([ops.asarray2f([1, 2], 2, 1)]);
  const model = LSTM({ nO: 2, nI: 1, bi: true }).initialize();
  // Per direction: Wx (4), bx (4), Wh (4), bh (4); input weights 0.5, the rest 0.
  const params = new Float32Array(32);
  for (const base of [0, 16]) params.fill(0.5, base, base + 4);
  model.setParam("LSTM", ops.asarray1f(params));
  const Y = [...ops.readSync!(model.predict(Xp).data)];
  const step = (x: number, c0: number) => {
    const g = 0.5 * x;
    const c = sigmoid(g) * c0 + sigmoid(g) * Math.tanh(g);
    return { h: sigmoid(g) * Math.tanh(c), c };
  };
  const l1 = step(1, 0);
  const l2 = step(2, l1.c);
  const r2 = step(2, 0);
  const r1 = step(1, r2.c);
  const expected = [l1.h, r1.h, l2.h, r2.h];
  Y.forEach((y, i) => assert.ok(Math.abs(y - expected[i]!) < 1e-6, `${i}: ${y} vs ${expected[i]}`));
});

Deno.test("LSTM() rejects a depth of 0 and an nO the directions do not divide", () => {
  assert.throws(() => LSTM({ depth: 0 }), RangeError);
  assert.throws(() => LSTM({ nO: 3, nI: 2, bi: true }).initialize(), /divisible/);
});
