/**
 * Argument schemas for registered functions: a small, typed description of
 * each argument (its type, whether it is required, its default), used by
 * `registry.fill` to add defaults and by `registry.resolve` to validate.
 *
 * @module
 */

/** One argument type: checks a value and may carry a default. */
export interface SchemaType {
  /** Short human-readable name of the type, as used in error messages (`int`, `list[str]`). */
  readonly name: string;
  /** Whether the argument has a default (and so is not required). */
  readonly hasDefault: boolean;
  /** The default value, meaningful only when `hasDefault` is true. */
  readonly defaultValue: unknown;
  /** Returns an error message when `value` does not fit, or `undefined` when it does. */
  check(value: unknown): string | undefined;
  /** Returns a copy of this type that is optional with the given default value. */
  default(value: unknown): SchemaType;
}

/** The schema of one registered function: argument name to type (`"*"` for positional arguments). */
export type FunctionSchema = Readonly<Record<string, SchemaType>>;

class BasicType implements SchemaType {
  constructor(
    readonly name: string,
    private readonly test: (value: unknown) => string | undefined,
    readonly hasDefault = false,
    readonly defaultValue: unknown = undefined,
  ) {}

  check(value: unknown): string | undefined {
    return this.test(value);
  }

  default(value: unknown): SchemaType {
    return new BasicType(this.name, this.test, true, value);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "object") {
    const ctor = (value as { constructor?: { name?: string } }).constructor;
    return ctor?.name && ctor.name !== "Object" ? ctor.name : "dict";
  }
  return typeof value;
}

function simple(name: string, ok: (value: unknown) => boolean): SchemaType {
  return new BasicType(
    name,
    (value) => ok(value) ? undefined : `value is not a valid ${name} (got ${describe(value)})`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Constructors of schema types. Types are required unless given a default with
 * `.default(value)` or wrapped in `optional` (nullable, default `null`).
 *
 * @example Describing the arguments of a registered layer
 * ```ts
 * import { schema as s } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const reluSchema = {
 *   nO: s.optional(s.int()),
 *   nI: s.optional(s.int()),
 *   dropout: s.optional(s.float()),
 *   normalize: s.bool().default(false),
 * };
 * assert.equal(reluSchema.nO.check(5), undefined);
 * assert.match(String(reluSchema.normalize.check("yes")), /not a valid bool/);
 * assert.equal(reluSchema.normalize.defaultValue, false);
 * ```
 */
export const schema: {
  /** An integer (a number without fractional part). */
  int(): SchemaType;
  /** A float; integers are accepted too, as in pydantic. */
  float(): SchemaType;
  /** Any finite or non-finite number. */
  number(): SchemaType;
  /** `true` or `false`. */
  bool(): SchemaType;
  /** A string. */
  str(): SchemaType;
  /** Anything at all. */
  any(): SchemaType;
  /** An array whose items all fit `item` (any item when omitted). */
  list(item?: SchemaType): SchemaType;
  /** A plain object whose values all fit `value` (any value when omitted). */
  dict(value?: SchemaType): SchemaType;
  /** One of the given literal values (compared with `===`). */
  literal(...values: readonly (string | number | boolean | null)[]): SchemaType;
  /** An instance of the given class. */
  instance(ctor: abstract new (...args: never[]) => unknown): SchemaType;
  /** A value accepted by `test`, named `name` in error messages. */
  custom(name: string, test: (value: unknown) => boolean): SchemaType;
  /** A value that fits at least one of `types`. */
  union(...types: readonly SchemaType[]): SchemaType;
  /** `type` or `null`; required, no default. */
  nullable(type: SchemaType): SchemaType;
  /** `type` or `null`, defaulting to `fallback` (`null` when omitted), like Python's `Optional[T] = None`. */
  optional(type: SchemaType, fallback?: unknown): SchemaType;
} = {
  int: () => simple("int", (v) => typeof v === "number" && Number.isInteger(v)),
  float: () => simple("float", (v) => typeof v === "number"),
  number: () => simple("number", (v) => typeof v === "number"),
  bool: () => simple("bool", (v) => typeof v === "boolean"),
  str: () => simple("str", (v) => typeof v === "string"),
  any: () => new BasicType("any", () => undefined),
  list(item?: SchemaType): SchemaType {
    const name = item ? `list[${item.name}]` : "list";
    return new BasicType(name, (value) => {
      if (!Array.isArray(value)) return `value is not a valid list (got ${describe(value)})`;
      if (!item) return undefined;
      for (let i = 0; i < value.length; i++) {
        const err = item.check(value[i]);
        if (err !== undefined) return `item ${i}: ${err}`;
      }
      return undefined;
    });
  },
  dict(valueType?: SchemaType): SchemaType {
    const name = valueType ? `dict[str, ${valueType.name}]` : "dict";
    return new BasicType(name, (value) => {
      if (!isPlainObject(value)) return `value is not a valid dict (got ${describe(value)})`;
      if (!valueType) return undefined;
      for (const [key, v] of Object.entries(value)) {
        const err = valueType.check(v);
        if (err !== undefined) return `key "${key}": ${err}`;
      }
      return undefined;
    });
  },
  literal(...values) {
    const name = values.map((v) => JSON.stringify(v)).join(" | ");
    return new BasicType(
      name,
      (value) =>
        values.some((v) => v === value)
          ? undefined
          : `value is not one of ${name} (got ${JSON.stringify(value) ?? describe(value)})`,
    );
  },
  instance(ctor) {
    return simple(ctor.name || "instance", (v) => v instanceof ctor);
  },
  custom(name, test) {
    return simple(name, test);
  },
  union(...types) {
    const name = types.map((t) => t.name).join(" | ");
    return new BasicType(
      name,
      (value) =>
        types.some((t) => t.check(value) === undefined)
          ? undefined
          : `value is not a valid ${name} (got ${describe(value)})`,
    );
  },
  nullable(type) {
    return schema.union(type, simple("null", (v) => v === null));
  },
  optional(type, fallback = null) {
    return schema.nullable(type).default(fallback);
  },
};
