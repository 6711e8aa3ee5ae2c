import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import { gradCheck, type Model, setSeed } from "@weft/layers";
import { getOps } from "@weft/ops";
import { type Floats2d, NdArray, Ragged } from "@weft/types";
import { ARCHITECTURE_LAYER_NAMES, ARCHITECTURE_NAMES } from "./mod.ts";
import { FakeVectors, makeDocs } from "./testdata/fake_docs.ts";
import { type Example, EXAMPLES } from "./testdata/examples.ts";

const ops = getOps("cpu");
const TEXTS = ["The quick brown fox jumps .", "A lazy Dog sleeps", "Dogs bark"];
const vectors = new FakeVectors(["The", "fox", "Dog", "bark", "quick"], 5);

function floats(rows: number, cols: number, seed: number): Floats2d {
  return ops.asarray2f(
    Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(seed + i)),
    rows,
    cols,
  );
}

function sample(example: Example): { X: unknown; Y?: unknown } {
  const docs = makeDocs(TEXTS, example.vectors ? vectors : undefined);
  const width = example.width ?? 0;
  switch (example.kind) {
    case "docs->tags":
      return { X: docs, Y: docs.map((d) => ops.alloc2f(d.length, 4)) };
    case "docs->cats":
    case "docs->cats-softmax":
      return { X: docs, Y: ops.alloc2f(docs.length, 3) };
    case "list->list":
      return { X: [floats(4, width, 1), floats(1, width, 2), floats(3, width, 3)] };
    case "array->array":
      return { X: floats(5, width, 4) };
    case "ragged->array":
      return { X: new Ragged(floats(6, width, 5), new Int32Array([2, 1, 3])) };
    default:
      return { X: docs };
  }
}

function build(config: string): Model {
  return (registry.resolve(Config.fromStr(config)) as { model: Model }).model;
}

function rows(Y: unknown): number[] {
  if (Y instanceof NdArray) return [...Y.shape];
  if (Y instanceof Ragged) return [...Y.dataXd.shape];
  if (Array.isArray(Y)) return Y.flatMap((y) => (y instanceof NdArray ? [y.shape[0]] : []));
  return [];
}

function checkOutput(example: Example, out: unknown): void {
  switch (example.kind) {
    case "docs->tokens":
    case "docs->tags":
      assert.deepEqual(rows(out), [6, 4, 2]);
      break;
    case "docs->cats":
    case "docs->cats-softmax":
      assert.deepEqual(rows(out), [3, 3]);
      break;
    case "docs->ragged":
      assert.deepEqual(rows(out), [12, 6]);
      break;
    case "list->list":
      assert.deepEqual(rows(out), [4, 1, 3]);
      break;
  }
}

Deno.test("every registered name has an example config", () => {
  const listed = Object.keys(EXAMPLES).sort();
  const registered = [...ARCHITECTURE_NAMES, ...ARCHITECTURE_LAYER_NAMES]
    .filter((n) => n !== "spacy.Tok2VecListener.v1") // tok2vec_listener_test.ts
    .sort();
  assert.deepEqual(listed, registered);
});

Deno.test("each architecture builds from spaCy's config, initializes and passes a gradient check", async (t) => {
  for (const [name, example] of Object.entries(EXAMPLES)) {
    await t.step(name, () => {
      const { X, Y } = sample(example);
      const loss = example.kind === "docs->tags" || example.kind === "docs->cats-softmax"
        ? "crossentropy"
        : "linear";
      // Maxout is not differentiable where two pieces tie; a random initialization
      // occasionally puts a tie within a finite-difference step. A wrong gradient
      // fails under every seed, so each network gets three initializations.
      let failure: unknown;
      for (let seed = 0; seed < 3; seed++) {
        setSeed(seed);
        const model = build(example.config);
        model.initialize({ X, Y });
        if (seed === 0) checkOutput(example, model.predict(X));
        try {
          gradCheck(model, X, { loss, eps: 1e-3, ignoreParams: example.ignoreParams });
          return;
        } catch (e) {
          failure = e;
        }
      }
      throw failure;
    });
  }
});
