// spaCy's efficiency tagger (spacy.Tok2Vec.v2 with MultiHashEmbed and
// MaxoutWindowEncoder, under spacy.Tagger.v2) trains on WebGPU as on the CPU: the same
// seed and data give the same losses step by step, within float tolerance. Every op
// runs on the device: no layer of this network reads values back.
import assert from "node:assert/strict";
import { Adam, SequenceCategoricalCrossentropy, setSeed } from "@weft/layers";
import { getOps, type Ops, useOps } from "@weft/ops";
import { MaxoutWindowEncoder, MultiHashEmbed, Tagger, Tok2Vec } from "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

const hasAdapter = await (async () => {
  try {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
})();

const STEPS = 6;
const NAMES = ["D", "N", "V"];

async function train(ops: Ops): Promise<number[]> {
  setSeed(0);
  const docs = makeDocs(["the dog barks", "a cat sleeps", "the cat barks", "dogs sleep"]);
  const tags = [["D", "N", "V"], ["D", "N", "V"], ["D", "N", "V"], ["N", "V"]];
  const model = useOps(ops, () =>
    Tagger({
      tok2vec: Tok2Vec({
        embed: MultiHashEmbed({
          width: 8,
          attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
          rows: [50, 20, 20, 20],
          includeStaticVectors: false,
        }),
        encode: MaxoutWindowEncoder({ width: 8, windowSize: 1, maxoutPieces: 3, depth: 2 }),
      }),
      nO: NAMES.length,
    }));
  model.initialize({ X: docs });
  const loss = new SequenceCategoricalCrossentropy({ ops, names: NAMES });
  const optimizer = Adam({ ops, learnRate: 0.01 });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const [guesses, backprop] = model.beginUpdate(docs);
    const [d, value] = await loss.call(guesses, tags);
    backprop(d);
    model.finishUpdate(optimizer);
    losses.push(value);
  }
  return losses;
}

Deno.test({
  name: "the efficiency tagger (Tok2Vec.v2, MultiHashEmbed, MaxoutWindowEncoder, Tagger.v2) " +
    "trains on webgpu with the cpu losses [webgpu]",
  ignore: !hasAdapter,
  fn: async () => {
    const cpu = await train(getOps("cpu"));
    const gpu = await getOps("webgpu");
    const got = await train(gpu);
    assert.ok(cpu.at(-1)! < cpu[0]!, `the cpu run learns: ${cpu.join(", ")}`);
    got.forEach((value, step) => {
      const want = cpu[step]!;
      assert.ok(
        Math.abs(value - want) <= 1e-4 + 1e-3 * want,
        `step ${step}: ${value} on webgpu vs ${want} on cpu`,
      );
    });
    (gpu as { destroy?: () => void }).destroy?.();
  },
});
