import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";
import { lstmParamCount } from "./lstm.ts";

const ops = new CpuOps();
const sig = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("lstmParamCount() matches Thinc's formula", () => {
  // Thinc: 4 dirs nH (nH + nI) + dirs 8 nH, plus per further layer
  // 4 dirs (nH + nH dirs) nH + dirs 8 nH.
  assert.equal(lstmParamCount(1, 1, 2, 3), 4 * 2 * 5 + 16);
  assert.equal(lstmParamCount(2, 2, 3, 4), 4 * 2 * 3 * 7 + 48 + 4 * 2 * 9 * 3 + 48);
});

Deno.test("lstmForward() computes one hand-checked step with nO = nI = 1", () => {
  // Wx = [f, i, o, c] = [1, 2, 3, 4], bx = 0.1 each, Wh = 0.5 each, bh = 0.
  const params = ops.asarray1f([1, 2, 3, 4, 0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]);
  const H0 = ops.asarray([0.2], [1, 1, 1] as const, "float32");
  const C0 = ops.asarray([0.3], [1, 1, 1] as const, "float32");
  const x = 0.7;
  const { Y, state } = ops.lstmForward(params, H0, C0, ops.asarray2f([x], 1, 1), Int32Array.of(1));
  const a = (w: number) => w * x + 0.1 + 0.5 * 0.2;
  const c = sig(a(1)) * 0.3 + sig(a(2)) * Math.tanh(a(4));
  const h = sig(a(3)) * Math.tanh(c);
  assert.ok(Math.abs(ops.readSync(Y)[0]! - h) < 1e-6);
  assert.ok(Math.abs(ops.readSync(state.C)[0]! - c) < 1e-6);
});

Deno.test("lstmForward() and backpropLstm() reject mismatched shapes", () => {
  const H0 = ops.alloc3f(1, 1, 2);
  const X = ops.alloc2f(3, 2);
  assert.throws(
    () => ops.lstmForward(ops.alloc1f(5), H0, H0, X, Int32Array.of(2, 1)),
    /lstmForward: params \[5\] do not fit depth 1, dirs 1, nO 2, nI 2 \(48 parameters\)/,
  );
  assert.throws(
    () => ops.lstmForward(ops.alloc1f(48), H0, H0, X, Int32Array.of(1, 2)),
    /lstmForward: sizeAtT must be non-increasing/,
  );
  assert.throws(
    () => ops.lstmForward(ops.alloc1f(48), H0, ops.alloc3f(1, 2, 2), X, Int32Array.of(2, 1)),
    /lstmForward: H0 \[1, 1, 2\] and C0 \[1, 2, 2\]/,
  );
  const { state } = ops.lstmForward(ops.alloc1f(48), H0, H0, X, Int32Array.of(2, 1));
  assert.throws(
    () => ops.backpropLstm(ops.alloc2f(3, 4), Int32Array.of(2, 1), ops.alloc1f(48), state),
    /backpropLstm: dY \[3, 4\] does not fit the forward output \[3, 2\]/,
  );
});
