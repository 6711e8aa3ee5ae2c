import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";
import type { Floats2d, Ints2d, Ragged } from "@weft/types";
import {
  chain,
  HashEmbed,
  list2ragged,
  type Model,
  ragged2list,
  setSeed,
  withArray,
} from "./mod.ts";

const ops = new CpuOps();
// Odd ids above 2^24 change when rounded through float32, so their hashes would too.
const a = ops.asarray2i([4294967295, 16777217, 16777219], 3, 1, "uint32");
const b = ops.asarray2i([33554435, 7], 2, 1, "uint32");

function embed(): Model<Ints2d, Floats2d> {
  setSeed(0);
  return HashEmbed({ nO: 4, nV: 50, column: 0, seed: 3 }).initialize() as Model<Ints2d, Floats2d>;
}

Deno.test("withArray(HashEmbed) over a list and a Ragged of uint32 ids embeds each id exactly", () => {
  const table = embed();
  const want = [a, b].map((x) => [...ops.readSync(table.predict(x))]);
  const overList = withArray(table).predict([a, b]) as Floats2d[];
  assert.deepEqual(overList.map((y) => [...ops.readSync(y)]), want);
  const model = chain(
    list2ragged({ dtype: "uint32" }) as Model,
    withArray(table) as Model,
    ragged2list() as Model,
  );
  assert.equal(model.inputType, "List[Ints2d]");
  const [Ys, backprop] = model.beginUpdate([a, b]) as [Floats2d[], (d: Floats2d[]) => unknown];
  assert.deepEqual(Ys.map((y) => [...ops.readSync(y)]), want);
  const dX = backprop(Ys.map((y) => ops.copy(y))) as Ints2d[];
  assert.deepEqual(dX.map((x) => [...ops.readSync(x)]), [[...ops.readSync(a)], [
    ...ops.readSync(b),
  ]]);
  const Xr = ops.list2ragged([a, b]) as Ragged<"uint32">;
  assert.equal(Xr.data.dtype, "uint32");
  const [, bpRagged] = withArray(table).beginUpdate(Xr);
  assert.equal(bpRagged(ops.list2ragged(Ys)), Xr, "the ids get no gradient");
});
