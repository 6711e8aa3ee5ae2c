import assert from "node:assert/strict";
import { registry } from "@weft/config";
import "./registrations.ts";
import { minibatch, minibatchByPadded, minibatchByWords, sizeSequence } from "./batchers.ts";
import type { Batcher } from "./batchers.ts";

interface Case {
  lengths: number[];
  size: number;
  sizes: number[];
  [key: string]: unknown;
}
const cases: Case[] = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/batches.json", import.meta.url)),
);

Deno.test("batchers give spaCy's batches on fixed lengths (fixture from spacy.training.batchers)", () => {
  for (const c of cases) {
    const items = c.lengths.map((_, i) => i);
    const getLength = (i: number) => c.lengths[i]!;
    for (const [tol, discard] of [[0.2, false], [0.0, true], [0.5, false]] as const) {
      const key = `words_${tol === 0 ? "0.0" : tol}_${discard ? "True" : "False"}`;
      const got = [
        ...minibatchByWords(items, {
          size: c.size,
          tolerance: tol,
          discardOversize: discard,
          getLength,
        }),
      ];
      assert.deepEqual(got, c[key], key);
    }
    const seq = () => [...c.sizes, ...Array(1000).fill(c.sizes.at(-1))];
    assert.deepEqual([...minibatchByWords(items, { size: seq(), getLength })], c.words_seq);
    assert.deepEqual(
      [...minibatchByPadded(items, { size: c.size, buffer: 16, getLength })],
      c.padded,
    );
    assert.deepEqual(
      [...minibatchByPadded(items, { size: c.size, buffer: 16, discardOversize: true, getLength })],
      c.padded_discard,
    );
    assert.deepEqual([...minibatch(items, seq())], c.sequence);
  }
});

Deno.test("sizeSequence() accepts numbers, generators, iterators and schedules", () => {
  function* grow() {
    for (let i = 1; i <= 3; i++) yield i * 10;
  }
  const g = sizeSequence(grow());
  assert.deepEqual([g(), g(), g(), g()], [10, 20, 30, 30]);
  const sched = sizeSequence({ at: (step: number) => 2 ** step });
  assert.deepEqual([sched(), sched(), sched()], [1, 2, 4]);
  const it = sizeSequence([5][Symbol.iterator]());
  assert.equal(it(), 5);
  assert.throws(() => sizeSequence(0), RangeError);
  assert.throws(() => sizeSequence([])(), /empty/);
});

Deno.test("registered batchers resolve from spaCy's names with defaults", () => {
  const byWords = registry.batchers.get("spacy.batch_by_words.v1")({
    size: 4,
    tolerance: 0.2,
    discard_oversize: false,
    get_length: null,
  }) as Batcher<string>;
  assert.deepEqual([...byWords(["ab", "cd", "e"])], [["ab", "cd"], ["e"]]);
  const bySeq = registry.batchers.get("spacy.batch_by_sequence.v1")({ size: 2 }) as Batcher<number>;
  assert.deepEqual([...bySeq([1, 2, 3])], [[1, 2], [3]]);
  assert.ok(registry.batchers.has("spacy.batch_by_padded.v1"));
});
