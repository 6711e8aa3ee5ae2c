/**
 * Completing a factory's settings: resolving registry blocks and filling defaults.
 *
 * @module
 */
import { type FunctionSchema, registry } from "@weft/config";

function hasBlocks(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasBlocks);
  if (
    value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return false;
  }
  return Object.entries(value).some(([k, v]) => k.startsWith("@") || hasBlocks(v));
}

/**
 * A factory's config with nested `@registry` blocks resolved and missing keys
 * set from the factory's schema defaults.
 *
 * @param factory the factory name, for error messages
 * @param schema the factory's schema, if registered with one
 * @param config the settings given
 * @returns the completed settings
 * @throws {TypeError} naming the factory and key when a required setting is missing
 */
export function fillFactoryConfig(
  factory: string,
  schema: FunctionSchema | undefined,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const resolved = hasBlocks(config)
    ? registry.resolve({ config }).config as Record<string, unknown>
    : { ...config };
  for (const [key, type] of Object.entries(schema ?? {})) {
    if (key in resolved || key === "nlp" || key === "name") continue;
    if (!type.hasDefault) throw new TypeError(`Factory "${factory}" needs a value for "${key}"`);
    const d = type.defaultValue;
    resolved[key] = hasBlocks(d) ? (registry.resolve({ d }).d) : d;
  }
  return resolved;
}
