import assert from "node:assert/strict";
import fc from "fast-check";
import { getOps } from "@weft/ops";
import type { Floats2d, Padded, Ragged } from "@weft/types";
import {
  chain,
  expandWindow,
  HashEmbed,
  Linear,
  list2padded,
  list2ragged,
  padded2list,
  ragged2list,
  reduceMean,
  Relu,
  resizable,
  resizeModel,
  setSeed,
  Softmax,
  uniqued,
  withArray,
  withList,
  withPadded,
  withRagged,
} from "./mod.ts";

const ops = getOps("cpu");
const read = (x: Floats2d) => [...ops.readSync!(x)];

const listArb = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.array(
    fc.integer({ min: 0, max: 5 }).chain((n) =>
      fc.array(fc.float({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), {
        minLength: n * width,
        maxLength: n * width,
      }).map((v) => ({ v, n, width }))
    ),
    { minLength: 1, maxLength: 5 },
  )
);
const toList = (items: { v: number[]; n: number; width: number }[]) =>
  items.map(({ v, n, width }) => ops.asarray2f(v, n, width));

Deno.test("list2ragged/ragged2list and list2padded/padded2list round-trip any list", () => {
  fc.assert(
    fc.property(listArb, (items) => {
      const Xs = toList(items);
      const viaRagged = ragged2list().predict(list2ragged().predict(Xs));
      const viaPadded = padded2list().predict(list2padded().predict(Xs));
      for (const back of [viaRagged, viaPadded]) {
        assert.deepEqual(back.map((x) => x.shape), Xs.map((x) => x.shape));
        assert.deepEqual(back.map(read), Xs.map(read));
      }
    }),
    { numRuns: 40 },
  );
});

Deno.test("withArray gives the same rows for a list, a Ragged and a Padded batch", () => {
  fc.assert(
    fc.property(listArb, (items) => {
      setSeed(0);
      const relu = Relu({ nO: 3, nI: items[0]!.width }).initialize();
      const Xs = toList(items);
      const fromList = (withArray(relu).predict(Xs) as Floats2d[]).map(read);
      const Yr = withArray(relu).predict(ops.list2ragged(Xs)) as Ragged<"float32">;
      const fromRagged = ops.ragged2list(Yr).map(read);
      const Yp = withArray(relu).predict(ops.list2padded(Xs)) as Padded<"float32">;
      const fromPadded = ops.padded2list(Yp).map(read);
      assert.deepEqual(fromRagged, fromList);
      assert.deepEqual(fromPadded, fromList);
    }),
    { numRuns: 30 },
  );
});

Deno.test("with* wrappers refuse layers of the wrong input type, naming both", () => {
  assert.throws(() => withArray(list2ragged() as never), /Cannot wrap "list2ragged" in withArray/);
  assert.throws(
    () => withPadded(Relu() as never),
    /it expects Floats2d but withPadded passes Padded/,
  );
  assert.throws(() => withRagged(Relu() as never), TypeError);
  assert.throws(() => withList(Relu() as never), TypeError);
  assert.throws(() => chain(reduceMean(), list2ragged()), /"reduce_mean" outputs Floats2d/);
});

Deno.test("reduceMean and expandWindow respect sequence boundaries (hand-computed)", () => {
  const Xr = ops.list2ragged([ops.asarray2f([1, 3], 2, 1), ops.asarray2f([5], 1, 1)]);
  assert.deepEqual(read(reduceMean().predict(Xr)), [2, 5]);
  const Yr = expandWindow(1).predict(Xr) as typeof Xr;
  assert.deepEqual([...ops.readSync!(Yr.dataXd)], [0, 1, 3, 1, 3, 0, 0, 5, 0]);
});

Deno.test("uniqued(layer) matches the layer's outputs and gradients", () => {
  setSeed(0);
  const embed = HashEmbed({ nO: 3, nV: 16, seed: 5, column: 0 }).initialize();
  const cached = uniqued(embed);
  const X = ops.asarray2i([4, 8, 4, 4, 9], 5, 1);
  const dY = ops.asarray2f(Array.from({ length: 15 }, (_, i) => i / 7), 5, 3);
  const [Y1, bp1] = embed.beginUpdate(X);
  bp1(dY);
  const grad1 = read(embed.walk()[2]!.getGrad("E") as Floats2d);
  ops.fill(embed.walk()[2]!.getGrad("E"), 0);
  const [Y2, bp2] = cached.beginUpdate(X);
  bp2(dY);
  const grad2 = read(embed.walk()[2]!.getGrad("E") as Floats2d);
  assert.deepEqual(read(Y2), read(Y1));
  grad2.forEach((g, i) => assert.ok(Math.abs(g - grad1[i]!) < 1e-5));
});

Deno.test("resizeModel() keeps old output weights and fills new ones", () => {
  setSeed(0);
  const model = resizable(
    Softmax({
      nO: 2,
      nI: 3,
      initW: (o, s) => o.asarray(new Float32Array(s[0]! * s[1]!).fill(0.5), s, "float32"),
    }),
  );
  model.initialize();
  const before = read(model.layers[0]!.getParam("W") as Floats2d);
  resizeModel(model, 3);
  const W = read(model.layers[0]!.getParam("W") as Floats2d);
  assert.deepEqual(W.slice(0, 6), before);
  assert.deepEqual(W.slice(6), [0, 0, 0]);
  assert.equal(model.getDim("nO"), 3);
  assert.throws(() => resizeModel(model, 2), /Cannot shrink/);
  assert.deepEqual(
    chain(Linear({ nO: 3, nI: 3 }), model).initialize().predict(ops.alloc2f(1, 3)).shape,
    [1, 3],
  );
});
