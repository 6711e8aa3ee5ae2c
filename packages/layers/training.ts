/**
 * Training utilities of `@weft/layers`: the seeded generator, initializers,
 * schedules, losses and optimizers. `mod.ts` re-exports everything here.
 *
 * @module
 */
export { drawSeed, fixRandomSeed, getRandom, Random, setSeed } from "./random.ts";
export type { Initializer, InitOptions } from "./initializers/initializer.ts";
export {
  glorotUniformInit,
  heUniformInit,
  lecunUniformInit,
  uniformInit,
  type UniformInitOptions,
} from "./initializers/uniform.ts";
export {
  glorotNormalInit,
  heNormalInit,
  lecunNormalInit,
  normalInit,
  type NormalInitOptions,
} from "./initializers/normal.ts";
export { zeroInit } from "./initializers/zero.ts";
