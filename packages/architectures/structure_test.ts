import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import type { Model } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { DocLike, Floats2d } from "@weft/types";
import "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";
import { diffStructure, dumpModel, type ModelDump } from "./testdata/structure.ts";

interface Case {
  components: { name: string; factory: string; config: string }[];
  models: Record<string, ModelDump>;
}
interface Fixture {
  texts: string[];
  tags: string[];
  cats: string[];
  cases: Record<string, Case>;
}

const fixture: Fixture = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/structure_fixtures.json", import.meta.url)),
);
const ops = getOps("cpu");
const docs = makeDocs(fixture.texts);

function labels(factory: string): Floats2d[] | Floats2d {
  if (factory === "tagger") return docs.map((d) => ops.alloc2f(d.length, fixture.tags.length));
  return ops.alloc2f(docs.length, fixture.cats.length);
}

function build(config: string): Model {
  const resolved = registry.resolve(Config.fromStr(config)) as { model: Model };
  return resolved.model;
}

Deno.test("spaCy's tagger and textcat models have the same layers, dims and parameter counts", async (t) => {
  for (const [caseName, c] of Object.entries(fixture.cases)) {
    await t.step(caseName, () => {
      for (const comp of c.components) {
        const model = build(comp.config) as Model<DocLike[], unknown>;
        const Y = comp.factory === "tok2vec" ? undefined : labels(comp.factory);
        model.initialize({ X: docs, Y });
        const problems = diffStructure(dumpModel(model), c.models[comp.name]!);
        assert.deepEqual(problems, [], `${caseName}/${comp.name}:\n${problems.join("\n")}`);
      }
    });
  }
});
