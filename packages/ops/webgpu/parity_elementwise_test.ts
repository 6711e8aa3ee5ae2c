// Parity of element-wise, activation and row kernels: WebGPU against CpuOps.
import type { Floats2d } from "@weft/types";
import { floats, int, LOOSE, type Outputs, parity, rng, TIGHT } from "./parity.ts";
import type { Ops } from "../ops.ts";

/** Random `[rows, cols]` shapes, the empty and tile-unaligned ones included. */
function shapes(seed: number): [number, number][] {
  const r = rng(seed);
  return [[0, 3], [1, 1], [3, 0], [int(r, 1, 70), int(r, 1, 70)], [int(r, 1, 300), int(r, 1, 9)]];
}

function each(
  seed: number,
  ops: Ops,
  f: (X: Floats2d, Y: Floats2d, Z: Floats2d) => Outputs,
): Outputs {
  const r = rng(seed);
  return shapes(seed).flatMap(([n, c]) => {
    const X = ops.asarray2f(floats(r, n * c, -25, 25), n, c);
    const Y = ops.asarray2f(floats(r, n * c), n, c);
    const Z = ops.asarray2f(floats(r, n * c, 0.01, 0.99), n, c);
    return f(X, Y, Z);
  });
}

parity(
  "add(), sub(), mul(), scale() match cpu",
  TIGHT,
  (ops) =>
    each(1, ops, (X, Y) => [ops.add(X, Y), ops.sub(X, Y), ops.mul(X, Y), ops.scale(X, -0.37)]),
);

parity("addInPlace(), scaleInPlace() and fill() match cpu", TIGHT, (ops) =>
  each(2, ops, (X, Y) => {
    ops.addInPlace(X, Y, 0.5);
    const W = ops.copy(Y);
    ops.fill(W, 3.25);
    const V = ops.copy(Y);
    ops.scaleInPlace(V, -0.37);
    return [X, W, V];
  }));

parity(
  "relu(), sigmoid(), tanh() and their backprops match cpu",
  TIGHT,
  (ops) =>
    each(3, ops, (X, dY, S) => [
      ops.relu(X),
      ops.backpropRelu(dY, ops.relu(X)),
      ops.sigmoid(X),
      ops.backpropSigmoid(dY, S),
      ops.tanh(X),
      ops.backpropTanh(dY, ops.tanh(X)),
    ]),
);

parity(
  "mish(), gelu(), swish() and their backprops match cpu",
  { atol: 1e-5, rtol: 1e-4 },
  (ops) =>
    each(4, ops, (X, dY) => [
      ops.mish(X),
      ops.backpropMish(dY, X),
      ops.mish(X, 1.5),
      ops.gelu(X),
      ops.backpropGelu(dY, X),
      ops.gelu(X, 1),
      ops.swish(X),
      ops.backpropSwish(dY, X, ops.swish(X)),
      ops.backpropSwish(dY, X, ops.swish(X, 2), 2),
    ]),
);

parity(
  "sumRows(), mulRows(), rowDots(), scaleColumns() match cpu",
  LOOSE,
  (ops) =>
    each(5, ops, (X, Y) => {
      const [n, c] = X.shape;
      const r = rng(n * 31 + c);
      const v = ops.asarray1f(floats(r, n));
      const g = ops.asarray1f(floats(r, c));
      const b = ops.asarray1f(floats(r, c));
      return [
        ops.sumRows(X),
        ops.mulRows(X, v),
        ops.rowDots(X, Y),
        ops.scaleColumns(X, g, b),
        ops.scaleColumns(X, g),
      ];
    }),
);

parity("softmax() and backpropSoftmax() match cpu on any axis and temperature", LOOSE, (ops) => {
  const r = rng(6);
  const out: Outputs[number][] = [];
  for (const shape of [[0, 4], [5, 1], [7, 13], [3, 4, 5]] as const) {
    const n = shape.reduce<number>((a, b) => a * b, 1);
    const X = ops.asarray(floats(r, n, -10, 10), shape, "float32");
    const dY = ops.asarray(floats(r, n), shape, "float32");
    for (const axis of [-1, 0]) {
      for (const temperature of [1, 0.5]) {
        const Y = ops.softmax(X, { axis, temperature });
        out.push(Y, ops.backpropSoftmax(Y, dY, { axis, temperature }));
      }
    }
  }
  return out;
});

parity(
  "normalizeRows() and its backprop match cpu",
  { atol: 1e-4, rtol: 1e-3 },
  (ops) =>
    each(7, ops, (X, dY) => {
      const { Y, invStd } = ops.normalizeRows(X);
      return [Y, invStd, ops.backpropNormalizeRows(dY, Y, invStd)];
    }),
);

parity("argmax() and remainder() match cpu exactly", TIGHT, (ops) => {
  const r = rng(8);
  const ids = Uint32Array.from({ length: 50 }, () => Math.floor(r() * 4294967295));
  return [
    ...each(8, ops, (X) => [ops.argmax(X)]),
    ops.remainder(ops.asarray1i(ids, "uint32"), 977),
    ops.remainder(ops.asarray2i(Int32Array.of(5, 17, 0, 9), 2, 2), 4),
  ];
});

parity("copy(), reshape() and alloc() match cpu", TIGHT, (ops) => {
  const r = rng(9);
  const X = ops.asarray2f(floats(r, 12), 3, 4);
  return [
    ops.copy(X),
    ops.reshape(X, [2, 6] as const),
    ops.alloc2f(2, 3),
    ops.alloc1i(4, "uint32"),
    ops.alloc2i(2, 2),
    ops.alloc1f(5),
    ops.alloc3f(1, 2, 3),
    ops.alloc4f(2, 1, 2, 1),
    ops.alloc([3] as const, "int32"),
    ops.asarray2i([1, -2, 3, 4], 2, 2),
  ];
});
