/**
 * Public API of the training loop and pipeline saving/loading (re-exported by
 * `@weft/pipeline`).
 *
 * @module
 */
export * from "./events.ts";
export * from "./console_logger.ts";
export * from "./score_weights.ts";
export * from "./loop.ts";
export * from "./atomic_dir.ts";
export * from "./component_bytes.ts";
export * from "./pipeline_io.ts";
export * from "./init_nlp.ts";
export * from "./train.ts";
import "./registrations.ts";
