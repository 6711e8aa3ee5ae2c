import assert from "node:assert/strict";
import fc from "fast-check";
import { hashString, keyWords, wordsKey } from "./hash.ts";
import { StringStore } from "./string_store.ts";

Deno.test("hashString() gives spaCy's keys", () => {
  assert.equal(hashString("coffee"), 3197928453018144401n);
});

Deno.test("keyWords() and wordsKey() round-trip 64-bit keys", () => {
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (k) => {
    const [lo, hi] = keyWords(k);
    assert.equal(wordsKey(lo, hi), k);
  }));
});

Deno.test("StringStore maps strings to keys, slots and low words one-to-one", () => {
  fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 30 }), (words) => {
    const s = new StringStore(words);
    assert.equal(s.size, words.length);
    for (const w of words) {
      const key = s.key(w);
      assert.equal(s.get(key), w);
      const slot = s.slotOf(w);
      assert.equal(s.atSlot(slot), w);
      assert.equal(s.lowOfSlot(slot), Number(key & 0xffffffffn));
      assert.equal(s.slotOfLow(s.lowOfSlot(slot)), slot);
    }
    assert.deepEqual(StringStore.fromJSON(s.toJSON()).toJSON(), words);
  }));
});

Deno.test("StringStore: the empty string is slot 0 with key 0", () => {
  const s = new StringStore();
  assert.equal(s.intern(""), 0);
  assert.equal(s.key(""), 0n);
  assert.equal(s.size, 0);
});

Deno.test("StringStore zones drop transient strings and keep permanent ones", () => {
  const s = new StringStore(["a"]);
  s.beginZone();
  s.add("b");
  s.add("label", { allowTransient: false });
  s.beginZone();
  s.add("c");
  s.add("b", { allowTransient: false });
  assert.deepEqual(s.endZone().map((i) => i > 0), [true]);
  assert.equal(s.has("c"), false);
  s.endZone();
  assert.deepEqual([...s].sort(), ["a", "b", "label"]);
  assert.throws(() => s.endZone(), RangeError);
  // Freed slots are reused and lookups stay consistent.
  s.add("d");
  assert.equal(s.get(s.key("d")), "d");
  assert.throws(() => s.get(hashString("c")), RangeError);
});
