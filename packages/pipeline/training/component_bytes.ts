/**
 * Serializing one component: its own `toBytes`/`fromBytes` when it has them,
 * otherwise its labels and its model's weights.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";

/** A component that serializes itself (spaCy's `to_bytes`/`from_bytes`). */
export interface SerializablePipe {
  /** Serialize the component's state (weights, labels, settings). */
  toBytes(): Uint8Array | Promise<Uint8Array>;
  /**
   * Restore the state from {@linkcode SerializablePipe.toBytes} output.
   *
   * @param bytes the bytes
   */
  fromBytes(bytes: Uint8Array): unknown;
}

interface ModelLike {
  toBytes(): Promise<Uint8Array>;
  fromBytes(bytes: Uint8Array): Promise<unknown>;
}

function isSerializable(pipe: unknown): pipe is SerializablePipe {
  const p = pipe as Partial<SerializablePipe>;
  return typeof p.toBytes === "function" && typeof p.fromBytes === "function";
}

function modelOf(pipe: unknown): ModelLike | null {
  const m = (pipe as { model?: Partial<ModelLike> }).model;
  return m && typeof m.toBytes === "function" && typeof m.fromBytes === "function"
    ? m as ModelLike
    : null;
}

/**
 * Whether a component has state to save (its own `toBytes`, or a model).
 *
 * @param pipe the component
 * @returns true when it has
 * @example A rule-based component has no state
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasComponentState } from "@weft/pipeline";
 * assert.equal(hasComponentState({ call: (d: unknown) => d }), false);
 * ```
 */
export function hasComponentState(pipe: unknown): boolean {
  return isSerializable(pipe) || modelOf(pipe) !== null;
}

/**
 * Serialize a component (msgpack): `{ format: "weft.component", own }` for one
 * with `toBytes`, else `{ format: "weft.component", labels, model }`.
 *
 * @param pipe the component
 * @returns the bytes
 * @throws {TypeError} when the component has nothing to save
 */
export async function componentToBytes(pipe: unknown): Promise<Uint8Array> {
  if (isSerializable(pipe)) {
    return encode({ format: "weft.component", own: await pipe.toBytes() });
  }
  const model = modelOf(pipe);
  if (model === null) throw new TypeError("componentToBytes(): the component has no state");
  const labels = (pipe as { labels?: readonly string[] }).labels;
  return encode({
    format: "weft.component",
    labels: labels ? [...labels] : null,
    model: await model.toBytes(),
  });
}

/**
 * Restore a component from {@linkcode componentToBytes} output: labels are
 * added with `addLabel`, then the model's weights loaded.
 *
 * @param pipe the component (built from the same config)
 * @param bytes the bytes
 * @param source names the data in error messages
 * @throws {SyntaxError} naming the source when the bytes are not a component
 */
export async function componentFromBytes(
  pipe: unknown,
  bytes: Uint8Array,
  source: string,
): Promise<void> {
  let msg: Record<string, unknown>;
  try {
    msg = decode(bytes) as Record<string, unknown>;
  } catch (e) {
    throw new SyntaxError(`${source}: corrupt component data (${(e as Error).message})`);
  }
  if (msg === null || typeof msg !== "object" || msg.format !== "weft.component") {
    throw new SyntaxError(`${source}: not a Weft component`);
  }
  if (msg.own instanceof Uint8Array) {
    if (!isSerializable(pipe)) {
      throw new TypeError(`${source}: saved by the component itself, which cannot load it`);
    }
    await pipe.fromBytes(msg.own);
    return;
  }
  const addLabel = (pipe as { addLabel?: (l: string) => unknown }).addLabel;
  if (Array.isArray(msg.labels) && typeof addLabel === "function") {
    for (const label of msg.labels as string[]) addLabel.call(pipe, label);
  }
  const model = modelOf(pipe);
  if (model === null || !(msg.model instanceof Uint8Array)) {
    throw new TypeError(`${source}: the component has no model to load weights into`);
  }
  await model.fromBytes(msg.model);
}
