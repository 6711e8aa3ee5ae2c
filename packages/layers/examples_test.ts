/** Runs every `examples/seed_*.ts` (spaCy's "Layers and Model Architectures" examples) with `deno run`, after one `deno check` of them all. */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const examples = new URL("../../examples/", import.meta.url);
const names = [...Deno.readDirSync(examples)]
  .map((e) => e.name)
  .filter((n) => n.startsWith("seed_") && n.endsWith(".ts"))
  .sort();

Deno.test("there is one example file per seed-page example (at least four)", () => {
  assert.ok(names.length >= 4, `found ${names.join(", ")}`);
});

Deno.test("the examples type-check", async () => {
  const files = names.map((name) => fileURLToPath(new URL(name, examples)));
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", ...files],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
});

for (const name of names) {
  Deno.test(`examples/${name} runs with deno run`, async () => {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", fileURLToPath(new URL(name, examples))],
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
  });
}
