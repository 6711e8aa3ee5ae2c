import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import { floatLeaves, type Model, setSeed } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { DocLike } from "@weft/types";
import "./mod.ts";
import { EXAMPLES } from "./testdata/examples.ts";
import { FakeVectors, makeDocs } from "./testdata/fake_docs.ts";

const ops = getOps("cpu");
const vectors = new FakeVectors(["The", "fox", "Dog"], 5);

Deno.test("every document-level architecture round-trips through toBytes()/fromBytes()", async (t) => {
  // Networks whose fresh initialization differs, so that loading really changed them.
  let changed = 0;
  for (const [name, example] of Object.entries(EXAMPLES)) {
    if (!example.kind.startsWith("docs->")) continue;
    await t.step(name, async () => {
      const docs = makeDocs(
        ["The quick brown fox", "A Dog"],
        example.vectors ? vectors : undefined,
      );
      const Y = example.kind === "docs->tags"
        ? docs.map((d) => ops.alloc2f(d.length, 3))
        : example.kind.startsWith("docs->cats")
        ? ops.alloc2f(2, 3)
        : undefined;
      const build = (seed: number) => {
        setSeed(seed);
        const model = (registry.resolve(Config.fromStr(example.config)) as { model: Model })
          .model as Model<DocLike[], unknown>;
        return model.initialize({ X: docs, Y });
      };
      const outputs = (m: Model<DocLike[], unknown>) =>
        floatLeaves(m.predict(docs)).map((x) => [...ops.readSync!(x)]);
      const a = build(1);
      const b = build(2);
      if (JSON.stringify(outputs(b)) !== JSON.stringify(outputs(a))) changed++;
      await b.fromBytes(await a.toBytes());
      assert.deepEqual(outputs(b), outputs(a));
    });
  }
  assert.ok(changed >= 12, `only ${changed} networks differed before loading`);
});
