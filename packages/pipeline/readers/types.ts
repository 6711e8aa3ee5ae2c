/**
 * The plain record every corpus reader yields: spaCy's `Example.from_dict` keys.
 *
 * @module
 */

/**
 * A multiword (surface) token that covers several syntactic words, e.g. French
 * "du" = "de" + "le" or English "don't" = "do" + "n't" in CoNLL-U.
 */
export interface MultiwordToken {
  /** Index of the first syntactic word it covers. */
  start: number;
  /** Index one past the last syntactic word it covers. */
  end: number;
  /** The surface form as it appears in the text. */
  form: string;
}

/** A CoNLL-U empty node (`8.1`): not a word of the record, kept so nothing is lost. */
export interface EmptyNode {
  /** The node's ID column, e.g. `"8.1"`. */
  id: string;
  /** The ten columns of the line, unchanged. */
  columns: string[];
}

/** A span as character offsets: `[start, end, label]` or `[start, end, label, kbId]`. */
export type SpanOffset = [number, number, string] | [number, number, string, string];

/** Where a record came from and what else its source said about it. */
export interface DocMeta {
  /** The file name given to the reader (or `"<input>"`). */
  file?: string;
  /** 1-based line number where the record starts in that file. */
  line?: number;
  /** CoNLL-U / UNER `# sent_id`. */
  sentId?: string;
  /** The most recent `# newdoc id` (CoNLL-U) or document number (`-DOCSTART-`). */
  docId?: string;
  /** Comment lines other than `sent_id`, `text` and `newdoc`, without the leading `#`. */
  comments?: string[];
  /** CoNLL-U empty nodes, skipped as words but kept here. */
  emptyNodes?: EmptyNode[];
  /** Any other fields of a JSONL record (its `meta` object). */
  extra?: Record<string, unknown>;
}

/**
 * One document (or sentence) as plain data, keyed like spaCy's `Example.from_dict`.
 *
 * `heads` are absolute word indices (a root points at itself), `entities` are BILUO tags,
 * `sent_starts` uses 1 for a sentence start and 0 otherwise. Words inside a multiword token
 * have `spaces[i] = false` except the last, which carries the surface token's space.
 */
export interface DocRecord {
  /** The words (CoNLL-U: the syntactic words). */
  words: string[];
  /** Whether each word is followed by a space. */
  spaces: boolean[];
  /** Fine-grained tags (CoNLL-U XPOS, or UPOS when XPOS is `_`). */
  tags?: string[];
  /** Universal POS tags (`""` when missing). */
  pos?: string[];
  /** Morphological features in UD `Feat=Val|...` form (`""` when missing). */
  morphs?: string[];
  /** Lemmas. */
  lemmas?: string[];
  /** Absolute head index of each word; a root is its own head. */
  heads?: number[];
  /** Dependency labels (`root` is written `ROOT`, as spaCy does). */
  deps?: string[];
  /** 1 where a sentence starts, 0 elsewhere. */
  sent_starts?: number[];
  /** Entity annotation as BILUO tags (`"O"`, `"B-PER"`, `"I-PER"`, `"L-PER"`, `"U-LOC"`). */
  entities?: string[];
  /** Text categories and their scores (1 for gold labels). */
  cats?: Record<string, number>;
  /** Span groups as character offsets into the words-and-spaces text: `[start, end, label, kbId?]`. */
  spans?: Record<string, SpanOffset[]>;
  /** The original text when the source gives it (CoNLL-U `# text`, JSONL `text`). */
  text?: string;
  /** Surface tokens covering several words (CoNLL-U multiword tokens). */
  multiwordTokens?: MultiwordToken[];
  /** Provenance and leftovers. */
  meta?: DocMeta;
}

/** Options shared by the readers. */
export interface ReaderOptions {
  /** The file name to use in records and error messages. */
  file?: string;
}
