/**
 * Little-endian byte views of typed arrays, for portable binary files.
 *
 * @module
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A typed array constructor stored by {@linkcode toBytesLE} / {@linkcode fromBytesLE}. */
export type IntArrayKind = "u8" | "i8" | "u32" | "i32";
type IntArray = Uint8Array | Int8Array | Uint32Array | Int32Array;

/**
 * The bytes of a typed array, little-endian.
 *
 * @param a the array
 * @returns its bytes (a copy on big-endian hosts)
 */
export function toBytesLE(a: IntArray): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const dv = new DataView(out.buffer);
  a.forEach((v, i) => dv.setUint32(i * 4, v >>> 0, true));
  return out;
}

/**
 * A typed array read from little-endian bytes (always a copy, so alignment holds).
 *
 * @param bytes the bytes
 * @param kind the element type
 * @returns the array
 * @throws {RangeError} when the byte length does not fit the element size
 */
export function fromBytesLE(bytes: Uint8Array, kind: "u8"): Uint8Array;
export function fromBytesLE(bytes: Uint8Array, kind: "i8"): Int8Array;
export function fromBytesLE(bytes: Uint8Array, kind: "u32"): Uint32Array;
export function fromBytesLE(bytes: Uint8Array, kind: "i32"): Int32Array;
export function fromBytesLE(bytes: Uint8Array, kind: IntArrayKind): IntArray {
  if (kind === "u8") return bytes.slice();
  if (kind === "i8") return new Int8Array(bytes.slice().buffer);
  if (bytes.length % 4 !== 0) {
    throw new RangeError(`Byte length ${bytes.length} is not a multiple of 4`);
  }
  const copy = bytes.slice();
  if (!LITTLE_ENDIAN) {
    const dv = new DataView(copy.buffer);
    for (let i = 0; i < copy.length; i += 4) dv.setUint32(i, dv.getUint32(i, true));
  }
  return kind === "u32" ? new Uint32Array(copy.buffer) : new Int32Array(copy.buffer);
}
