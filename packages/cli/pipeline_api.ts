// TEMPORARY: the training API until @weft/pipeline's mod.ts re-exports it.
export {
  load,
  PIPELINE_FORMAT_VERSION,
  train,
  type TrainingEvent,
  WEFT_VERSION,
} from "../pipeline/training/exports.ts";
