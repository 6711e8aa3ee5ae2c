import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { gradCheck, Linear, Model } from "./mod.ts";

const ops = getOps("cpu");

Deno.test("gradCheck() rejects a backprop that is off by a factor", () => {
  const X = ops.asarray2f([0.5, -0.3, 0.8, 0.1], 2, 2);
  const wrong = new Model<Floats2d, Floats2d>("wrong", (_m, X) => {
    const Y = ops.scale(X, 3);
    return [Y, (dY: Floats2d) => ops.scale(dY, 2)] as const;
  });
  assert.throws(() => gradCheck(wrong, X), /input 0\[0\] of "wrong"/);
});

Deno.test("gradCheck() rejects a missing parameter gradient", () => {
  const X = ops.asarray2f([0.5, -0.3, 0.8, 0.1], 2, 2);
  const model = Linear({ nO: 2 }).initialize({ X });
  const noGrad = new Model<Floats2d, Floats2d>("nograd", (_m, X) => {
    const [Y] = model.call(X, true);
    return [Y, (dY: Floats2d) => ops.gemm(dY, model.getParam2d("W"))] as const;
  }, { layers: [model] });
  assert.throws(() => gradCheck(noGrad, X), /param "W" of "linear"/);
});

Deno.test("gradCheck() skips the params named in ignoreParams (untrained by design, like LSTM's HC0)", () => {
  const X = ops.asarray2f([0.5, -0.3, 0.8, 0.1], 2, 2);
  // Y = X + H, where H is a fixed offset that backprop leaves without a gradient.
  const offset = new Model<Floats2d, Floats2d>("offset", (m, X) => {
    const H = m.getParam2d("H");
    return [m.ops.add(X, H), (dY: Floats2d) => dY] as const;
  }, { params: { H: ops.asarray2f([1, 2, 3, 4], 2, 2) } });
  assert.throws(() => gradCheck(offset, X), /param "H" of "offset"/);
  const report = gradCheck(offset, X, { ignoreParams: ["H"] });
  assert.deepEqual(report, { inputs: 4, params: 0 });
});
