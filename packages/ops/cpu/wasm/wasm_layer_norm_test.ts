// The WebAssembly LayerNorm kernels against the JavaScript loops: the same bits.
import assert from "node:assert/strict";
import fc from "fast-check";
import { hostArray, hostData } from "@weft/types";
import { backpropLayerNormH, layerNormH } from "../layer_norm.ts";
import { layerNormKernel } from "./kernels.ts";
import { LN_CHUNK } from "./wasm_layer_norm.ts";

const kernel = layerNormKernel();

/** Equal bit patterns, except that any NaN equals any NaN (payloads may differ). */
function assertSameBits(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, what);
  const g = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const w = new Uint32Array(want.buffer, want.byteOffset, want.length);
  for (let i = 0; i < g.length; i++) {
    if (g[i] === w[i] || (Number.isNaN(got[i]) && Number.isNaN(want[i]))) continue;
    assert.fail(`${what}[${i}]: got ${got[i]} (0x${g[i]!.toString(16)}), want ${want[i]}`);
  }
}

/** Run both passes on the kernel and in JavaScript; compare every output. */
function compare(
  N: number,
  n: number,
  x: number[],
  g: number[],
  b: number[],
  dy: number[],
  eps = 1e-8,
): void {
  const X = hostArray([N, n] as const, "float32", x);
  const G = hostArray([n] as const, "float32", g);
  const B = hostArray([n] as const, "float32", b);
  const dY = hostArray([N, n] as const, "float32", dy);
  const want = layerNormH(X, G, B, eps);
  const got = layerNormH(X, G, B, eps, kernel);
  assertSameBits(hostData(got.Xhat), hostData(want.Xhat), "Xhat");
  assertSameBits(hostData(got.Y), hostData(want.Y), "Y");
  assertSameBits(hostData(got.invStd), hostData(want.invStd), "invStd");
  const wantB = backpropLayerNormH(dY, want.Xhat, want.invStd, G);
  const gotB = backpropLayerNormH(dY, want.Xhat, want.invStd, G, kernel);
  assertSameBits(hostData(gotB.dX), hostData(wantB.dX), "dX");
  assertSameBits(hostData(gotB.dG), hostData(wantB.dG), "dG");
  assertSameBits(hostData(gotB.db), hostData(wantB.db), "db");
}

// Ordinary values, signed zeros, tiny values (products that underflow float32),
// huge ones, subnormals, infinities: everything but NaN, which the second test adds.
const value = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5) },
  {
    weight: 1,
    arbitrary: fc.float({ min: Math.fround(-1e-20), max: Math.fround(1e-20), noNaN: true }),
  },
  { weight: 1, arbitrary: fc.float({ noNaN: true }) },
);

/** `N x n` values, some rows constant (zero variance). */
function matrix(N: number, n: number, item: fc.Arbitrary<number>) {
  return fc.array(fc.tuple(fc.boolean(), fc.array(item, { minLength: n, maxLength: n })), {
    minLength: N,
    maxLength: N,
  }).map((rows) => rows.flatMap(([constant, row]) => constant ? row.map(() => row[0]!) : row));
}

function shapedCase(item: fc.Arbitrary<number>, maxN: number, maxCols: number) {
  return fc.tuple(fc.integer({ min: 1, max: maxN }), fc.integer({ min: 1, max: maxCols }))
    .chain(([N, n]) =>
      fc.record({
        N: fc.constant(N),
        n: fc.constant(n),
        x: matrix(N, n, item),
        g: fc.array(item, { minLength: n, maxLength: n }),
        b: fc.array(item, { minLength: n, maxLength: n }),
        dy: matrix(N, n, item),
      })
    );
}

Deno.test("the runtime gets the WebAssembly LayerNorm kernel", () => {
  assert.ok(kernel !== undefined);
});

Deno.test({
  name: "wasm layerNorm and backpropLayerNorm equal the JavaScript loops bit for bit (property)",
  ignore: kernel === undefined,
  fn: () => {
    // Up to 19 rows: groups of eight, pairs, a lone row; up to 13 columns: tails of 0-3.
    fc.assert(
      fc.property(shapedCase(value, 19, 13), ({ N, n, x, g, b, dy }) => compare(N, n, x, g, b, dy)),
      { numRuns: 300 },
    );
  },
});

Deno.test({
  name:
    "wasm LayerNorm sums each row in order: cancelling magnitudes give the same bits (property)",
  ignore: kernel === undefined,
  fn: () => {
    // With ±2^60 next to small values a float64 sum depends on its order
    // ((2^60 - 2^60) + 1 = 1, (2^60 + 1) - 2^60 = 0), so any reordering shows.
    const cancelling = fc.constantFrom(2 ** 60, -(2 ** 60), 2 ** 30, -(2 ** 30), 1, -1, 3, 0.375);
    fc.assert(
      fc.property(
        shapedCase(cancelling, 19, 13),
        ({ N, n, x, g, b, dy }) => compare(N, n, x, g, b, dy),
      ),
      { numRuns: 300 },
    );
  },
});

Deno.test({
  name: "wasm LayerNorm passes NaNs through as the JavaScript loops do (property)",
  ignore: kernel === undefined,
  fn: () => {
    const withNaN = fc.oneof({ weight: 8, arbitrary: value }, {
      weight: 1,
      arbitrary: fc.constant(NaN),
    });
    fc.assert(
      fc.property(
        shapedCase(withNaN, 11, 9),
        ({ N, n, x, g, b, dy }) => compare(N, n, x, g, b, dy),
      ),
      { numRuns: 100 },
    );
  },
});

Deno.test({
  name: "wasm LayerNorm matches across chunk boundaries and wide rows",
  ignore: kernel === undefined,
  fn: () => {
    let s = 7;
    const next = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return (s / 4294967296 - 0.5) * 6;
    };
    const values = (k: number) => Array.from({ length: k }, next);
    // 96 columns: 170 rows a chunk; 97: 168; LN_CHUNK: one row a chunk; wider: JavaScript.
    for (const [N, n] of [[1000, 96], [341, 97], [3, LN_CHUNK], [2, LN_CHUNK + 3], [9, 1]]) {
      compare(N!, n!, values(N! * n!), values(n!), values(n!), values(N! * n!), 1e-5);
    }
  },
});

Deno.test({
  name: "wasm backpropLayerNorm keeps -0 where dY * G underflows (as JavaScript's f32(dY * G + 0))",
  ignore: kernel === undefined,
  fn: () => {
    // dY * G = -1e-50 is not zero, so `+ 0` keeps its sign and float32 rounds it to -0;
    // with every d zero, dX = s * (d - 0 - Xhat * 0) = -0. A float32 product would give +0.
    // Five columns: four in a SIMD step, one in the scalar tail.
    const n = 5;
    const dY = hostArray([1, n] as const, "float32", Array(n).fill(-1e-30));
    const Xhat = hostArray([1, n] as const, "float32", Array(n).fill(1));
    const invStd = hostArray([1] as const, "float32", [1]);
    for (const [g, sign] of [[1e-20, -0], [0, 0]]) {
      const G = hostArray([n] as const, "float32", Array(n).fill(g));
      const { dX } = backpropLayerNormH(dY, Xhat, invStd, G, kernel);
      assert.ok(hostData(dX).every((v) => Object.is(v, sign)), `G = ${g}: ${hostData(dX)}`);
    }
  },
});
