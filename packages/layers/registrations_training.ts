/**
 * Registers the optimizers, schedules, losses and initializers under Thinc's names
 * (`Adam.v1`, `compounding.v1`, `CategoricalCrossentropy.v3`, `glorot_uniform_init.v1`,
 * ...), adapting config keys as written (`learn_rate`, `L2_is_weight_decay`,
 * `missing_value`, ...) to the constructors' options, with schemas carrying Thinc's
 * defaults. Importing `@weft/layers` runs this.
 *
 * @module
 */
import { type Registry, registry, schema as s, type SchemaType } from "@weft/config";
import type { Initializer } from "./initializers/initializer.ts";
import {
  glorotNormalInit,
  heNormalInit,
  lecunNormalInit,
  normalInit,
} from "./initializers/normal.ts";
import {
  glorotUniformInit,
  heUniformInit,
  lecunUniformInit,
  uniformInit,
} from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { CategoricalCrossentropy } from "./losses/categorical_crossentropy.ts";
import { CosineDistance } from "./losses/cosine_distance.ts";
import { L2Distance } from "./losses/l2_distance.ts";
import { SequenceCategoricalCrossentropy } from "./losses/sequence_categorical_crossentropy.ts";
import { Adam, RAdam, SGD } from "./optimizers/factories.ts";
import type { ScheduleLike } from "./optimizers/optimizer.ts";
import { constant, constantThen } from "./schedules/constant.ts";
import { compounding, decaying } from "./schedules/decaying.ts";
import { plateau } from "./schedules/plateau.ts";
import { Schedule } from "./schedules/schedule.ts";
import { cyclicTriangular, slantedTriangular } from "./schedules/triangular.ts";
import { warmupLinear } from "./schedules/warmup_linear.ts";

type Args = Record<string, unknown>;

const isScheduleLike = (v: unknown): boolean =>
  typeof v === "number" || v instanceof Schedule ||
  (Array.isArray(v) && v.every((x) => typeof x === "number")) ||
  (!Array.isArray(v) && typeof v === "object" && v !== null && Symbol.iterator in v);

/** A hyperparameter that may be a number, a list of numbers or a schedule. */
const scheduleLike = (): SchemaType =>
  s.custom("float | list[float] | Iterable[float] | Schedule", isScheduleLike);
const schedule = (): SchemaType => s.instance(Schedule);
const optionalStr = () => s.optional(s.str());

// The values reach these functions validated by the schemas (the resolver applies
// them), so the casts below only narrow `unknown` to the declared types.
const num = (args: Args, key: string): number => args[key] as number;
const sched = (args: Args, key: string): ScheduleLike => args[key] as ScheduleLike;

const OPTIMIZER_COMMON = {
  L2: scheduleLike().default(0),
  grad_clip: scheduleLike().default(1),
  L2_is_weight_decay: s.bool().default(true),
  use_averages: s.bool().default(true),
};

const ADAM_SCHEMA = {
  learn_rate: scheduleLike().default(0.001),
  beta1: scheduleLike().default(0.9),
  beta2: scheduleLike().default(0.999),
  eps: scheduleLike().default(1e-8),
  ...OPTIMIZER_COMMON,
};

function adamOptions(args: Args) {
  return {
    learnRate: sched(args, "learn_rate"),
    beta1: sched(args, "beta1"),
    beta2: sched(args, "beta2"),
    eps: sched(args, "eps"),
    L2: sched(args, "L2"),
    gradClip: sched(args, "grad_clip"),
    L2IsWeightDecay: args.L2_is_weight_decay as boolean | undefined,
    useAverages: args.use_averages as boolean | undefined,
  };
}

function registerOptimizers(target: Registry): void {
  target.optimizers.register("Adam.v1", (args: Args) => Adam(adamOptions(args)), {
    schema: ADAM_SCHEMA,
  });
  target.optimizers.register("RAdam.v1", (args: Args) => RAdam(adamOptions(args)), {
    schema: ADAM_SCHEMA,
  });
  target.optimizers.register(
    "SGD.v1",
    (args: Args) =>
      SGD({
        learnRate: sched(args, "learn_rate"),
        L2: sched(args, "L2"),
        gradClip: sched(args, "grad_clip"),
        L2IsWeightDecay: args.L2_is_weight_decay as boolean | undefined,
        useAverages: args.use_averages as boolean | undefined,
      }),
    { schema: { learn_rate: scheduleLike(), ...OPTIMIZER_COMMON } },
  );
}

function registerSchedules(target: Registry): void {
  const r = target.schedules;
  r.register("constant.v1", (a: Args) => constant(num(a, "rate")), {
    schema: { rate: s.float() },
  });
  r.register(
    "constant_then.v1",
    (a: Args) => constantThen(num(a, "rate"), num(a, "steps"), a.schedule as Schedule<number>),
    { schema: { rate: s.float(), steps: s.int(), schedule: schedule() } },
  );
  r.register(
    "decaying.v1",
    (a: Args) => decaying(num(a, "base_rate"), num(a, "decay"), { t: num(a, "t") }),
    { schema: { base_rate: s.float(), decay: s.float(), t: s.float().default(0) } },
  );
  r.register(
    "compounding.v1",
    (a: Args) =>
      compounding(num(a, "start"), num(a, "stop"), num(a, "compound"), { t: num(a, "t") }),
    {
      schema: { start: s.float(), stop: s.float(), compound: s.float(), t: s.float().default(0) },
    },
  );
  r.register(
    "warmup_linear.v1",
    (a: Args) =>
      warmupLinear(num(a, "initial_rate"), num(a, "warmup_steps"), num(a, "total_steps")),
    { schema: { initial_rate: s.float(), warmup_steps: s.int(), total_steps: s.int() } },
  );
  r.register(
    "slanted_triangular.v1",
    (a: Args) =>
      slantedTriangular(num(a, "max_rate"), num(a, "num_steps"), {
        cutFrac: num(a, "cut_frac"),
        ratio: num(a, "ratio"),
        t: num(a, "t"),
      }),
    {
      schema: {
        max_rate: s.float(),
        num_steps: s.int(),
        cut_frac: s.float().default(0.1),
        ratio: s.int().default(32),
        // Thinc 8.3 accepts and ignores `decay`.
        decay: s.float().default(1),
        t: s.float().default(0),
      },
    },
  );
  r.register(
    "cyclic_triangular.v1",
    (a: Args) => cyclicTriangular(num(a, "min_lr"), num(a, "max_lr"), num(a, "period")),
    { schema: { min_lr: s.float(), max_lr: s.float(), period: s.int() } },
  );
  r.register(
    "plateau.v1",
    (a: Args) => plateau(num(a, "max_patience"), num(a, "scale"), a.schedule as Schedule<number>),
    { schema: { max_patience: s.int(), scale: s.float(), schedule: schedule() } },
  );
}

function categoricalOptions(a: Args) {
  return {
    normalize: a.normalize as boolean,
    names: a.names as string[] | null,
    missingValue: a.missing_value as string | number | null,
    negPrefix: a.neg_prefix as string | null | undefined,
    labelSmoothing: a.label_smoothing as number | undefined,
  };
}

function registerLosses(target: Registry): void {
  const r = target.losses;
  const v1 = {
    normalize: s.bool().default(true),
    names: s.optional(s.list(s.str())),
    missing_value: s.optional(s.union(s.str(), s.int())),
  };
  const v2 = { ...v1, neg_prefix: optionalStr() };
  const v3 = { ...v2, label_smoothing: s.float().default(0) };
  for (const [version, schema] of [["v1", v1], ["v2", v2], ["v3", v3]] as const) {
    r.register(
      `CategoricalCrossentropy.${version}`,
      (a: Args) => new CategoricalCrossentropy(categoricalOptions(a)),
      { schema },
    );
  }
  // Thinc's sequence v1 takes only normalize and names, v2 adds neg_prefix.
  const seq1 = { normalize: s.bool().default(true), names: s.optional(s.list(s.str())) };
  const seq2 = { ...seq1, neg_prefix: optionalStr() };
  for (const [version, schema] of [["v1", seq1], ["v2", seq2], ["v3", v3]] as const) {
    r.register(
      `SequenceCategoricalCrossentropy.${version}`,
      (a: Args) => new SequenceCategoricalCrossentropy(categoricalOptions(a)),
      { schema },
    );
  }
  r.register("L2Distance.v1", (a: Args) => new L2Distance({ normalize: a.normalize as boolean }), {
    schema: { normalize: s.bool().default(true) },
  });
  r.register(
    "CosineDistance.v1",
    (a: Args) =>
      new CosineDistance({
        normalize: a.normalize as boolean,
        ignoreZeros: a.ignore_zeros as boolean,
      }),
    { schema: { normalize: s.bool().default(true), ignore_zeros: s.bool().default(false) } },
  );
}

function registerInitializers(target: Registry): void {
  const r = target.initializers;
  const plain: [string, Initializer][] = [
    ["glorot_uniform_init.v1", (ops, shape) => glorotUniformInit(ops, shape)],
    ["glorot_normal_init.v1", (ops, shape) => glorotNormalInit(ops, shape)],
    ["he_uniform_init.v1", (ops, shape) => heUniformInit(ops, shape)],
    ["he_normal_init.v1", (ops, shape) => heNormalInit(ops, shape)],
    ["lecun_uniform_init.v1", (ops, shape) => lecunUniformInit(ops, shape)],
    ["lecun_normal_init.v1", (ops, shape) => lecunNormalInit(ops, shape)],
    ["zero_init.v1", (ops, shape) => zeroInit(ops, shape)],
  ];
  for (const [name, init] of plain) r.register(name, () => init, { schema: {} });
  r.register(
    "uniform_init.v1",
    (a: Args): Initializer => (ops, shape) =>
      uniformInit(ops, shape, { lo: num(a, "lo"), hi: num(a, "hi") }),
    { schema: { lo: s.float().default(-0.1), hi: s.float().default(0.1) } },
  );
  r.register(
    "normal_init.v1",
    (a: Args): Initializer => (ops, shape) =>
      normalInit(ops, shape, { mean: num(a, "mean"), stddev: num(a, "stddev") }),
    { schema: { mean: s.float().default(0), stddev: s.float().default(1) } },
  );
}

/**
 * Every name this module registers, by namespace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { registry } from "@weft/config";
 * import { TRAINING_NAMES } from "@weft/layers";
 * assert.ok(TRAINING_NAMES.optimizers.every((name) => registry.optimizers.has(name)));
 * ```
 */
export const TRAINING_NAMES: Readonly<
  Record<"optimizers" | "schedules" | "losses" | "initializers", readonly string[]>
> = {
  optimizers: ["Adam.v1", "RAdam.v1", "SGD.v1"],
  schedules: [
    "constant.v1",
    "constant_then.v1",
    "decaying.v1",
    "compounding.v1",
    "warmup_linear.v1",
    "slanted_triangular.v1",
    "cyclic_triangular.v1",
    "plateau.v1",
  ],
  losses: [
    "CategoricalCrossentropy.v1",
    "CategoricalCrossentropy.v2",
    "CategoricalCrossentropy.v3",
    "SequenceCategoricalCrossentropy.v1",
    "SequenceCategoricalCrossentropy.v2",
    "SequenceCategoricalCrossentropy.v3",
    "L2Distance.v1",
    "CosineDistance.v1",
  ],
  initializers: [
    "glorot_uniform_init.v1",
    "glorot_normal_init.v1",
    "he_uniform_init.v1",
    "he_normal_init.v1",
    "lecun_uniform_init.v1",
    "lecun_normal_init.v1",
    "zero_init.v1",
    "uniform_init.v1",
    "normal_init.v1",
  ],
};

/**
 * Register the optimizers, schedules, losses and initializers in `target` (the
 * global registry is filled when this module loads).
 *
 * @param target the registry to fill
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry } from "@weft/config";
 * import { registerTraining } from "./registrations_training.ts";
 * const reg = createRegistry();
 * registerTraining(reg);
 * assert.ok(reg.optimizers.has("Adam.v1"));
 * assert.ok(reg.schedules.has("compounding.v1"));
 * ```
 */
export function registerTraining(target: Registry): void {
  registerOptimizers(target);
  registerSchedules(target);
  registerLosses(target);
  registerInitializers(target);
}

registerTraining(registry);
