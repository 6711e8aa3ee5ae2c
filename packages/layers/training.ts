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
export {
  fromIterable,
  fromSequence,
  type LastScore,
  Schedule,
  type ScheduleExtra,
  type ScheduleFunction,
} from "./schedules/schedule.ts";
export { constant, constantThen } from "./schedules/constant.ts";
export { compounding, decaying } from "./schedules/decaying.ts";
export { warmupLinear } from "./schedules/warmup_linear.ts";
export {
  cyclicTriangular,
  slantedTriangular,
  type SlantedTriangularOptions,
} from "./schedules/triangular.ts";
export { plateau } from "./schedules/plateau.ts";
export {
  Optimizer,
  type OptimizerOptions,
  type ScheduleLike,
  type UpdateOptions,
} from "./optimizers/optimizer.ts";
export { Adam, type AdamOptions, RAdam, SGD, type SGDOptions } from "./optimizers/factories.ts";
export type { Loss } from "./losses/loss.ts";
export type { CategoricalTruths, HostTargets, TruthOptions } from "./losses/categorical_truths.ts";
export {
  CategoricalCrossentropy,
  type CategoricalCrossentropyOptions,
} from "./losses/categorical_crossentropy.ts";
export { SequenceCategoricalCrossentropy } from "./losses/sequence_categorical_crossentropy.ts";
export { L2Distance, type L2DistanceOptions } from "./losses/l2_distance.ts";
export { CosineDistance, type CosineDistanceOptions } from "./losses/cosine_distance.ts";
// `registerTraining(registry)` stays internal (its signature speaks `@weft/config`'s
// Registry); importing this module fills the global registry.
export { TRAINING_NAMES } from "./registrations_training.ts";
