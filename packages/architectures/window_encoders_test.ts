import assert from "node:assert/strict";
import fc from "fast-check";
import { type Model, withArray } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  MaxoutWindowEncoder,
  MaxoutWindowEncoderV1,
  MishWindowEncoder,
  MishWindowEncoderV1,
} from "./mod.ts";

const ops = getOps("cpu");
const WIDTH = 4;

function encoders(): [string, Model<Floats2d[], Floats2d[]>][] {
  const v1 = MaxoutWindowEncoderV1({ width: WIDTH, windowSize: 1, maxoutPieces: 2, depth: 2 });
  const mishV1 = MishWindowEncoderV1({ width: WIDTH, windowSize: 2, depth: 2 });
  const list = [
    [
      "MaxoutWindowEncoder.v2",
      MaxoutWindowEncoder({ width: WIDTH, windowSize: 1, maxoutPieces: 3, depth: 3 }),
    ],
    ["MishWindowEncoder.v2", MishWindowEncoder({ width: WIDTH, windowSize: 2, depth: 2 })],
    // What spacy.Tok2Vec.v1 does with a v1 encoder.
    [
      "MaxoutWindowEncoder.v1 in Tok2Vec.v1",
      withArray<Floats2d[]>(v1, { pad: v1.getAttr<number>("receptive_field") }),
    ],
    [
      "MishWindowEncoder.v1 in Tok2Vec.v1",
      withArray<Floats2d[]>(mishV1, { pad: mishV1.getAttr<number>("receptive_field") }),
    ],
  ] as [string, Model<Floats2d[], Floats2d[]>][];
  for (const [, m] of list) m.initialize({ X: [ops.alloc2f(2, WIDTH)] });
  return list;
}

Deno.test("window encoders never let a window cross into a neighbouring document", () => {
  const models = encoders();
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 1000 }),
      (lengths, seed) => {
        const Xs = lengths.map((n, d) =>
          ops.asarray2f(
            Float32Array.from({ length: n * WIDTH }, (_, i) => Math.sin(seed + 7 * d + i)),
            n,
            WIDTH,
          )
        );
        for (const [name, model] of models) {
          const together = model.predict(Xs);
          Xs.forEach((X, d) => {
            const alone = ops.readSync!(model.predict([X])[0]!);
            const inBatch = ops.readSync!(together[d]!);
            alone.forEach((v, i) =>
              assert.ok(Math.abs(v - inBatch[i]!) < 1e-5, `${name}: doc ${d} differs in a batch`)
            );
          });
        }
      },
    ),
    { numRuns: 30 },
  );
});

Deno.test("MaxoutWindowEncoder.v2 pads by its receptive field and keeps the width", () => {
  const model = MaxoutWindowEncoder({ width: 6, windowSize: 2, maxoutPieces: 3, depth: 4 });
  assert.equal(model.getAttr("pad"), 8);
  assert.equal(model.getDim("nO"), 6);
  const maxouts = model.walk().filter((n) => n.name === "maxout");
  assert.equal(maxouts.length, 4);
  for (const m of maxouts) {
    assert.equal(m.getDim("nI"), 6 * 5);
    assert.equal(m.getDim("nP"), 3);
  }
});

Deno.test("without padding, windows would cross documents (the check above can fail)", () => {
  const v1 = MaxoutWindowEncoderV1({ width: WIDTH, windowSize: 1, maxoutPieces: 2, depth: 2 });
  const unpadded = withArray<Floats2d[]>(v1).initialize({ X: [ops.alloc2f(2, WIDTH)] });
  const Xs = [3, 2].map((n, d) =>
    ops.asarray2f(Float32Array.from({ length: n * WIDTH }, (_, i) => Math.cos(d + i)), n, WIDTH)
  );
  const alone = ops.readSync!(unpadded.predict([Xs[0]!])[0]!);
  const inBatch = ops.readSync!(unpadded.predict(Xs)[0]!);
  assert.ok(alone.some((v, i) => Math.abs(v - inBatch[i]!) > 1e-4));
});
