// Hand-computed values for the CPU backend's arithmetic, activations and
// row-wise ops, and the shape errors they raise.
import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";

const ops = new CpuOps();
const r = (x: Parameters<typeof ops.readSync>[0]) => [...ops.readSync(x)];

function close(actual: number[], expected: number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]!) <= tol, `element ${i}: ${a} vs ${expected[i]}`)
  );
}

Deno.test("alloc*, asarray*, reshape and copy build host arrays", () => {
  assert.deepEqual(ops.alloc([2, 3] as const).shape, [2, 3]);
  assert.equal(ops.alloc([2] as const, "uint32").dtype, "uint32");
  assert.equal(ops.alloc4f(1, 2, 3, 4).size, 24);
  assert.equal(ops.alloc2i(2, 2).dtype, "int32");
  const x = ops.asarray2f([1, 2, 3, 4, 5, 6], 2, 3);
  const y = ops.reshape(x, [3, 2] as const);
  assert.deepEqual(y.shape, [3, 2]);
  assert.equal(y.storage, x.storage);
  const c = ops.copy(x);
  ops.fill(c, 7);
  assert.deepEqual(r(x), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(r(c), [7, 7, 7, 7, 7, 7]);
  assert.throws(() => ops.reshape(x, [4, 2] as const), /reshape: .*\[2, 3\].*\[4, 2\]/);
  assert.throws(() => ops.asarray2f([1, 2, 3], 2, 2), RangeError);
});

Deno.test("read() and readSync() return copies of the values", async () => {
  const x = ops.asarray1i([1, 2, 3]);
  const values = await ops.read(x);
  assert.ok(values instanceof Int32Array);
  values[0] = 9;
  assert.deepEqual(r(x), [1, 2, 3]);
});

Deno.test("element-wise arithmetic computes a+b, a-b, a*b, x*f, dst += f*src", () => {
  const a = ops.asarray1f([1, 2, 3]);
  const b = ops.asarray1f([4, 5, 6]);
  assert.deepEqual(r(ops.add(a, b)), [5, 7, 9]);
  assert.deepEqual(r(ops.sub(a, b)), [-3, -3, -3]);
  assert.deepEqual(r(ops.mul(a, b)), [4, 10, 18]);
  assert.deepEqual(r(ops.scale(a, 2)), [2, 4, 6]);
  ops.addInPlace(a, b, 0.5);
  assert.deepEqual(r(a), [3, 4.5, 6]);
  ops.scaleInPlace(a, 2);
  assert.deepEqual(r(a), [6, 9, 12]);
  assert.throws(
    () => ops.add(a, ops.asarray1f([1, 2])),
    (e: Error) =>
      e instanceof RangeError && /add/.test(e.message) && /\[3\]/.test(e.message) &&
      /\[2\]/.test(e.message),
  );
});

Deno.test("row-wise ops: sumRows, mulRows, rowDots, scaleColumns", () => {
  const X = ops.asarray2f([1, 2, 3, 4], 2, 2);
  assert.deepEqual(r(ops.sumRows(X)), [4, 6]);
  assert.deepEqual(r(ops.mulRows(X, ops.asarray1f([2, -1]))), [2, 4, -3, -4]);
  assert.deepEqual(r(ops.rowDots(X, X)), [5, 25]);
  assert.deepEqual(r(ops.scaleColumns(X, ops.asarray1f([10, 1]), ops.asarray1f([0, 1]))), [
    10,
    3,
    30,
    5,
  ]);
  assert.deepEqual(r(ops.scaleColumns(X, ops.asarray1f([2, 2]))), [2, 4, 6, 8]);
  assert.throws(() => ops.mulRows(X, ops.asarray1f([1])), /mulRows.*\[1\].*\[2, 2\]/);
});

Deno.test("remainder() works on unsigned ids above 2^31", () => {
  const ids = ops.asarray1i([7, 0xffffffff, 10], "uint32");
  assert.deepEqual(r(ops.remainder(ids, 5)), [2, 0xffffffff % 5, 0]);
  assert.deepEqual(r(ops.remainder(ops.asarray1i([-1]), 7)), [0xffffffff % 7]);
});

Deno.test("gemm() and affine() compute hand-checked products", () => {
  const A = ops.asarray2f([1, 2, 3, 4, 5, 6], 2, 3);
  const B = ops.asarray2f([1, 0, 0, 1, 1, 1], 3, 2);
  assert.deepEqual(r(ops.gemm(A, B)), [4, 5, 10, 11]);
  assert.deepEqual(r(ops.gemm(A, A, { transB: true })), [14, 32, 32, 77]);
  assert.deepEqual(r(ops.gemm(A, A, { transA: true })), [17, 22, 27, 22, 29, 36, 27, 36, 45]);
  const out = ops.alloc2f(2, 2);
  assert.equal(ops.gemm(A, B, { out }), out);
  assert.deepEqual(r(out), [4, 5, 10, 11]);
  const W = ops.asarray2f([1, 0, 0, 0, 1, 1], 2, 3);
  assert.deepEqual(r(ops.affine(A, W, ops.asarray1f([10, 20]))), [11, 25, 14, 31]);
  assert.throws(
    () => ops.gemm(A, A),
    (e: Error) =>
      e instanceof RangeError && e.message.startsWith("gemm:") &&
      e.message.includes("[2, 3]"),
  );
  assert.throws(() => ops.gemm(A, B, { out: ops.alloc2f(3, 3) }), /gemm: out .*\[3, 3\]/);
  assert.throws(() => ops.affine(A, W, ops.asarray1f([1])), /affine/);
});

Deno.test("activations compute hand-checked values", () => {
  const X = ops.asarray1f([-1, 0, 2]);
  assert.deepEqual(r(ops.relu(X)), [0, 0, 2]);
  close(r(ops.sigmoid(X)), [1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))]);
  close(r(ops.tanh(X)), [Math.tanh(-1), 0, Math.tanh(2)]);
  const softplus = (v: number) => Math.log(1 + Math.exp(v));
  close(r(ops.mish(X)), [-Math.tanh(softplus(-1)), 0, 2 * Math.tanh(softplus(2))]);
  assert.deepEqual(r(ops.mish(ops.asarray1f([25]))), [25]);
  // gelu(x) = x * Phi(x); Phi(2) = 0.97724987, Phi(-1) = 0.15865525.
  close(r(ops.gelu(X)), [-0.15865525, 0, 2 * 0.97724987], 1e-6);
  assert.deepEqual(r(ops.gelu(ops.asarray1f([-7, 7]))), [0, 7]);
  close(r(ops.swish(X)), [-1 / (1 + Math.E), 0, 2 / (1 + Math.exp(-2))]);
  assert.deepEqual(r(ops.swish(ops.asarray1f([-20, 20]))), [0, 20]);
  const dY = ops.asarray1f([1, 1, 1]);
  assert.deepEqual(r(ops.backpropRelu(dY, ops.relu(X))), [0, 0, 1]);
  close(r(ops.backpropSigmoid(dY, ops.asarray1f([0.5, 0.5, 0.5]))), [0.25, 0.25, 0.25]);
  close(r(ops.backpropTanh(dY, ops.asarray1f([0.5, 0, 1]))), [0.75, 1, 0]);
  // mish'(0) = tanh(ln 2) = 0.6; gelu'(0) = 0.5; swish'(0) = 0.5.
  close(r(ops.backpropMish(dY, X)).slice(1, 2), [0.6], 1e-6);
  close(r(ops.backpropGelu(dY, X)).slice(1, 2), [0.5], 1e-6);
  close(r(ops.backpropSwish(dY, X, ops.swish(X))).slice(1, 2), [0.5], 1e-6);
  assert.throws(() => ops.backpropRelu(dY, ops.asarray1f([1])), /backpropRelu.*\[3\].*\[1\]/);
});

Deno.test("softmax() normalizes along an axis with a temperature", () => {
  const X = ops.asarray2f([0, Math.log(3), 0, 0], 2, 2);
  close(r(ops.softmax(X)), [0.25, 0.75, 0.5, 0.5]);
  close(r(ops.softmax(X, { axis: 0 })), [0.5, 0.75, 0.5, 0.25]);
  close(r(ops.softmax(X, { temperature: 0.5 })), [0.1, 0.9, 0.5, 0.5]);
  // Large logits do not overflow.
  close(r(ops.softmax(ops.asarray1f([1000, 1000]))), [0.5, 0.5]);
  const Y = ops.asarray1f([0.25, 0.75]);
  // dX = Y * (dY - sum(Y * dY)) with dY = [1, 0]: [0.25 * 0.75, 0.75 * -0.25].
  close(r(ops.backpropSoftmax(Y, ops.asarray1f([1, 0]))), [0.1875, -0.1875]);
  assert.throws(() => ops.softmax(X, { axis: 2 }), /softmax: axis 2 .*\[2, 2\]/);
});

Deno.test("maxout() picks the best piece and backpropMaxout() routes to it", () => {
  const X = ops.asarray([1, 5, 3, 4, 2, 0], [1, 2, 3] as const, "float32");
  const { best, which } = ops.maxout(X);
  assert.deepEqual(r(best), [5, 4]);
  assert.deepEqual([...ops.readSync(which)], [1, 0]);
  const dX = ops.backpropMaxout(ops.asarray2f([10, 20], 1, 2), which, 3);
  assert.deepEqual(dX.shape, [1, 2, 3]);
  assert.deepEqual(r(dX), [0, 10, 0, 20, 0, 0]);
  assert.throws(() => ops.backpropMaxout(ops.asarray2f([1], 1, 1), which, 3), /backpropMaxout/);
});

Deno.test("normalizeRows() standardizes rows; argmax() finds the first maximum", () => {
  const { Y, invStd } = ops.normalizeRows(ops.asarray2f([1, 3, 5, 5], 2, 2), 0);
  // Row [1, 3]: mean 2, variance 1; row [5, 5]: variance 0 and eps 0 give 0/0.
  assert.deepEqual(r(Y).slice(0, 2), [-1, 1]);
  close(r(invStd).slice(0, 1), [1]);
  const { Y: Y2 } = ops.normalizeRows(ops.asarray2f([2, 2, 1, 3], 2, 2));
  close(r(Y2), [0, 0, -1, 1], 1e-6);
  assert.deepEqual(r(ops.argmax(ops.asarray2f([1, 3, 3, 2, 0, 1], 2, 3))), [1, 0]);
});

Deno.test("positionEncode() starts with sin 0 = 0, cos 0 = 1 and honours shift", () => {
  const P = ops.positionEncode(2, 4);
  // As in Thinc, the exponent of column pair starting at j is 2 j / D: 10000^(4/4) for j = 2.
  close(r(P), [0, 1, 0, 1, Math.sin(1), Math.cos(1), Math.sin(1e-4), Math.cos(1e-4)]);
  close(r(ops.positionEncode(1, 2, 10000, 1)), [Math.sin(1), Math.cos(1)]);
});

Deno.test("layout ops (flatten, ragged, padded, hstack, sliceColumns) keep uint32 ids above 2^24 exactly", () => {
  const a = ops.asarray2i([4294967295, 16777217], 1, 2, "uint32");
  const b = ops.asarray2i([16777219, 3], 1, 2, "uint32");
  const flat = ops.flatten([a, b], 1);
  assert.equal(flat.dtype, "uint32");
  assert.deepEqual([...ops.readSync(flat)], [0, 0, 4294967295, 16777217, 0, 0, 16777219, 3, 0, 0]);
  const Xr = ops.list2ragged([a, b]);
  assert.deepEqual([...ops.readSync(ops.ragged2list(Xr)[1]!)], [16777219, 3]);
  assert.deepEqual([...ops.readSync(ops.sliceColumns(Xr.data, 1, 2))], [16777217, 3]);
  assert.deepEqual([...ops.readSync(ops.hstack([a, b]))], [4294967295, 16777217, 16777219, 3]);
  const padded = ops.pad([a, ops.asarray2i([], 0, 2, "uint32")]);
  assert.equal(padded.dtype, "uint32");
  assert.deepEqual([...ops.readSync(padded)], [4294967295, 16777217, 0, 0]);
  assert.deepEqual([...ops.readSync(ops.unpad(padded, Int32Array.of(1, 0))[0]!)], [
    4294967295,
    16777217,
  ]);
  const Xp = ops.list2padded([b, a]);
  assert.equal(Xp.data.dtype, "uint32");
  assert.deepEqual([...ops.readSync(ops.padded2list(Xp)[1]!)], [4294967295, 16777217]);
  assert.throws(() => ops.flatten([a, ops.asarray2f([1, 2], 1, 2)] as never), TypeError);
});
