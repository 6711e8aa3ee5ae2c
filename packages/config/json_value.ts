/**
 * JSON as Python's `json` module reads and writes it, since config values are
 * "JSON as confection sees it": `NaN`/`Infinity` are accepted, `True`/`False`/
 * `None` are read as literals, and dumping uses `", "`/`": "` separators,
 * ASCII-only strings and Python's float repr.
 *
 * @module
 */

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

class Reader {
  pos = 0;
  constructor(readonly text: string, readonly canonical: boolean) {}

  ws(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos]!)) this.pos++;
  }

  fail(): never {
    throw new SyntaxError(`Invalid JSON at ${this.pos}`);
  }

  /** Reads one value; returns [value, Python's canonical dump of it]. */
  value(): [unknown, string] {
    const t = this.text;
    const c = t[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') {
      const s = this.string();
      return [s, this.canonical ? dumpString(s) : ""];
    }
    for (const [word, val, dump] of LITERALS) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return [val, dump];
      }
    }
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(t);
    if (m === null) this.fail();
    this.pos += m[0].length;
    const isFloat = m[1] !== undefined || m[2] !== undefined;
    const num = Number(m[0]);
    if (!this.canonical) return [num, ""];
    return [num, isFloat ? pyFloatRepr(num) : BigInt(m[0]).toString()];
  }

  object(): [unknown, string] {
    this.pos++;
    const out: Record<string, unknown> = {};
    const parts: string[] = [];
    this.ws();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return [out, "{}"];
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.ws();
      if (this.text[this.pos] !== ":") this.fail();
      this.pos++;
      this.ws();
      const [v, d] = this.value();
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = v;
      if (this.canonical) parts.push(`${dumpString(key)}: ${d}`);
      this.ws();
      const c = this.text[this.pos++];
      if (c === "}") return [out, `{${parts.join(", ")}}`];
      if (c !== ",") this.fail();
    }
  }

  array(): [unknown, string] {
    this.pos++;
    const out: unknown[] = [];
    const parts: string[] = [];
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return [out, "[]"];
    }
    for (;;) {
      this.ws();
      const [v, d] = this.value();
      out.push(v);
      parts.push(d);
      this.ws();
      const c = this.text[this.pos++];
      if (c === "]") return [out, `[${parts.join(", ")}]`];
      if (c !== ",") this.fail();
    }
  }

  string(): string {
    const t = this.text;
    let i = this.pos + 1;
    let out = "";
    for (;;) {
      const c = t[i];
      if (c === undefined) this.fail();
      if (c === '"') break;
      if (c < " ") this.fail();
      if (c === "\\") {
        const e = t[i + 1];
        const simpleEscape = e === undefined ? undefined : ESCAPES[e];
        if (simpleEscape !== undefined) {
          out += simpleEscape;
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          this.pos = i;
          this.fail();
        }
      } else {
        out += c;
        i++;
      }
    }
    this.pos = i + 1;
    return out;
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const LITERALS: readonly [string, unknown, string][] = [
  ["true", true, "true"],
  ["false", false, "false"],
  ["null", null, "null"],
  ["NaN", NaN, "NaN"],
  ["Infinity", Infinity, "Infinity"],
  ["-Infinity", -Infinity, "-Infinity"],
];

function parse(text: string, canonical: boolean): [unknown, string] | undefined {
  const r = new Reader(text, canonical);
  try {
    r.ws();
    const out = r.value();
    r.ws();
    return r.pos === text.length ? out : undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

const PY_LITERALS: Record<string, unknown> = { True: true, False: false, None: null };

/**
 * Parses `text` as Python's `json.loads` would; returns `{ ok: false }` when it is not JSON.
 *
 * @param text The text.
 * @returns The value, if any.
 */
export function loadJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const out = parse(text, false);
  return out === undefined ? { ok: false } : { ok: true, value: out[0] };
}

/**
 * confection's `try_load_json`: JSON if possible, then the Python literals
 * `True`/`False`/`None`, else the text itself.
 *
 * @param text The raw value.
 * @returns The interpreted value.
 */
export function tryLoadJson(text: string): unknown {
  const out = parse(text, false);
  if (out !== undefined) return out[0];
  if (Object.hasOwn(PY_LITERALS, text)) return PY_LITERALS[text];
  return text;
}

/**
 * `json.dumps(json.loads(text))` in Python: the canonical dump of a JSON
 * text, keeping the int/float distinction of its numbers.
 *
 * @param text JSON text.
 * @returns `undefined` when `text` is not JSON; else `[value, dump]`.
 */
export function canonicalJson(text: string): [unknown, string] | undefined {
  return parse(text, true);
}

/**
 * Python's `repr(float)`: the shortest round-trip digits, with an exponent
 * below 1e-4 or from 1e16 on.
 *
 * @param x The number.
 * @returns The repr.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expText);
  const decpt = exp + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
  const e = Math.abs(exp).toString().padStart(2, "0");
  return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${e}`;
}

/** Python's `json.dumps` of a string (`ensure_ascii`). */
export function dumpString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "\b") out += "\\b";
    else if (c === "\f") out += "\\f";
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return out + '"';
}

/**
 * Python's `json.dumps` of a JS value: integers as ints, other numbers as
 * floats, plain objects as dicts.
 *
 * @param value The value.
 * @returns The JSON text.
 * @throws {TypeError} For values JSON cannot hold (functions, class instances, ...).
 */
export function dumpJson(value: unknown): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return dumpString(value);
  if (typeof value === "number") {
    if (!Number.isInteger(value) || Object.is(value, -0)) return pyFloatRepr(value);
    return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  }
  if (Array.isArray(value)) return `[${value.map(dumpJson).join(", ")}]`;
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const parts = Object.entries(value).map(([k, v]) => `${dumpString(k)}: ${dumpJson(v)}`);
      return `{${parts.join(", ")}}`;
    }
  }
  throw new TypeError(
    `Cannot serialize config value of type ${
      typeof value === "object" ? value.constructor?.name : typeof value
    }: config values must be JSON (use a registered function to build objects)`,
  );
}
