/**
 * Model serialization: msgpack of every node's name, dims, refs, plain attrs and
 * params, in `walk()` order, checked against the receiving model's structure.
 *
 * The bytes are a stream of msgpack values: a header, then one value per node. A
 * truncated string therefore fails at a known node, which the error names.
 *
 * @module
 */
import { decodeMulti, encode } from "@msgpack/msgpack";
import type { FloatsXd } from "@weft/types";
import type { Model } from "./model.ts";

const FORMAT = "weft-model";
const VERSION = 1;

interface ParamMsg {
  shape: number[];
  data: Uint8Array;
}

interface NodeMsg {
  index: number;
  name: string;
  dims: Record<string, number | null>;
  refs: Record<string, number | null>;
  attrs: Record<string, unknown>;
  params: Record<string, ParamMsg | null>;
}

/** Plain values (numbers, strings, booleans, null, arrays and objects of them) serialize. */
function isPlain(value: unknown): boolean {
  if (value === null) return true;
  const t = typeof value;
  if (t === "number" || t === "string" || t === "boolean") return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (t === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every(isPlain);
  }
  return false;
}

/** Serialize a model (see the module doc). */
export async function modelToBytes(model: Model): Promise<Uint8Array> {
  const nodes = model.walk();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const chunks: Uint8Array[] = [encode({ format: FORMAT, version: VERSION, count: nodes.length })];
  for (const [i, node] of nodes.entries()) {
    const msg: NodeMsg = { index: i, name: node.name, dims: {}, refs: {}, attrs: {}, params: {} };
    for (const d of node.dimNames) msg.dims[d] = node.maybeGetDim(d);
    for (const r of node.refNames) {
      const ref = node.maybeGetRef(r);
      const at = ref === null ? null : index.get(ref);
      if (at === undefined) {
        throw new RangeError(
          `Cannot serialize layer "${node.name}": reference "${r}" is outside the tree`,
        );
      }
      msg.refs[r] = at;
    }
    for (const [k, v] of node.attrs) if (isPlain(v)) msg.attrs[k] = v;
    for (const p of node.paramNames) {
      const value = node.maybeGetParam(p);
      if (value === null) {
        msg.params[p] = null;
        continue;
      }
      const host = await node.ops.read(value);
      msg.params[p] = {
        shape: [...value.shape],
        data: new Uint8Array(host.buffer, host.byteOffset, host.byteLength).slice(),
      };
    }
    chunks.push(encode(msg));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function fail(model: Model, detail: string): never {
  throw new TypeError(`Cannot load model "${model.name}" from bytes: ${detail}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Check one decoded node against the receiving node; returns the detail of a mismatch. */
function mismatch(node: Model, i: number, raw: unknown, count: number): string | null {
  if (!isRecord(raw)) return "not a node record";
  const msg = raw as Partial<NodeMsg>;
  if (msg.index !== i) return `stored index ${msg.index}`;
  if (msg.name !== node.name) return `stored name "${String(msg.name)}"`;
  if (!isRecord(msg.dims) || !isRecord(msg.params) || !isRecord(msg.refs) || !isRecord(msg.attrs)) {
    return "missing dims, params, refs or attrs";
  }
  for (const [d, v] of Object.entries(msg.dims)) {
    if (node.hasDim(d) === false) return `unknown dimension "${d}"`;
    const own = node.maybeGetDim(d);
    if (v !== null && own !== null && v !== own) return `dimension "${d}" is ${v}, expected ${own}`;
  }
  const names = Object.keys(msg.params).sort().join(",");
  if (names !== [...node.paramNames].sort().join(",")) {
    return `params [${names}], expected [${[...node.paramNames].sort().join(",")}]`;
  }
  for (const [p, v] of Object.entries(msg.params)) {
    if (v === null) continue;
    if (!isRecord(v) || !Array.isArray(v.shape) || !(v.data instanceof Uint8Array)) {
      return `param "${p}" is malformed`;
    }
    const size = (v.shape as number[]).reduce((a, b) => a * b, 1);
    if (v.data.byteLength !== size * 4) return `param "${p}" has the wrong number of bytes`;
    const own = node.maybeGetParam(p);
    if (own !== null && own.shape.join() !== (v.shape as number[]).join()) {
      return `param "${p}" has shape [${v.shape}], expected [${own.shape}]`;
    }
  }
  for (const [r, at] of Object.entries(msg.refs)) {
    if (at !== null && (typeof at !== "number" || at < 0 || at >= count)) {
      return `reference "${r}" points outside the tree`;
    }
  }
  return null;
}

/**
 * Load bytes from `modelToBytes` into a model of the same structure; nothing is
 * changed unless every node matches.
 *
 * @throws {TypeError} naming the first node that is missing or mismatches
 */
export function modelFromBytes(model: Model, bytes: Uint8Array): Promise<void> {
  const nodes = model.walk();
  const values = decodeMulti(bytes)[Symbol.iterator]();
  const next = (what: string): unknown => {
    try {
      const r = values.next();
      if (r.done) fail(model, `the bytes end before ${what}`);
      return r.value;
    } catch (e) {
      if (e instanceof TypeError && e.message.startsWith("Cannot load")) throw e;
      fail(model, `the bytes are truncated or corrupt at ${what} (${(e as Error).message})`);
    }
  };
  const header = next("the header");
  if (!isRecord(header) || header.format !== FORMAT || header.version !== VERSION) {
    fail(model, `not a ${FORMAT} v${VERSION} byte string`);
  }
  if (header.count !== nodes.length) {
    fail(
      model,
      `mismatched structure: ${header.count} nodes stored, the model has ${nodes.length}`,
    );
  }
  const msgs: NodeMsg[] = [];
  // Combinator names are built from their children's, so a changed leaf renames
  // every ancestor; report the first mismatching leaf when there is one.
  let first: string | null = null;
  let firstLeaf: string | null = null;
  for (const [i, node] of nodes.entries()) {
    const what = `node ${i} ("${node.name}")`;
    const raw = next(what);
    const detail = mismatch(node, i, raw, nodes.length);
    if (detail !== null) {
      first ??= `mismatched ${what}: ${detail}`;
      if (node.layers.length === 0) {
        firstLeaf = `mismatched ${what}: ${detail}`;
        break;
      }
    }
    msgs.push(raw as NodeMsg);
  }
  if (firstLeaf !== null || first !== null) fail(model, (firstLeaf ?? first)!);
  if (!values.next().done) fail(model, "extra data after the last node");
  for (const [i, node] of nodes.entries()) {
    const msg = msgs[i]!;
    for (const [d, v] of Object.entries(msg.dims)) if (v !== null) node.setDim(d, v);
    for (const [r, at] of Object.entries(msg.refs)) {
      node.setRef(r, at === null ? null : nodes[at]!);
    }
    for (const [k, v] of Object.entries(msg.attrs)) node.attrs.set(k, v);
    for (const [p, v] of Object.entries(msg.params)) {
      if (v === null) {
        node.setParam(p, null);
        continue;
      }
      const floats = new Float32Array(v.data.slice().buffer);
      node.setParam(p, node.ops.asarray(floats, v.shape, "float32") as FloatsXd);
    }
  }
  return Promise.resolve();
}

/** Write bytes to `path` through a temporary file renamed into place. */
export async function writeFileAtomic(path: string | URL, bytes: Uint8Array): Promise<void> {
  const target = path instanceof URL ? path.pathname : path;
  const tmp = `${target}.tmp-${crypto.randomUUID()}`;
  try {
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, target);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
