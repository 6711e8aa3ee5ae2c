import assert from "node:assert/strict";
import { registry } from "@weft/config";
import "../mod.ts";

type Batcher = (items: Iterable<{ length: number }>) => Iterable<{ length: number }[]>;

Deno.test("batch_by_words.v1: a compounding size keeps growing across epochs, as spaCy's generator", () => {
  const { b } = registry.resolve({
    b: {
      "@batchers": "spacy.batch_by_words.v1",
      size: { "@schedules": "compounding.v1", start: 100, stop: 1000, compound: 1.1 },
      tolerance: 0.2,
      discard_oversize: false,
    },
  }) as { b: Batcher };
  const items = Array.from({ length: 50 }, () => ({ length: 10 }));
  const firstOf = (epoch: { length: number }[][]) => epoch[0]!.length * 10;
  const e1 = [...b(items)];
  const e2 = [...b(items)];
  assert.equal(firstOf(e1), 100);
  // The second epoch starts where the first stopped, not at 100 again.
  assert.ok(firstOf(e2) > 140, `second epoch starts at ${firstOf(e2)}`);
});

Deno.test("batch_by_sequence.v1: a list of sizes restarts at each epoch (Python's iter(list))", () => {
  const { b } = registry.resolve({
    b: { "@batchers": "spacy.batch_by_sequence.v1", size: [1, 2] },
  }) as { b: Batcher };
  const items = Array.from({ length: 5 }, () => ({ length: 1 }));
  assert.deepEqual([...b(items)].map((x) => x.length), [1, 2, 2]);
  assert.deepEqual([...b(items)].map((x) => x.length), [1, 2, 2]);
});

Deno.test("batch_by_sequence.v1: a compounding size continues in the next epoch", () => {
  const { b } = registry.resolve({
    b: {
      "@batchers": "spacy.batch_by_sequence.v1",
      size: { "@schedules": "compounding.v1", start: 1, stop: 100, compound: 2 },
    },
  }) as { b: Batcher };
  const items = Array.from({ length: 7 }, () => ({ length: 1 }));
  assert.deepEqual([...b(items)].map((x) => x.length), [1, 2, 4]);
  assert.deepEqual([...b(items)].map((x) => x.length), [7]);
});
