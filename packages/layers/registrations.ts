/**
 * Registers every layer under Thinc's name in `registry.layers`, adapting config
 * keys as written (`nO`, `init_W`, `normalize_outputs`, positional layers under
 * `"*"`) to each constructor's options. Importing `@weft/layers` runs this.
 *
 * @module
 */
import { registry } from "@weft/config";
import type { Floats2d } from "@weft/types";
import { add } from "./add.ts";
import { bidirectional } from "./bidirectional.ts";
import { chain } from "./chain.ts";
import { clone } from "./clone.ts";
import { concatenate } from "./concatenate.ts";
import { Dropout } from "./dropout.ts";
import { Embed } from "./embed.ts";
import { expandWindow } from "./expand_window.ts";
import { Gelu } from "./gelu.ts";
import { HashEmbed } from "./hash_embed.ts";
import type { Initializer } from "./initializers/initializer.ts";
import { LayerNorm } from "./layer_norm.ts";
import { Linear } from "./linear.ts";
import { list2array } from "./list2array.ts";
import { list2padded } from "./list2padded.ts";
import { list2ragged } from "./list2ragged.ts";
import { Logistic } from "./logistic.ts";
import { Maxout } from "./maxout.ts";
import { Mish } from "./mish.ts";
import { Model } from "./model.ts";
import { noop } from "./noop.ts";
import { padded2list } from "./padded2list.ts";
import { ParametricAttention } from "./parametric_attention.ts";
import { ragged2list } from "./ragged2list.ts";
import { reduceFirst } from "./reduce_first.ts";
import { reduceLast } from "./reduce_last.ts";
import { reduceMax } from "./reduce_max.ts";
import { reduceMean } from "./reduce_mean.ts";
import { reduceSum } from "./reduce_sum.ts";
import { LSTM } from "./lstm.ts";
import { LAYER_SCHEMAS } from "./registrations_schemas.ts";
import { Relu } from "./relu.ts";
import { remapIds } from "./remap_ids.ts";
import { residual } from "./residual.ts";
import { resizable, type ResizeLayer } from "./resizable.ts";
import { Sigmoid } from "./sigmoid.ts";
import { Softmax } from "./softmax.ts";
import { softmaxActivation } from "./softmax_activation.ts";
import { SparseLinear } from "./sparse_linear.ts";
import { Swish } from "./swish.ts";
import { uniqued } from "./uniqued.ts";
import { withArray } from "./with_array.ts";
import { withCpu } from "./with_cpu.ts";
import { withFlatten } from "./with_flatten.ts";
import { withList } from "./with_list.ts";
import { withPadded } from "./with_padded.ts";
import { withRagged } from "./with_ragged.ts";

type Args = Record<string, unknown>;

function fail(name: string, key: string, expected: string, value: unknown): never {
  throw new TypeError(
    `Invalid argument "${key}" of "${name}": expected ${expected}, got ${JSON.stringify(value)}`,
  );
}

function int(name: string, args: Args, key: string): number | null | undefined {
  const v = args[key];
  if (v === undefined || v === null) return v;
  if (typeof v !== "number" || !Number.isInteger(v)) fail(name, key, "an integer or null", v);
  return v;
}

function float(name: string, args: Args, key: string): number | null | undefined {
  const v = args[key];
  if (v === undefined || v === null) return v;
  if (typeof v !== "number") fail(name, key, "a number or null", v);
  return v;
}

function bool(name: string, args: Args, key: string): boolean | undefined {
  const v = args[key];
  if (v === undefined) return v;
  if (typeof v !== "boolean") fail(name, key, "true or false", v);
  return v;
}

function fn<T>(name: string, args: Args, key: string): T | undefined {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "function") fail(name, key, "a registered function", v);
  return v as T;
}

function model(name: string, args: Args, key: string): Model {
  const v = args[key];
  if (!(v instanceof Model)) fail(name, key, "a model", v);
  return v;
}

function layers(name: string, args: Args): [Model, ...Model[]] {
  const v = args["*"] ?? [];
  if (!Array.isArray(v) || !v.every((l) => l instanceof Model)) {
    fail(name, "*", "a list of models", v);
  }
  if (v.length === 0) throw new RangeError(`"${name}" needs at least one layer`);
  return v as [Model, ...Model[]];
}

function dense(name: string, args: Args) {
  return {
    nO: int(name, args, "nO"),
    nI: int(name, args, "nI"),
    initW: fn<Initializer>(name, args, "init_W"),
    initB: fn<Initializer>(name, args, "init_b"),
    dropout: float(name, args, "dropout"),
    normalize: bool(name, args, "normalize"),
  };
}

type Builder = (args: Args) => Model;

/** Every registration: Thinc's name and a builder from config arguments. */
const BUILDERS: Readonly<Record<string, Builder>> = {
  "chain.v1": (a) => chain(...layers("chain.v1", a)),
  "concatenate.v1": (a) => concatenate(...layers("concatenate.v1", a)),
  "add.v1": (a) => add(...layers("add.v1", a)),
  "clone.v1": (a) => clone(model("clone.v1", a, "orig"), int("clone.v1", a, "n") ?? 1),
  "residual.v1": (a) => residual(model("residual.v1", a, "layer")),
  "noop.v1": (a) => noop(...(Array.isArray(a["*"]) ? a["*"] as Model[] : [])),
  "uniqued.v1": (a) =>
    uniqued(model("uniqued.v1", a, "layer") as Model<never, Floats2d>, {
      column: int("uniqued.v1", a, "column") ?? 0,
    }),
  "resizable.v1": (a) => {
    const resize = fn<ResizeLayer>("resizable.v1", a, "resize_layer");
    const layer = model("resizable.v1", a, "layer") as Model<Floats2d, Floats2d>;
    return resize === undefined ? resizable(layer) : resizable(layer, resize);
  },
  "bidirectional.v1": (a) => {
    const r2l = a.r2l === undefined || a.r2l === null
      ? undefined
      : model("bidirectional.v1", a, "r2l");
    return bidirectional(model("bidirectional.v1", a, "l2r") as never, r2l as never);
  },
  "expand_window.v1": (a) => expandWindow(int("expand_window.v1", a, "window_size") ?? 1),
  "Linear.v1": (a) => {
    const { nO, nI, initW, initB } = dense("Linear.v1", a);
    return Linear({ nO, nI, initW, initB });
  },
  "Relu.v1": (a) => Relu(dense("Relu.v1", a)),
  "Maxout.v1": (a) => Maxout({ ...dense("Maxout.v1", a), nP: int("Maxout.v1", a, "nP") ?? 3 }),
  "Mish.v1": (a) => Mish(dense("Mish.v1", a)),
  "Gelu.v1": (a) => Gelu(dense("Gelu.v1", a)),
  "Swish.v1": (a) => Swish(dense("Swish.v1", a)),
  "Sigmoid.v1": (a) => {
    const { nO, nI, initW, initB } = dense("Sigmoid.v1", a);
    return Sigmoid({ nO, nI, initW, initB });
  },
  "Softmax.v1": (a) => {
    const { nO, nI, initW, initB } = dense("Softmax.v1", a);
    return Softmax({ nO, nI, initW, initB });
  },
  "Softmax.v2": (a) => {
    const { nO, nI, initW, initB } = dense("Softmax.v2", a);
    return Softmax({
      nO,
      nI,
      initW,
      initB,
      normalizeOutputs: bool("Softmax.v2", a, "normalize_outputs"),
      temperature: float("Softmax.v2", a, "temperature") ?? 1,
    });
  },
  "Logistic.v1": () => Logistic(),
  "softmax_activation.v1": () => softmaxActivation(),
  "LayerNorm.v1": (a) => LayerNorm({ nI: int("LayerNorm.v1", a, "nI") }),
  "Dropout.v1": (a) => Dropout(float("Dropout.v1", a, "rate") ?? 0),
  "ParametricAttention.v1": (a) =>
    ParametricAttention({ nO: int("ParametricAttention.v1", a, "nO") }),
  "ParametricAttention.v2": (a) =>
    ParametricAttention({
      nO: int("ParametricAttention.v2", a, "nO"),
      // Thinc's v2 always has the child, a noop by default.
      keyTransform: a.key_transform === undefined || a.key_transform === null
        ? noop<Floats2d>()
        : model("ParametricAttention.v2", a, "key_transform") as Model<Floats2d, Floats2d>,
    }),
  "SparseLinear.v1": (a) =>
    SparseLinear({
      nO: int("SparseLinear.v1", a, "nO"),
      length: int("SparseLinear.v1", a, "length") ?? 2 ** 18,
      v1Indexing: true,
    }),
  "SparseLinear.v2": (a) =>
    SparseLinear({
      nO: int("SparseLinear.v2", a, "nO"),
      length: int("SparseLinear.v2", a, "length") ?? 2 ** 18,
    }),
  "LSTM.v1": (a) => {
    const { nO, nI, initW, initB } = dense("LSTM.v1", a);
    return LSTM({
      nO,
      nI,
      initW,
      initB,
      bi: bool("LSTM.v1", a, "bi") ?? false,
      depth: int("LSTM.v1", a, "depth") ?? 1,
      dropout: float("LSTM.v1", a, "dropout") ?? 0,
    });
  },
  "Embed.v1": (a) =>
    Embed({
      nO: int("Embed.v1", a, "nO"),
      nV: int("Embed.v1", a, "nV"),
      column: int("Embed.v1", a, "column"),
      initializer: fn<Initializer>("Embed.v1", a, "initializer"),
      dropout: float("Embed.v1", a, "dropout"),
    }),
  "HashEmbed.v1": (a) => {
    const nO = int("HashEmbed.v1", a, "nO");
    const nV = int("HashEmbed.v1", a, "nV");
    if (nO === null || nO === undefined || nV === null || nV === undefined) {
      throw new TypeError(`"HashEmbed.v1" needs integer arguments "nO" and "nV"`);
    }
    return HashEmbed({
      nO,
      nV,
      seed: int("HashEmbed.v1", a, "seed"),
      column: int("HashEmbed.v1", a, "column"),
      initializer: fn<Initializer>("HashEmbed.v1", a, "initializer"),
      dropout: float("HashEmbed.v1", a, "dropout"),
    });
  },
  "remap_ids.v1": (a) =>
    remapIds({
      mappingTable: (a.mapping_table ?? {}) as Record<string, number>,
      default: int("remap_ids.v1", a, "default") ?? 0,
    }),
  "remap_ids.v2": (a) =>
    remapIds({
      mappingTable: (a.mapping_table ?? {}) as Record<string, number>,
      default: int("remap_ids.v2", a, "default") ?? 0,
      column: int("remap_ids.v2", a, "column"),
    }),
  "reduce_sum.v1": () => reduceSum(),
  "reduce_mean.v1": () => reduceMean(),
  "reduce_max.v1": () => reduceMax(),
  "reduce_first.v1": () => reduceFirst(),
  "reduce_last.v1": () => reduceLast(),
  "list2array.v1": () => list2array(),
  "list2ragged.v1": () => list2ragged(),
  "ragged2list.v1": () => ragged2list(),
  "list2padded.v1": () => list2padded(),
  "padded2list.v1": () => padded2list(),
  "with_array.v1": (a) =>
    withArray(model("with_array.v1", a, "layer") as Model<Floats2d, Floats2d>, {
      pad: int("with_array.v1", a, "pad") ?? 0,
    }),
  "with_padded.v1": (a) => withPadded(model("with_padded.v1", a, "layer") as never),
  "with_ragged.v1": (a) => withRagged(model("with_ragged.v1", a, "layer") as never),
  "with_list.v1": (a) => withList(model("with_list.v1", a, "layer") as never),
  "with_flatten.v1": (a) =>
    withFlatten(model("with_flatten.v1", a, "layer") as Model<never[], unknown[]>),
  "with_cpu.v1": (a) => withCpu(model("with_cpu.v1", a, "layer")),
};

/**
 * The names this package registers in `registry.layers`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LAYER_NAMES } from "@weft/layers";
 * assert.ok(LAYER_NAMES.includes("Relu.v1"));
 * ```
 */
export const LAYER_NAMES: readonly string[] = Object.keys(BUILDERS);

/** The part of a registry that `registerLayers` fills. */
export interface LayerRegistryTarget {
  /** The `layers` namespace. */
  readonly layers: {
    /** Register a function under a name. */
    register(
      name: string,
      fn: (args: Record<string, unknown>) => unknown,
      options?: { readonly schema?: Readonly<Record<string, unknown>> },
    ): unknown;
  };
}

/**
 * Register every layer in `target.layers` (the shared `registry` already has them).
 *
 * @param target the registry to fill
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry, registry } from "@weft/config";
 * import { registerLayers } from "@weft/layers";
 * const fresh = createRegistry();
 * registerLayers(fresh);
 * assert.equal(fresh.layers.get("Relu.v1")({ nO: 3 }) !== undefined, true);
 * assert.ok(registry.layers.has("chain.v1"));
 * ```
 */
export function registerLayers(target: LayerRegistryTarget): void {
  for (const [name, build] of Object.entries(BUILDERS)) {
    const schema = LAYER_SCHEMAS[name];
    target.layers.register(name, build, schema === undefined ? {} : { schema });
  }
}

registerLayers(registry);
