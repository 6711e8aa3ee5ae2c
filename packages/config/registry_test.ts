import assert from "node:assert/strict";
import {
  Config,
  ConfigValidationError,
  createRegistry,
  NAMESPACES,
  registry,
  schema as s,
} from "./mod.ts";

class FakeModel {
  constructor(readonly name: string, readonly layers: FakeModel[] = []) {}
}

function testRegistry() {
  const reg = createRegistry();
  reg.layers.register(
    "Relu.v1",
    (args: Record<string, unknown>) => new FakeModel(`relu${args.nO}`),
    {
      schema: {
        nO: s.optional(s.int()),
        nI: s.optional(s.int()),
        dropout: s.optional(s.float()),
        normalize: s.bool().default(false),
      },
    },
  );
  reg.layers.register(
    "chain.v1",
    (args: Record<string, unknown>) => new FakeModel("chain", args["*"] as FakeModel[]),
    { schema: { "*": s.list(s.instance(FakeModel)) } },
  );
  reg.architectures.register(
    "spacy.Tagger.v2",
    (args: Record<string, unknown>) => ({ tagger: args }),
    {
      schema: {
        tok2vec: s.instance(FakeModel),
        nO: s.optional(s.int()),
        normalize: s.bool().default(false),
      },
    },
  );
  reg.misc.register("untyped.v1", (args: Record<string, unknown>) => args);
  return reg;
}

Deno.test("registry has every spaCy namespace, as properties and through namespace()", () => {
  for (const name of NAMESPACES) {
    assert.equal(registry.namespace(name), registry[name]);
    assert.ok(registry.hasNamespace(name));
  }
  assert.equal(NAMESPACES.length, 17);
  assert.throws(() => registry.namespace("layer"), /Unknown registry namespace "layer".*"layers"/);
});

Deno.test("register() returns the function; get/has/getAll see it; re-registering replaces", () => {
  const reg = createRegistry();
  const fn = (args: Record<string, unknown>) => args.x;
  assert.equal(reg.layers.register("f.v1", fn), fn);
  assert.equal(reg.layers.get("f.v1"), fn);
  assert.ok(reg.layers.has("f.v1"));
  assert.ok(!reg.layers.has("f.v2"));
  assert.deepEqual([...reg.layers.getAll().keys()], ["f.v1"]);
  const other = () => 2;
  reg.layers.register("f.v1", other);
  assert.equal(reg.layers.get("f.v1"), other);
  assert.equal(reg.layers.getAll().size, 1);
});

Deno.test("get() of an unknown name is a RangeError suggesting the closest names", () => {
  const reg = testRegistry();
  assert.throws(() => reg.layers.get("Relu.v3"), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(
      e.message,
      /Cannot find "Relu\.v3" in registry "layers" \(did you mean "Relu\.v1"/,
    );
    return true;
  });
});

Deno.test("resolve() calls functions bottom-up with the block's keys as written", () => {
  const reg = testRegistry();
  const config = Config.fromStr(`
[model]
@architectures = "spacy.Tagger.v2"
nO = 17

[model.tok2vec]
@layers = "Relu.v1"
nO = 96
`);
  const out = reg.resolve(config);
  const tagger = (out.model as { tagger: Record<string, unknown> }).tagger;
  assert.ok(tagger.tok2vec instanceof FakeModel);
  assert.equal((tagger.tok2vec as FakeModel).name, "relu96");
  assert.equal(tagger.nO, 17);
  assert.equal(tagger.normalize, false, "default filled from the schema");
});

Deno.test("resolve() passes [x.*.name] subsections and * = [...] as an array under '*'", () => {
  const reg = testRegistry();
  const config = Config.fromStr(`
[model]
@layers = "chain.v1"

[model.*.first]
@layers = "Relu.v1"
nO = 8

[model.*.second]
@layers = "Relu.v1"
nO = 2

[plain]
@misc = "untyped.v1"
* = [1, 2, 3]
`);
  const out = reg.resolve(config);
  const chain = out.model as FakeModel;
  assert.deepEqual(chain.layers.map((l) => l.name), ["relu8", "relu2"]);
  assert.deepEqual(out.plain, { "*": [1, 2, 3] });
});

Deno.test("resolve() keeps sections without promises as plain nested objects", () => {
  const reg = testRegistry();
  const out = reg.resolve({ training: { max_epochs: 3, nested: { a: [1] } } });
  assert.deepEqual(out, { training: { max_epochs: 3, nested: { a: [1] } } });
});

Deno.test("resolve() interpolates a config read without interpolation first", () => {
  const reg = testRegistry();
  const config = Config.fromStr(
    `[vars]\nwidth = 32\n\n[model]\n@layers = "Relu.v1"\nnO = \${vars.width}\n`,
    { interpolate: false },
  );
  assert.equal((reg.resolve(config).model as FakeModel).name, "relu32");
});

Deno.test("resolve() reports unknown, missing and mistyped arguments together as a table", () => {
  const reg = testRegistry();
  const config = Config.fromStr(`
[components]

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = "seventeen"
colour = "red"

[other]
@layers = "Relu.v1"
dropout = "high"
`);
  assert.throws(() => reg.resolve(config), (e: unknown) => {
    assert.ok(e instanceof ConfigValidationError);
    assert.ok(e instanceof TypeError);
    const rows = e.errors.map((r) => `${r.loc.join(".")}: ${r.msg}`);
    assert.deepEqual(rows, [
      "components.tagger.model.tok2vec: missing required argument",
      "components.tagger.model.nO: value is not a valid int | null (got str)",
      'components.tagger.model.colour: unexpected argument "colour"',
      "other.dropout: value is not a valid float | null (got str)",
    ]);
    assert.match(
      e.message,
      /components\.tagger\.model\.colour → unexpected argument "colour" \(line 10\)/,
    );
    assert.match(
      e.message,
      /components\.tagger\.model\.tok2vec → missing required argument \(line 7\)/,
    );
    return true;
  });
});

Deno.test("resolve({ validate: false }) skips schema checks", () => {
  const reg = testRegistry();
  const out = reg.resolve({ m: { "@layers": "Relu.v1", nO: "x" } }, { validate: false });
  assert.equal((out.m as FakeModel).name, "relux");
});

Deno.test("resolve() of an unknown name names the section and suggests close names", () => {
  const reg = testRegistry();
  const text =
    `[components]\n\n[components.tagger]\n\n[components.tagger.model]\n@layers = "Relu.v3"\n`;
  assert.throws(
    () => reg.resolve(Config.fromStr(text, { file: "tagger.cfg" })),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot resolve "@layers" in [components.tagger.model] (tagger.cfg, line 5): unknown name "Relu.v3" (did you mean "Relu.v1"?)',
  );
  assert.throws(
    () => reg.resolve(Config.fromStr(text).data),
    /^RangeError: Cannot resolve "@layers" in \[components\.tagger\.model\]: unknown name/,
  );
  assert.throws(
    () => reg.resolve({ m: { "@layer": "Relu.v1" } }),
    /unknown registry "layer" \(did you mean "layers"/,
  );
});

Deno.test("resolve() rejects a block with two @ keys", () => {
  const reg = testRegistry();
  const config = Config.fromStr(
    `[model]\n@layers = "Relu.v1"\n@architectures = "spacy.Tagger.v2"\n`,
    { file: "m.cfg" },
  );
  assert.throws(() => reg.resolve(config), (e: unknown) => {
    assert.ok(e instanceof ConfigValidationError);
    assert.match(
      e.message,
      /model → a block can only contain one function registry reference, got @layers, @architectures \(m\.cfg, line 1\)/,
    );
    return true;
  });
});

Deno.test("fill() adds schema defaults without resolving and keeps variables", () => {
  const reg = testRegistry();
  const config = Config.fromStr(
    `[vars]\nw = 4\n\n[model]\n@layers = "Relu.v1"\nnO = \${vars.w}\n\n[free]\n@misc = "untyped.v1"\n`,
    { interpolate: false },
  );
  const filled = reg.fill(config);
  assert.deepEqual(filled.data.model, {
    "@layers": "Relu.v1",
    nO: "${vars.w}",
    nI: null,
    dropout: null,
    normalize: false,
  });
  assert.deepEqual(filled.data.free, { "@misc": "untyped.v1" });
  assert.equal(filled.isInterpolated, false);
  assert.ok(!("nI" in (config.data.model as object)), "the input is not changed");
  assert.throws(
    () => reg.fill({ m: { "@layers": "Relu.v1", nO: 1.5 } }),
    ConfigValidationError,
  );
});

Deno.test("the top-level config cannot itself be a promise", () => {
  const reg = testRegistry();
  assert.throws(() => reg.resolve({ "@layers": "Relu.v1" }), TypeError);
});

Deno.test("errors thrown by a registered function name the block they came from", () => {
  const reg = createRegistry();
  reg.layers.register("Boom.v1", () => {
    throw new RangeError("nO must be positive");
  });
  class CustomError extends Error {}
  reg.layers.register("Custom.v1", () => {
    throw new CustomError("custom");
  });
  const config = Config.fromStr(`[outer]\n\n[outer.model]\n@layers = "Boom.v1"\n`, {
    file: "x.cfg",
  });
  assert.throws(() => reg.resolve(config), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.equal(
      e.message,
      'Cannot resolve [outer.model] (x.cfg, line 3) (@layers = "Boom.v1"): nO must be positive',
    );
    assert.ok(e.cause instanceof RangeError);
    return true;
  });
  assert.throws(() => reg.resolve({ m: { "@layers": "Custom.v1" } }), CustomError);
});
