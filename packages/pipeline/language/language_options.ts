/**
 * The options of `Language`: its constructor's, `addPipe`'s, and the handle
 * that `selectPipes` returns.
 *
 * @module
 */
import type { Vocab } from "../vocab/vocab.ts";
import type { Language } from "./language.ts";
import type { TokenizerLike } from "./pipe.ts";

/** Options of the {@linkcode Language} constructor. */
export interface LanguageOptions {
  /** The language code (default `"xx"`). */
  lang?: string;
  /** The vocabulary (default: a new one for `lang`). */
  vocab?: Vocab;
  /** The tokenizer, or a function making it for this pipeline (default: the language's rules). */
  tokenizer?: TokenizerLike | ((nlp: Language) => TokenizerLike);
  /** The default batch size of `pipe` (default 1000). */
  batchSize?: number;
}

/** Where {@linkcode Language.addPipe} puts a component and how it configures it. */
export interface AddPipeOptions {
  /** The component name (default: the factory name). */
  name?: string;
  /** Insert before this component (name or index). */
  before?: string | number;
  /** Insert after this component (name or index). */
  after?: string | number;
  /** Insert first. */
  first?: boolean;
  /** Insert last (the default). */
  last?: boolean;
  /** Settings for the factory, keyed as in the config. */
  config?: Record<string, unknown>;
}

/** Handle returned by {@linkcode Language.selectPipes}: `restore()` re-enables what it disabled. */
export interface DisabledPipes {
  /** The names disabled. */
  readonly names: readonly string[];
  /** Re-enable them. */
  restore(): void;
}
