/**
 * Strict UTF-8 decoding that names the line of the first bad byte.
 *
 * @module
 */

/** Returns the offset of the first byte that does not continue valid UTF-8, or -1. */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 bytes, failing on the first invalid sequence.
 *
 * @param bytes The bytes.
 * @param file The file name, for the error message.
 * @returns The text.
 * @throws {SyntaxError} Naming the file, line and byte offset of the first invalid byte.
 */
export function decodeUtf8(bytes: Uint8Array, file?: string): string {
  const bad = firstInvalid(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const name = file === undefined ? "" : `${file}, `;
    throw new SyntaxError(
      `Cannot read config (${name}line ${line}): bytes are not UTF-8 (byte 0x${
        bytes[bad]!.toString(16).padStart(2, "0")
      } at offset ${bad})`,
    );
  }
  return new TextDecoder("utf-8").decode(bytes);
}
