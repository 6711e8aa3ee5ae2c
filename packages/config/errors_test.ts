import assert from "node:assert/strict";
import { Config } from "./mod.ts";

type ErrorClass = typeof SyntaxError | typeof TypeError | typeof RangeError;

/** Parses `text` as file "train.cfg" and checks the error class and message. */
function rejects(text: string, cls: ErrorClass, expected: RegExp, interpolate = true): void {
  assert.throws(() => Config.fromStr(text, { file: "train.cfg", interpolate }), (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.equal(e.constructor, cls, `exactly ${cls.name}`);
    assert.match(e.message, expected);
    assert.ok(!e.message.includes("    at "), "no stack trace in the message");
    return true;
  });
}

Deno.test("bad config text names file, line and section", async (t) => {
  await t.step("unclosed section", () => {
    rejects(
      '[nlp]\nlang = "en"\n\n[training\nmax_epochs = 5\n',
      SyntaxError,
      /^Cannot parse config \(train\.cfg, line 4, \[nlp\]\): unclosed section header: "\[training"$/,
    );
  });
  await t.step("value outside a section", () => {
    rejects(
      'lang = "en"\n[nlp]\n',
      SyntaxError,
      /\(train\.cfg, line 1\): value outside a section: "lang = \\"en\\""/,
    );
  });
  await t.step("undefined parent section", () => {
    rejects(
      '[components.tagger]\nfactory = "tagger"\n',
      SyntaxError,
      /\(train\.cfg, line 1, \[components\.tagger\]\): parent section \[components\] is not defined/,
    );
  });
  await t.step("undefined grandparent section", () => {
    rejects(
      "[a]\n\n[a.b.c]\nx = 1\n",
      SyntaxError,
      /line 3, \[a\.b\.c\]\): parent section \[a\.b\] is not defined/,
    );
  });
  await t.step("duplicate section", () => {
    rejects(
      "[nlp]\nx = 1\n\n[training]\n\n[nlp]\ny = 2\n",
      SyntaxError,
      /line 6, \[nlp\]\): duplicate section \[nlp\] \(first defined on line 1\)/,
    );
  });
  await t.step("duplicate key", () => {
    rejects(
      "[training]\nseed = 1\ndropout = 0.1\nseed = 2\n",
      SyntaxError,
      /line 4, \[training\]\): duplicate key "seed" \(first defined on line 2\)/,
    );
  });
  await t.step("a key that is both a value and a subsection", () => {
    rejects(
      "[model]\nembed = 5\n\n[model.embed]\nwidth = 96\n",
      SyntaxError,
      /line 2, \[model\]\): "embed" is both a value and the subsection \[model\.embed\] \(line 4\)/,
    );
  });
  await t.step("a line that is not key = value", () => {
    rejects("[a]\nx = 1\njust words\n", SyntaxError, /line 3, \[a\]\): expected a \[section\]/);
  });
  await t.step("an empty key", () => {
    rejects("[a]\n= 5\n", SyntaxError, /line 2, \[a\]\): missing key before "="/);
  });
  await t.step("values in [DEFAULT]", () => {
    rejects("[DEFAULT]\nx = 1\n", SyntaxError, /line 2, \[DEFAULT\]\): value "x" is not part/);
  });
});

Deno.test("bad interpolation names file, line, section and key", async (t) => {
  await t.step("unterminated ${", () => {
    rejects(
      '[paths]\ntrain = "x"\n\n[training]\ncorpus = ${paths.train\n',
      SyntaxError,
      /^Cannot interpolate "corpus" \(train\.cfg, line 5, \[training\]\): unterminated or empty reference/,
    );
  });
  await t.step("a $ followed by neither $ nor {", () => {
    rejects(
      "[a]\ncost = $5\n",
      SyntaxError,
      /line 2, \[a\]\): "\$" must be followed by "\$" or "\{"/,
    );
  });
  await t.step("missing interpolation target", () => {
    rejects(
      '[paths]\ntrain = "x"\n\n[training]\ncorpus = ${paths.dev}\n',
      RangeError,
      /"corpus" \(train\.cfg, line 5, \[training\]\): reference \$\{paths\.dev\} points to no value or section/,
    );
  });
  await t.step("interpolation cycle", () => {
    rejects(
      "[a]\nx = ${b.y}\n\n[b]\ny = ${a.x}\n",
      RangeError,
      /"x" \(train\.cfg, line 2, \[a\]\): interpolation cycle/,
    );
  });
  await t.step("cycle through whole-section references", () => {
    rejects(
      "[a]\nx = ${b}\n\n[b]\ny = ${a}\n",
      RangeError,
      /^Cannot interpolate "x" \(train\.cfg, line 2, \[a\]\): whole-section references form a cycle$/,
    );
  });
  await t.step("reference to a section inside a string", () => {
    rejects(
      '[shared]\nwidth = 96\n\n[model]\nname = "model ${shared}"\n',
      TypeError,
      /^Cannot interpolate "name" \(train\.cfg, line 5, \[model\]\): it uses a whole section/,
    );
  });
  await t.step("the same text without interpolation is fine", () => {
    const config = Config.fromStr("[a]\nx = ${b.y}\n\n[b]\ny = ${a.x}\n", { interpolate: false });
    assert.deepEqual(config.data, { a: { x: "${b.y}" }, b: { y: "${a.x}" } });
  });
});

Deno.test("overrides of sections that do not exist are RangeErrors", () => {
  assert.throws(
    () => Config.fromStr("[a]\nx = 1\n", { overrides: { "b.x": 2 } }),
    /^RangeError: Cannot override "b\.x": section \[b\] is not defined$/,
  );
  assert.throws(
    () => Config.fromStr("[a]\nx = 1\n", { overrides: { flag: true } }),
    /Cannot override "flag": not a section value/,
  );
});

Deno.test("bytes that are not UTF-8 are a SyntaxError naming file and line", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/bad.cfg`;
    Deno.writeFileSync(
      path,
      new Uint8Array([...new TextEncoder().encode('[nlp]\nname = "caf'), 0xe9, 0x22, 0x0a]),
    );
    assert.throws(() => Config.fromDisk(path), (e: unknown) => {
      assert.ok(e instanceof SyntaxError);
      assert.match(e.message, /bad\.cfg, line 2\): bytes are not UTF-8 \(byte 0xe9 at offset 17\)/);
      return true;
    });
    // Overlong encodings and lone surrogates are not UTF-8 either.
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8]]) {
      assert.throws(() => Config.fromBytes(new Uint8Array([0x5b, ...bytes])), SyntaxError);
    }
    assert.deepEqual(
      Config.fromBytes(new TextEncoder().encode('[a]\nx = "日本 ☕ 😀"\n')).data,
      { a: { x: "日本 ☕ 😀" } },
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("toStr() refuses values that a config file cannot hold", () => {
  assert.throws(
    () => new Config({ top: 1 }).toStr(),
    /top-level value "top" is not part of a section/,
  );
  assert.throws(
    () => new Config({ a: { f: new Map() as never } }).toStr(),
    /Cannot serialize config value of type Map/,
  );
  assert.throws(() => new Config({ a: { s: "a${b" } }).toStr(), /invalid interpolation syntax/);
});
