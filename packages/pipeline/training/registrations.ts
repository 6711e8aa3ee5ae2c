/**
 * Registers the training names spaCy's configs use: `spacy.ConsoleLogger.v1`
 * to `v3` (`@loggers`), `spacy.copy_from_base_model.v1` (`@callbacks`) and
 * `spacy.first_longest_spans_filter.v1` (`@misc`).
 *
 * @module
 */
import { registry, schema as s } from "@weft/config";
import { consoleLogger } from "./console_logger.ts";
// The readers and batchers that [corpora] and [training] name.
import "../corpus/registrations.ts";

type Args = Record<string, unknown>;

const outputFile = s.optional(s.str());

registry.loggers.register(
  "spacy.ConsoleLogger.v1",
  (a: Args) => consoleLogger({ progressBar: a.progress_bar ? "eval" : null }),
  { schema: { progress_bar: s.bool().default(false) } },
);

registry.loggers.register(
  "spacy.ConsoleLogger.v2",
  (a: Args) =>
    consoleLogger({
      progressBar: a.progress_bar ? "eval" : null,
      consoleOutput: a.console_output as boolean,
      outputFile: (a.output_file ?? null) as string | null,
    }),
  {
    schema: {
      progress_bar: s.bool().default(false),
      console_output: s.bool().default(true),
      output_file: outputFile,
    },
  },
);

registry.loggers.register(
  "spacy.ConsoleLogger.v3",
  (a: Args) =>
    consoleLogger({
      progressBar: (a.progress_bar ?? null) as "train" | "eval" | null,
      consoleOutput: a.console_output as boolean,
      outputFile: (a.output_file ?? null) as string | null,
    }),
  {
    schema: {
      progress_bar: s.optional(s.str()),
      console_output: s.bool().default(true),
      output_file: outputFile,
    },
  },
);

registry.callbacks.register(
  "spacy.copy_from_base_model.v1",
  (a: Args) => {
    const tokenizer = a.tokenizer ?? null;
    const vocab = a.vocab ?? null;
    return (nlp: unknown) => {
      if (tokenizer !== null || vocab !== null) {
        throw new TypeError(
          "spacy.copy_from_base_model.v1: copying the tokenizer or vocab of a base pipeline " +
            "is not supported yet (set tokenizer and vocab to null)",
        );
      }
      return nlp;
    };
  },
  { schema: { tokenizer: s.optional(s.str()), vocab: s.optional(s.str()) } },
);

/** A span as the spans filter needs it. */
interface SpanLike {
  readonly start: number;
  readonly end: number;
}

registry.misc.register(
  "spacy.first_longest_spans_filter.v1",
  () => <T extends SpanLike>(spans: Iterable<T>): T[] => {
    // spaCy's filter_spans: longest first, earliest start on ties; no shared tokens.
    const sorted = [...spans].sort((a, b) =>
      (b.end - b.start) - (a.end - a.start) || a.start - b.start
    );
    const seen = new Set<number>();
    const out: T[] = [];
    for (const span of sorted) {
      // As spaCy, only the first and last token are checked against taken ones.
      if (seen.has(span.start) || seen.has(span.end - 1)) continue;
      out.push(span);
      for (let i = span.start; i < span.end; i++) seen.add(i);
    }
    return out.sort((a, b) => a.start - b.start);
  },
  { schema: {} },
);
