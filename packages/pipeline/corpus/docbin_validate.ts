/**
 * Checking a decoded `DocBin` payload before any doc is built from it, so a
 * corrupt or hostile file fails with the file name instead of a bad doc.
 *
 * @module
 */
import { fromBytesLE } from "./bytes.ts";
import { type DocRecordBin, STRING_COLS } from "./docbin_record.ts";

/**
 * Check the structure of a decoded payload: string table, column sizes, string
 * indices, IOB codes, sentence starts, heads and span groups.
 *
 * @param p the decoded msgpack payload
 * @param source the file name, for error messages
 * @throws {SyntaxError} naming the source and the first problem found
 */
export function validatePayload(
  p: unknown,
  source: string,
): asserts p is { strings: string[]; docs: DocRecordBin[]; userData?: boolean } {
  const fail = (what: string): never => {
    throw new SyntaxError(`${source}: corrupt corpus data (${what})`);
  };
  if (typeof p !== "object" || p === null) fail("payload is not a map");
  const { strings, docs } = p as Record<string, unknown>;
  if (!Array.isArray(strings) || strings.some((s) => typeof s !== "string")) {
    fail("bad string table");
  }
  if (!Array.isArray(docs)) fail("no doc list");
  const nStrings = (strings as string[]).length;
  (docs as unknown[]).forEach((d, k) => {
    const doc = d as DocRecordBin;
    const where = `doc ${k}`;
    if (typeof doc !== "object" || doc === null || !Number.isInteger(doc.n)) {
      fail(`${where}: no token count`);
    }
    const n = doc.n;
    const sized = (bytes: unknown, width: number, what: string) => {
      if (!(bytes instanceof Uint8Array) || bytes.length !== n * width) {
        fail(`${where}: bad ${what} column`);
      }
    };
    sized(doc.orth, 4, "orth");
    sized(doc.spaces, 1, "spaces");
    const cols = doc.cols ?? {};
    for (const [key, bytes] of Object.entries(cols)) {
      const width = key === "entIob" || key === "sentStart" ? 1 : 4;
      if (!(STRING_COLS as readonly string[]).includes(key) && width === 4 && key !== "head") {
        fail(`${where}: unknown column "${key}"`);
      }
      sized(bytes, width, key);
    }
    const indexed = [doc.orth, ...STRING_COLS.map((c) => cols[c]).filter((b) => b !== undefined)];
    for (const bytes of indexed) {
      if (fromBytesLE(bytes!, "u32").some((i) => i >= nStrings)) {
        fail(`${where}: string index out of range`);
      }
    }
    if (cols.entIob && cols.entIob.some((v) => v > 3)) fail(`${where}: bad entity IOB code`);
    if (
      cols.sentStart &&
      new Int8Array(cols.sentStart.buffer, cols.sentStart.byteOffset, n).some((v) =>
        v < -1 || v > 1
      )
    ) {
      fail(`${where}: bad sentence start value`);
    }
    if (cols.head) {
      const head = fromBytesLE(cols.head, "i32");
      if (head.some((h, i) => i + h < 0 || i + h >= n)) fail(`${where}: head out of range`);
    }
    for (const [key, bytes] of Object.entries(doc.spans ?? {})) {
      if (!(bytes instanceof Uint8Array) || bytes.length % 16 !== 0) {
        fail(`${where}: bad span group "${key}"`);
      }
      const flat = fromBytesLE(bytes, "i32");
      for (let i = 0; i < flat.length; i += 4) {
        const [s, e, l, kb] = [flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!];
        if (!(0 <= s && s <= e && e <= n) || l < 0 || l >= nStrings || kb < 0 || kb >= nStrings) {
          fail(`${where}: span out of range in group "${key}"`);
        }
      }
    }
  });
}
