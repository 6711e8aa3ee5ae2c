/**
 * Loading `Vectors` from files: the word2vec/GloVe text format and `.npy` arrays.
 *
 * @module
 */
import { Vectors } from "./vectors.ts";
import type { StringStore } from "./string_store.ts";

/**
 * Parse vectors in the word2vec/GloVe text format: an optional header line
 * `"<rows> <width>"`, then one `word v1 v2 ...` line per vector.
 *
 * @param text the file's text
 * @param strings the store to add the words to
 * @param source a file name for error messages
 * @returns the table
 * @throws {SyntaxError} naming the file and line for malformed lines
 * @example A word2vec text file with a header
 * ```ts
 * import assert from "node:assert/strict";
 * import { StringStore, vectorsFromText } from "@weft/pipeline";
 * const v = vectorsFromText("2 2\ncat 1 2\ndog 3 4\n", new StringStore());
 * assert.deepEqual([...v.get("dog")!], [3, 4]);
 * ```
 */
export function vectorsFromText(text: string, strings: StringStore, source = "<text>"): Vectors {
  const lines = text.split("\n");
  let first = 0;
  let width = -1;
  const header = lines[0]?.trim().split(/\s+/) ?? [];
  if (header.length === 2 && header.every((h) => /^\d+$/.test(h))) {
    width = Number(header[1]);
    first = 1;
  }
  const rows: [string, Float32Array][] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const parts = line.trimEnd().split(" ");
    const word = parts[0]!;
    const values = new Float32Array(parts.length - 1);
    for (let j = 1; j < parts.length; j++) {
      const x = Number(parts[j]);
      if (parts[j] === "" || Number.isNaN(x)) {
        throw new SyntaxError(
          `${source}:${i + 1}: invalid number "${parts[j]}" in vector of "${word}"`,
        );
      }
      values[j - 1] = x;
    }
    if (width < 0) width = values.length;
    if (values.length !== width) {
      throw new SyntaxError(
        `${source}:${i + 1}: vector of "${word}" has ${values.length} values, expected ${width}`,
      );
    }
    rows.push([word, values]);
  }
  const vectors = new Vectors({ width: Math.max(width, 0), rows: rows.length, strings });
  for (const [word, values] of rows) vectors.add(word, values);
  return vectors;
}

/**
 * Read a little-endian float32 `.npy` array of rank 2 (`[rows, width]`, C order).
 *
 * @param bytes the file's bytes
 * @param source a file name for error messages
 * @returns the data and its shape
 * @throws {SyntaxError} for files that are not such arrays
 * @example Round trip through .npy bytes
 * ```ts
 * import assert from "node:assert/strict";
 * import { npyToFloat32, float32ToNpy } from "@weft/pipeline";
 * const bytes = float32ToNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const { data, shape } = npyToFloat32(bytes);
 * assert.deepEqual(shape, [2, 3]);
 * assert.equal(data[5], 6);
 * ```
 */
export function npyToFloat32(
  bytes: Uint8Array,
  source = "<bytes>",
): { data: Float32Array; shape: [number, number] } {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) {
    throw new SyntaxError(`${source}: not a .npy file (bad magic bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== "<f4" || fortran || shapeText === undefined) {
    throw new SyntaxError(
      `${source}: only C-order little-endian float32 arrays are supported (header ${header.trim()})`,
    );
  }
  const dims = shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  if (dims.length !== 2) {
    throw new SyntaxError(`${source}: expected a 2-d array, got shape (${shapeText})`);
  }
  const [rows, width] = dims as [number, number];
  const offset = start + headerLen;
  if (bytes.length - offset < rows * width * 4) {
    throw new SyntaxError(`${source}: truncated data for shape (${rows}, ${width})`);
  }
  const data = new Float32Array(rows * width);
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset, rows * width * 4);
  for (let i = 0; i < data.length; i++) data[i] = dv.getFloat32(i * 4, true);
  return { data, shape: [rows, width] };
}

/**
 * Write a float32 array as a version 1 `.npy` file.
 *
 * @param data row-major values
 * @param shape `[rows, width]`
 * @returns the file's bytes
 * @example The data starts on a 64-byte boundary
 * ```ts
 * import assert from "node:assert/strict";
 * import { float32ToNpy } from "@weft/pipeline";
 * assert.equal(float32ToNpy(new Float32Array(4), [2, 2]).length % 64, 16);
 * ```
 */
export function float32ToNpy(data: Float32Array, shape: [number, number]): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape[0]}, ${shape[1]}), }`;
  // The header is padded with spaces so that the data starts on a 64-byte boundary.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, " ") + "\n";
  const out = new Uint8Array(total + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const dv = new DataView(out.buffer, total);
  for (let i = 0; i < data.length; i++) dv.setFloat32(i * 4, data[i]!, true);
  return out;
}

/**
 * Build vectors from a `.npy` table and the words of its rows, in order.
 *
 * @param bytes the `.npy` bytes
 * @param words one key per row
 * @param strings the store to add the words to
 * @param source a file name for error messages
 * @returns the table
 * @throws {RangeError} when the number of words differs from the rows
 * @example One word per row
 * ```ts
 * import assert from "node:assert/strict";
 * import { float32ToNpy, StringStore, vectorsFromNpy } from "@weft/pipeline";
 * const npy = float32ToNpy(new Float32Array([1, 2, 3, 4]), [2, 2]);
 * const v = vectorsFromNpy(npy, ["a", "b"], new StringStore());
 * assert.deepEqual([...v.get("b")!], [3, 4]);
 * ```
 */
export function vectorsFromNpy(
  bytes: Uint8Array,
  words: readonly string[],
  strings: StringStore,
  source = "<bytes>",
): Vectors {
  const { data, shape } = npyToFloat32(bytes, source);
  if (words.length !== shape[0]) {
    throw new RangeError(`${source}: ${shape[0]} rows but ${words.length} keys`);
  }
  const vectors = new Vectors({ width: shape[1], rows: shape[0], strings });
  words.forEach((w, i) => vectors.add(w, data.subarray(i * shape[1], (i + 1) * shape[1])));
  return vectors;
}
