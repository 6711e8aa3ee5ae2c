/**
 * Public API of the corpus readers (re-exported by `@weft/pipeline`).
 *
 * @module
 */

export type {
  DocMeta,
  DocRecord,
  EmptyNode,
  MultiwordToken,
  ReaderOptions,
  SpanOffset,
} from "./types.ts";
export { type LineParser, parseLines, readLines, splitLines, streamLines } from "./lines.ts";
export { checkBiluo, type IobScheme, iobToBiluo, type Locate } from "./biluo.ts";
export { type ConlluOptions, ConlluParser, parseConllu, readConllu } from "./conllu.ts";
export { recordText } from "./record_text.ts";
export { mergeMultiwordTokens } from "./multiword.ts";
export { type ExampleRecord, toExampleDict } from "./to_example_dict.ts";
export { type IobOptions, IobParser, parseIob, readIob } from "./iob.ts";
export { type JsonlOptions, JsonlParser, parseJsonl, readJsonl, type Tokenize } from "./jsonl.ts";
export { mergeRecords } from "./merge.ts";
export { type Converter, convertFile, type ConvertOptions, detectConverter } from "./convert.ts";
