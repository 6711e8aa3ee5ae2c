/**
 * Argument schemas of the registered layers, following Thinc's signatures (names,
 * types, defaults), so that `registry.fill` adds defaults and `registry.resolve`
 * reports unknown, missing or mistyped arguments.
 *
 * @module
 */
import { type FunctionSchema, schema as s } from "@weft/config";
import { Model } from "./model.ts";

const optInt = () => s.optional(s.int());
const optFloat = () => s.optional(s.float());
const callable = () => s.optional(s.custom("Callable", (v) => typeof v === "function"));
const model = () => s.instance(Model);
const layers = () => s.list(s.instance(Model)).default([]);

const widths: FunctionSchema = {
  nO: optInt(),
  nI: optInt(),
  init_W: callable(),
  init_b: callable(),
};
const dense: FunctionSchema = {
  ...widths,
  dropout: optFloat(),
  normalize: s.bool().default(false),
};

/** The schema of each registered layer name. */
export const LAYER_SCHEMAS: Readonly<Record<string, FunctionSchema>> = {
  "chain.v1": { "*": layers() },
  "concatenate.v1": { "*": layers() },
  "add.v1": { "*": layers() },
  "noop.v1": { "*": layers() },
  "clone.v1": { orig: model(), n: s.int() },
  "residual.v1": { layer: model() },
  "uniqued.v1": { layer: model(), column: s.int().default(0) },
  "resizable.v1": { layer: model(), resize_layer: callable() },
  "bidirectional.v1": { l2r: model(), r2l: s.optional(model()) },
  "expand_window.v1": { window_size: s.int().default(1) },
  "Linear.v1": widths,
  "Relu.v1": dense,
  "Maxout.v1": { ...dense, nP: s.int().default(3) },
  "Mish.v1": dense,
  "Gelu.v1": dense,
  "Swish.v1": dense,
  "Sigmoid.v1": widths,
  "Softmax.v1": widths,
  "Softmax.v2": {
    ...widths,
    normalize_outputs: s.bool().default(true),
    temperature: s.float().default(1),
  },
  "Logistic.v1": {},
  "softmax_activation.v1": {},
  "LayerNorm.v1": { nI: optInt() },
  "Dropout.v1": { rate: s.float().default(0) },
  "ParametricAttention.v1": { nO: optInt() },
  "ParametricAttention.v2": { key_transform: s.optional(model()), nO: optInt() },
  "SparseLinear.v1": { nO: optInt(), length: s.int().default(2 ** 18) },
  "SparseLinear.v2": { nO: optInt(), length: s.int().default(2 ** 18) },
  "LSTM.v1": {
    ...widths,
    bi: s.bool().default(false),
    depth: s.int().default(1),
    dropout: s.float().default(0),
  },
  "Embed.v1": {
    nO: optInt(),
    nV: optInt(),
    column: optInt(),
    initializer: callable(),
    dropout: optFloat(),
  },
  "HashEmbed.v1": {
    nO: s.int(),
    nV: s.int(),
    seed: optInt(),
    column: optInt(),
    initializer: callable(),
    dropout: optFloat(),
  },
  "remap_ids.v1": {
    mapping_table: s.dict(s.int()).default({}),
    default: s.int().default(0),
    dtype: s.str().default("i"),
  },
  "remap_ids.v2": {
    mapping_table: s.optional(s.dict(s.int())),
    default: s.int().default(0),
    column: optInt(),
  },
  "reduce_sum.v1": {},
  "reduce_mean.v1": {},
  "reduce_max.v1": {},
  "reduce_first.v1": {},
  "reduce_last.v1": {},
  "list2array.v1": {},
  "list2ragged.v1": {},
  "ragged2list.v1": {},
  "list2padded.v1": {},
  "padded2list.v1": {},
  "with_array.v1": { layer: model(), pad: s.int().default(0) },
  "with_padded.v1": { layer: model() },
  "with_ragged.v1": { layer: model() },
  "with_list.v1": { layer: model() },
  "with_flatten.v1": { layer: model() },
  "with_cpu.v1": { layer: model() },
};
