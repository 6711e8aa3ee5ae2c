/**
 * Replacing a folder atomically: write a temporary sibling, move the old
 * folder aside, move the new one in, remove the old one. A crash at any point
 * leaves either the old folder or the new one complete; `recoverDir` cleans up
 * what a crash left behind.
 *
 * @module
 */

const TMP = ".weft-tmp-";
const OLD = ".weft-old-";

function split(dir: string): [string, string] {
  const clean = dir.replace(/[\\/]+$/, "");
  const at = Math.max(clean.lastIndexOf("/"), clean.lastIndexOf("\\"));
  return at < 0 ? [".", clean] : [clean.slice(0, at) || "/", clean.slice(at + 1)];
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * Clean up after an interrupted {@linkcode writeDirAtomic}: when `dir` is
 * missing but a complete old copy was moved aside, move it back; then remove
 * every leftover temporary or old copy.
 *
 * @param dir the folder
 * @returns whether an old copy was restored
 * @example Restoring the copy a crash left aside
 * ```ts
 * import assert from "node:assert/strict";
 * import { recoverDir } from "@weft/pipeline";
 * const parent = await Deno.makeTempDir();
 * await Deno.mkdir(`${parent}/.model.weft-old-1`);
 * await Deno.writeTextFile(`${parent}/.model.weft-old-1/meta.json`, "{}");
 * assert.equal(await recoverDir(`${parent}/model`), true);
 * assert.equal(await Deno.readTextFile(`${parent}/model/meta.json`), "{}");
 * await Deno.remove(parent, { recursive: true });
 * ```
 */
export async function recoverDir(dir: string): Promise<boolean> {
  const [parent, base] = split(dir);
  const target = `${parent}/${base}`;
  if (!(await exists(parent))) return false;
  const leftovers: { name: string; kind: "tmp" | "old" }[] = [];
  for await (const entry of Deno.readDir(parent)) {
    if (entry.name.startsWith(`.${base}${TMP}`)) leftovers.push({ name: entry.name, kind: "tmp" });
    if (entry.name.startsWith(`.${base}${OLD}`)) leftovers.push({ name: entry.name, kind: "old" });
  }
  let restored = false;
  if (!(await exists(target))) {
    const old = leftovers.find((l) => l.kind === "old");
    if (old) {
      await Deno.rename(`${parent}/${old.name}`, target);
      leftovers.splice(leftovers.indexOf(old), 1);
      restored = true;
    }
  }
  for (const l of leftovers) {
    await Deno.remove(`${parent}/${l.name}`, { recursive: true }).catch(() => {});
  }
  return restored;
}

/**
 * Write a folder's files atomically: into a temporary sibling first, which
 * then replaces `dir` (the old `dir` is moved aside and removed last). When
 * writing fails, the temporary folder is removed and `dir` is untouched.
 *
 * @param dir the folder to create or replace
 * @param write writes the files into the folder it is given
 * @example A failed write leaves the old folder
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeDirAtomic } from "@weft/pipeline";
 * const parent = await Deno.makeTempDir();
 * await writeDirAtomic(`${parent}/out`, (d) => Deno.writeTextFile(`${d}/a.txt`, "1"));
 * await assert.rejects(writeDirAtomic(`${parent}/out`, async (d) => {
 *   await Deno.writeTextFile(`${d}/a.txt`, "2");
 *   throw new Error("disk full");
 * }));
 * assert.equal(await Deno.readTextFile(`${parent}/out/a.txt`), "1");
 * assert.deepEqual([...Deno.readDirSync(parent)].map((e) => e.name), ["out"]);
 * await Deno.remove(parent, { recursive: true });
 * ```
 */
export async function writeDirAtomic(
  dir: string,
  write: (tmpDir: string) => Promise<void> | void,
): Promise<void> {
  const [parent, base] = split(dir);
  await Deno.mkdir(parent, { recursive: true });
  await recoverDir(dir);
  const id = crypto.randomUUID();
  const tmp = `${parent}/.${base}${TMP}${id}`;
  const old = `${parent}/.${base}${OLD}${id}`;
  const target = `${parent}/${base}`;
  await Deno.mkdir(tmp);
  try {
    await write(tmp);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
  const hadOld = await exists(target);
  if (hadOld) await Deno.rename(target, old);
  await Deno.rename(tmp, target);
  if (hadOld) await Deno.remove(old, { recursive: true });
}
