import assert from "node:assert/strict";
import fc from "fast-check";
import { Tokenizer } from "./tokenizer.ts";
import { createTokenizer, rulesFor } from "./create.ts";
import type { TokenizerRules } from "./types.ts";

const tiny: TokenizerRules = {
  prefixes: ["\\(", "\\$", "\\(\\("],
  suffixes: ["\\)", "\\.", "\\.\\.\\.", "'s"],
  infixes: ["-", "(?<=[a-z])(?=[0-9])"],
  specialCases: {
    "don't": [{ orth: "do" }, { orth: "n't", norm: "not" }],
    ":)": [{ orth: ":)" }],
    "x.": [{ orth: "x." }],
  },
};

function rebuild(words: string[], spaces: boolean[]): string {
  return words.map((w, i) => w + (spaces[i] ? " " : "")).join("");
}

Deno.test("Tokenizer.call() applies prefixes in order, the longest suffix and infixes", async (t) => {
  const tok = new Tokenizer(tiny);
  await t.step("the first listed prefix wins over a longer one", () => {
    assert.deepEqual(tok.call("((a").words, ["(", "(", "a"]);
  });
  await t.step("the suffix that starts leftmost wins", () => {
    assert.deepEqual(tok.call("wait...").words, ["wait", "..."]);
    assert.deepEqual(tok.call("Bob's)").words, ["Bob", "'s", ")"]);
  });
  await t.step("prefix and suffix are removed together, then again", () => {
    assert.deepEqual(tok.call("($a).").words, ["(", "$", "a", ")", "."]);
  });
  await t.step("infixes split inside, but not at the very start", () => {
    assert.deepEqual(tok.call("a-b-c").words, ["a", "-", "b", "-", "c"]);
    assert.deepEqual(tok.call("-b").words, ["-b"]);
  });
  await t.step("an empty infix match is a split point", () => {
    assert.deepEqual(tok.call("abc123").words, ["abc", "123"]);
  });
});

Deno.test("Tokenizer.call() applies special cases, also behind affixes and across splits", () => {
  const tok = new Tokenizer(tiny);
  assert.deepEqual(tok.call("(don't)").words, ["(", "do", "n't", ")"]);
  assert.deepEqual(tok.call("don't.").words, ["do", "n't", "."]);
  // "x." is a special case although "." is a suffix: the whole chunk matches first.
  assert.deepEqual(tok.call("x.").words, ["x."]);
  // ":)" has no affix rule here; it is found as one chunk.
  assert.deepEqual(tok.call("(:)").words, ["(", ":)"]);
});

Deno.test("Tokenizer.call() returns special-case norms only when one applies", () => {
  const tok = new Tokenizer(tiny);
  assert.deepEqual(tok.call("I don't (x.)"), {
    words: ["I", "do", "n't", "(", "x.", ")"],
    spaces: [true, false, true, false, false, false],
    norms: [null, null, "not", null, null, null],
  });
  assert.equal(tok.call("no norms here").norms, undefined);
  // Cached chunks give the same norms again, also after a chunk without them.
  assert.deepEqual(tok.call("a don't don't").norms, [null, null, "not", null, "not"]);
});

Deno.test("Tokenizer.call() rejoins special cases that affix rules split (spaCy's special matcher)", () => {
  const tok = new Tokenizer({
    ...tiny,
    specialCases: { ...tiny.specialCases, "a)": [{ orth: "a)" }] },
  });
  assert.deepEqual(tok.call("(a)").words, ["(", "a)"]);
  assert.deepEqual(tok.call("a)").words, ["a)"]);
});

Deno.test("Tokenizer.call() keeps tokenMatch strings whole and checks urlMatch after affixes", () => {
  const rules: TokenizerRules = {
    prefixes: ["\\("],
    suffixes: ["\\)", "\\."],
    infixes: ["\\."],
    specialCases: {},
    tokenMatch: "v\\d\\.\\d\\.",
    urlMatch: "[a-z]+\\.com",
  };
  const tok = new Tokenizer(rules);
  assert.deepEqual(tok.call("(v1.2.)").words, ["(", "v1.2.", ")"]);
  assert.deepEqual(tok.call("(site.com).").words, ["(", "site.com", ")", "."]);
  assert.deepEqual(tok.call("a.b").words, ["a", ".", "b"]);
});

Deno.test("Tokenizer.call() handles whitespace as spaCy does", () => {
  const tok = new Tokenizer(tiny);
  const cases: Array<[string, string[], boolean[]]> = [
    ["", [], []],
    ["a b", ["a", "b"], [true, false]],
    ["a  b", ["a", " ", "b"], [true, false, false]],
    ["a ", ["a"], [true]],
    [" a", [" ", "a"], [false, false]],
    ["a\nb", ["a", "\n", "b"], [false, false, false]],
    ["a \n b", ["a", "\n ", "b"], [true, false, false]],
    ["   ", ["   "], [false]],
    ["a\tb  ", ["a", "\t", "b", " "], [false, false, true, false]],
  ];
  for (const [text, words, spaces] of cases) {
    assert.deepEqual(tok.call(text), { words, spaces }, JSON.stringify(text));
  }
});

Deno.test("Tokenizer rejects invalid rules", () => {
  assert.throws(() => new Tokenizer({ ...tiny, prefixes: ["("] }), SyntaxError);
  assert.throws(
    () => new Tokenizer({ ...tiny, infixes: ["\\p{Nope}"] }),
    /Invalid tokenizer infix pattern/,
  );
  assert.throws(
    () => new Tokenizer({ ...tiny, specialCases: { "can't": [{ orth: "can" }, { orth: "t" }] } }),
    /Invalid special case "can't": its tokens spell "cant"/,
  );
});

Deno.test("Tokenizer.explain() names the rule behind each token", () => {
  const tok = new Tokenizer(tiny);
  assert.deepEqual(tok.explain("($a-b). don't"), [
    ["PREFIX", "("],
    ["PREFIX", "$"],
    ["TOKEN", "a"],
    ["INFIX", "-"],
    ["TOKEN", "b"],
    ["SUFFIX", ")"],
    ["SUFFIX", "."],
    ["SPECIAL-1", "do"],
    ["SPECIAL-2", "n't"],
  ]);
  assert.deepEqual(createTokenizer("en").explain("see https://x.org/a."), [
    ["TOKEN", "see"],
    ["URL_MATCH", "https://x.org/a"],
    ["SUFFIX", "."],
  ]);
});

const texts = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.array(
    fc.constantFrom(
      "a",
      "B",
      "é",
      "l'",
      "don't",
      "-",
      ".",
      ",",
      "(",
      ")",
      "'",
      '"',
      " ",
      "  ",
      "\n",
      "\t",
      ":)",
      "😀",
      "👍🏽",
      "1",
      "$",
      "%",
      "x.com",
      "U.S.",
      "!",
      "?",
    ),
    { maxLength: 25 },
  ).map((parts) => parts.join("")),
);

Deno.test("Tokenizer.call() output always spells the input exactly, without empty tokens (property)", () => {
  const tokenizers = ["en", "fr", "xx"].map(createTokenizer);
  fc.assert(
    fc.property(texts, (text) => {
      for (const tok of tokenizers) {
        const { words, spaces } = tok.call(text);
        assert.equal(words.length, spaces.length);
        assert.equal(rebuild(words, spaces), text);
        assert.ok(words.every((w) => w.length > 0));
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("Tokenizer.explain() lists the same non-space tokens as call() (property)", () => {
  const tok = createTokenizer("en");
  fc.assert(
    fc.property(texts, (text) => {
      const words = tok.call(text).words.filter((w) => w.trim().length > 0);
      assert.deepEqual(tok.explain(text).map(([, t]) => t), words);
    }),
    { numRuns: 200 },
  );
});

Deno.test("Tokenizer rules survive a JSON round trip (property)", () => {
  for (const lang of ["en", "fr", "de"]) {
    const rules = rulesFor(lang);
    const copy = new Tokenizer(JSON.parse(JSON.stringify(new Tokenizer(rules))) as TokenizerRules);
    const original = new Tokenizer(rules);
    fc.assert(
      fc.property(texts, (text) => {
        assert.deepEqual(copy.call(text), original.call(text));
      }),
      { numRuns: 100 },
    );
  }
});

Deno.test("Tokenizer.fromJSON() names the field with the wrong type", () => {
  const good = JSON.parse(JSON.stringify(tiny)) as Record<string, unknown>;
  assert.deepEqual(Tokenizer.fromJSON(good).call("(don't)").words, ["(", "do", "n't", ")"]);
  assert.throws(() => Tokenizer.fromJSON([], "t.json"), /Invalid t\.json: expected an object/);
  assert.throws(
    () => Tokenizer.fromJSON({ ...good, suffixes: [1] }, "t.json"),
    /"suffixes" must be a list of strings/,
  );
  assert.throws(() => Tokenizer.fromJSON({ ...good, urlMatch: 5 }), /"urlMatch" must be a string/);
  assert.throws(
    () => Tokenizer.fromJSON({ ...good, specialCases: { a: [{ text: "a" }] } }),
    /"specialCases\["a"\]" must be a list of \{orth, norm\?\} objects/,
  );
});

Deno.test("Tokenizer.addSpecialCase() takes effect at once, also for cached chunks", () => {
  const tok = new Tokenizer(tiny);
  assert.deepEqual(tok.call("gimme").words, ["gimme"]);
  tok.addSpecialCase("gimme", [{ orth: "gim" }, { orth: "me" }]);
  assert.deepEqual(tok.call("gimme").words, ["gim", "me"]);
  assert.deepEqual(tok.rules.specialCases["gimme"], [{ orth: "gim" }, { orth: "me" }]);
  assert.equal(tiny.specialCases["gimme"], undefined);
  assert.throws(() => tok.addSpecialCase("x", [{ orth: "y" }]), RangeError);
  assert.deepEqual(tok.call("gimme").words, ["gim", "me"]);
});
