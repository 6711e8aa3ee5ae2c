import assert from "node:assert/strict";
import fc from "fast-check";
import { Config, type ConfigSection, type ConfigValue } from "./mod.ts";
import { dumpJson, loadJson, pyFloatRepr } from "./json_value.ts";

// Keys a config file can hold: no delimiters, brackets, dots or edge spaces.
const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/);
// Text without "$": confection itself does not round-trip every "$" (an escaped
// "$$" splits the value into pieces that are re-read one by one, so "$1.50$"
// comes back as "$1.5$" and ["$$", "$$"] as ["$$, $$"]); Weft does the same.
const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("$"));
const scalar: fc.Arbitrary<ConfigValue> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  text,
  fc.constantFrom("true", "1.5", "null", "[1]", "a: b", "# x", "\n\t", "x = y", "[s]"),
);
// Whole values may be "$"-only strings, which do round-trip.
const leaf = fc.oneof(scalar, fc.constantFrom("$", "$$"));
const jsonValue: fc.Arbitrary<ConfigValue> = fc.letrec<{ value: ConfigValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 3, noNullPrototype: true }) as fc.Arbitrary<
      ConfigValue
    >,
  ),
})).value;
// Section values: leaves, lists of anything (dicts in lists stay inline JSON), subsections.
const section: fc.Arbitrary<ConfigSection> = fc.letrec<{ section: ConfigSection }>((tie) => ({
  section: fc.dictionary(
    fc.oneof(key, fc.constantFrom("@layers", "@architectures")),
    fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(jsonValue, { maxLength: 3 }),
      tie("section") as fc.Arbitrary<ConfigValue>,
    ),
    { maxKeys: 4, noNullPrototype: true },
  ),
})).section;
const configData = fc.dictionary(key, section, { minKeys: 1, maxKeys: 4, noNullPrototype: true });

Deno.test("random configs round-trip through toStr() and fromStr()", () => {
  fc.assert(
    fc.property(configData, (data) => {
      const config = new Config(data);
      const text = config.toStr();
      const back = Config.fromStr(text);
      assert.deepStrictEqual(back.data, data);
      assert.equal(back.toStr(), text, "toStr() is a fixed point");
    }),
    { numRuns: 300 },
  );
});

Deno.test("random JSON values survive Python-style dumping and loading", () => {
  fc.assert(
    fc.property(jsonValue, (value) => {
      const parsed = loadJson(dumpJson(value));
      assert.ok(parsed.ok);
      assert.deepStrictEqual(parsed.value, value);
    }),
    { numRuns: 300 },
  );
});

Deno.test("pyFloatRepr() writes floats as Python's repr does", () => {
  const cases: [number, string][] = [
    [0.1, "0.1"],
    [1, "1.0"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [123.456, "123.456"],
    [-2.5e-7, "-2.5e-07"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [-0, "-0.0"],
    [NaN, "NaN"],
    [-Infinity, "-Infinity"],
  ];
  for (const [x, repr] of cases) assert.equal(pyFloatRepr(x), repr, String(x));
  assert.equal(dumpJson({ a: [1, 2.5, "é"], b: null }), '{"a": [1, 2.5, "\\u00e9"], "b": null}');
});

Deno.test("copy() is deep and merge() keeps defaults unless a block's function differs", () => {
  const base = Config.fromStr(`
[training]
max_epochs = 10
dropout = 0.1

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
beta1 = 0.9
`);
  const copy = base.copy();
  (copy.data.training as ConfigSection).max_epochs = 1;
  assert.equal((base.data.training as ConfigSection).max_epochs, 10);

  const sameFn = base.merge({
    training: { max_epochs: 5, optimizer: { "@optimizers": "Adam.v1" } },
  });
  assert.deepEqual(sameFn.data, {
    training: {
      max_epochs: 5,
      optimizer: { "@optimizers": "Adam.v1", learn_rate: 0.001, beta1: 0.9 },
      dropout: 0.1,
    },
  });
  const otherFn = base.merge({
    training: { optimizer: { "@optimizers": "SGD.v1", learn_rate: 1 } },
  });
  assert.deepEqual((otherFn.data.training as ConfigSection).optimizer, {
    "@optimizers": "SGD.v1",
    learn_rate: 1,
  });
  const removed = base.merge({ training: { extra: 1, max_epochs: 2 } }, { removeExtra: true });
  assert.ok(!("extra" in (removed.data.training as ConfigSection)));
});

Deno.test("interpolate() resolves variables of a config read without interpolation", () => {
  const raw = Config.fromStr('[a]\nx = 2\n\n[b]\ny = ${a.x}\nz = "n=${a.x}"\n', {
    interpolate: false,
  });
  assert.equal(raw.isInterpolated, false);
  const done = raw.interpolate();
  assert.equal(done.isInterpolated, true);
  assert.deepEqual(done.data, { a: { x: 2 }, b: { y: 2, z: "n=2" } });
});
