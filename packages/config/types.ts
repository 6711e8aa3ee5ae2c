/**
 * The value types of a parsed config.
 *
 * @module
 */

/** A value of a parsed config: JSON values, where objects are sections. */
export type ConfigValue = string | number | boolean | null | ConfigValue[] | ConfigSection;

/** A section (or any object value) of a parsed config. */
export interface ConfigSection {
  /** A value or subsection, by key. */
  [key: string]: ConfigValue;
}

/** Whether `value` is a plain object (a section), not an array, null or a class instance. */
export function isSection(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `value` is a promise block: a section with a key starting with `@`. */
export function isPromise(value: unknown): value is Record<string, unknown> {
  return isSection(value) && Object.keys(value).some((k) => k.startsWith("@"));
}

/** Sets `obj[key] = value` as an own, enumerable property, even for `__proto__`. */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

/** Deep-copies plain objects and arrays; other values are shared. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as T;
  if (isSection(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, deepCopy(v));
    return out as T;
  }
  return value;
}
