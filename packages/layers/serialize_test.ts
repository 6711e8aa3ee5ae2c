import assert from "node:assert/strict";
import fc from "fast-check";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  chain,
  Gelu,
  glorotUniformInit,
  HashEmbed,
  LayerNorm,
  Maxout,
  Mish,
  type Model,
  Relu,
  setSeed,
  Softmax,
} from "./mod.ts";

const ops = getOps("cpu");
const X = ops.asarray2f(Array.from({ length: 20 }, (_, i) => Math.cos(i * 0.7)), 5, 4);

function build(seed: number) {
  setSeed(seed);
  return chain(
    Relu({ nO: 6, normalize: true }),
    Maxout({ nO: 5, nP: 2 }),
    Softmax({ nO: 3, initW: glorotUniformInit }),
  )
    .initialize({ X });
}

Deno.test("fromBytes(toBytes(m)) reproduces predictions exactly", async () => {
  const a = build(1);
  const b = build(2);
  assert.notDeepEqual([...ops.readSync!(b.predict(X) as Floats2d)], [
    ...ops.readSync!(a.predict(X) as Floats2d),
  ]);
  const bytes = await a.toBytes();
  await b.fromBytes(bytes);
  assert.deepEqual([...ops.readSync!(b.predict(X) as Floats2d)], [
    ...ops.readSync!(a.predict(X) as Floats2d),
  ]);
  assert.deepEqual(await b.toBytes(), bytes);
});

Deno.test("fromBytes() fills dims and params of an uninitialized model", async () => {
  const a = build(3);
  const fresh = chain(
    Relu({ nO: 6, normalize: true }),
    Maxout({ nO: 5, nP: 2 }),
    Softmax({ nO: 3 }),
  );
  await fresh.fromBytes(await a.toBytes());
  assert.equal(fresh.layers[0]!.layers[0]!.getDim("nI"), 4);
  assert.deepEqual([...ops.readSync!(fresh.predict(X) as Floats2d)], [
    ...ops.readSync!(a.predict(X) as Floats2d),
  ]);
});

Deno.test("fromBytes() names the first mismatching node", async () => {
  const a = build(4);
  const other = chain(Relu({ nO: 6, normalize: true }), Relu({ nO: 5 }), Softmax({ nO: 3 }));
  await assert.rejects(
    () => other.fromBytes(a.toBytes() as unknown as Uint8Array),
    TypeError,
  );
  await assert.rejects(
    async () => other.fromBytes(await a.toBytes()),
    /mismatched node 2 \("relu"\): stored name "maxout"/,
  );
  const wider = chain(
    Relu({ nO: 7, normalize: true }),
    Maxout({ nO: 5, nP: 2 }),
    Softmax({ nO: 3 }),
  );
  await assert.rejects(
    async () => wider.fromBytes(await a.toBytes()),
    /dimension "nO" is 6, expected 7/,
  );
  const embed = HashEmbed({ nO: 3, nV: 10 });
  await assert.rejects(
    async () => embed.fromBytes(await a.toBytes()),
    /6 nodes stored, the model has 1/,
  );
});

Deno.test("a truncated byte string fails naming the node where it ends", async () => {
  const a = build(5);
  const bytes = await a.toBytes();
  const b = build(6);
  const before = [...ops.readSync!(b.predict(X) as Floats2d)];
  await assert.rejects(
    () => b.fromBytes(bytes.subarray(0, bytes.length - 10)),
    /truncated or corrupt at node \d+ \("\w+"\)|bytes end before node/,
  );
  // Nothing was loaded.
  assert.deepEqual([...ops.readSync!(b.predict(X) as Floats2d)], before);
});

Deno.test("every truncation of the bytes is rejected with a TypeError", async () => {
  const bytes = await build(7).toBytes();
  const target = build(8);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (end) => {
      await assert.rejects(() => target.fromBytes(bytes.subarray(0, end)), TypeError);
    }),
    { numRuns: 60 },
  );
});

Deno.test("toDisk() writes atomically and fromDisk() reads it back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = build(9);
    const path = `${dir}/model.bin`;
    await a.toDisk(path);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["model.bin"]);
    const b = await build(10).fromDisk(path);
    assert.deepEqual([...ops.readSync!(b.predict(X) as Floats2d)], [
      ...ops.readSync!(a.predict(X) as Floats2d),
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attrs round-trip; LayerNorm survives", async () => {
  const a = chain(LayerNorm({ nI: 4 }), Softmax({ nO: 2, temperature: 3 })).initialize();
  const b = chain(LayerNorm({ nI: 4 }), Softmax({ nO: 2 })).initialize();
  await b.fromBytes(await a.toBytes());
  assert.equal(b.layers[1]!.getAttr("softmax_temperature"), 3);
});

Deno.test("random dense stacks round-trip through bytes exactly", async () => {
  const makers = [
    (nO: number) => Relu({ nO }),
    (nO: number) => Maxout({ nO, nP: 2 }),
    (nO: number) => Mish({ nO, normalize: true }),
    (nO: number) => Gelu({ nO, dropout: 0.1 }),
    (_nO: number) => LayerNorm(),
  ];
  const specArb = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 5 })),
    {
      minLength: 1,
      maxLength: 4,
    },
  );
  await fc.assert(
    fc.asyncProperty(specArb, fc.integer({ min: 0, max: 1000 }), async (spec, seed) => {
      const build = (s: number) => {
        setSeed(s);
        const layers = spec.map(([kind, nO]) => makers[kind]!(nO)) as [Model, ...Model[]];
        return chain(...layers).initialize({ X }) as Model<Floats2d, Floats2d>;
      };
      const a = build(seed);
      const b = build(seed + 1);
      await b.fromBytes(await a.toBytes());
      assert.deepEqual([...ops.readSync!(b.predict(X))], [...ops.readSync!(a.predict(X))]);
    }),
    { numRuns: 25 },
  );
});
