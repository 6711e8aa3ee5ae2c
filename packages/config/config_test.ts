import assert from "node:assert/strict";
import { Config } from "./mod.ts";

Deno.test("a child section before its parent is read (confection 1.3 crashes there)", () => {
  const config = Config.fromStr("[a.b]\nx = 1\n\n[a]\ny = 2\n");
  assert.deepEqual(config.data, { a: { b: { x: 1 }, y: 2 } });
  assert.deepEqual(config.sectionOrder, ["a.b", "a"]);
});

Deno.test("fromBytes() skips a UTF-8 byte order mark; an empty [DEFAULT] is ignored", () => {
  const bytes = new TextEncoder().encode("\ufeff[DEFAULT]\n\n[a]\nx = 1\n");
  assert.deepEqual(Config.fromBytes(bytes).data, { a: { x: 1 } });
});

Deno.test("locate() names the file and line of sections, values and filled defaults", () => {
  const config = Config.fromStr("[a]\nx = 1\n\n[a.b]\ny = 2\n", { file: "c.cfg" });
  assert.equal(config.locate(["a", "x"]), "c.cfg, line 2");
  assert.equal(config.locate(["a", "b"]), "c.cfg, line 4");
  assert.equal(config.locate(["a", "b", "not_there"]), "c.cfg, line 4");
  assert.equal(config.locate(["zzz"]), "c.cfg");
  assert.equal(new Config({}).locate(["a"]), undefined);
  assert.equal(config.copy().locate(["a", "b", "y"]), "c.cfg, line 5");
});

Deno.test("toDisk() and fromDisk() round-trip through a file", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const config = Config.fromStr(
      '[nlp]\nlang = "en"\npipeline = ["tagger"]\n\n[nlp.x]\ny = 1.5\n',
    );
    config.toDisk(`${dir}/config.cfg`);
    assert.deepEqual(Config.fromDisk(`${dir}/config.cfg`).data, config.data);
    assert.deepEqual(Config.fromBytes(config.toBytes()).data, config.data);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("values keep their JSON type; bare references keep the referenced type", () => {
  const config = Config.fromStr(`
[v]
i = 3
f = 0.25
b = false
n = null
l = [1, "a"]
s = plain text
[r]
i = \${v.i}
l = \${v.l}
mixed = "\${v.i} and \${v.f}"
`);
  assert.deepEqual(config.data.r, { i: 3, l: [1, "a"], mixed: "3 and 0.25" });
  assert.equal((config.data.v as Record<string, unknown>).s, "plain text");
});
