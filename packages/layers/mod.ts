/**
 * `@weft/layers`: Thinc's `Model` and layer library in TypeScript.
 *
 * @module
 */
export * from "./optimizer_protocol.ts";
