/**
 * spaCy's `ConsoleLogger`: the training table (`E  #  LOSS TAGGER  TAG_ACC  SCORE`)
 * written through an injected writer, and optionally a JSONL log file.
 *
 * @module
 */
import type { TrainingInfo } from "./events.ts";

/** Where a logger writes: the CLI passes the console; tests pass a collector. */
export interface LoggerIO {
  /**
   * Write one line (without its newline).
   *
   * @param text the line
   */
  write(text: string): void;
  /** Whether the output is a terminal (progress bars are only drawn there). */
  isTty?: boolean;
}

/** What a logger needs from the pipeline: its components and `[training]` settings. */
export interface LoggedPipeline {
  /** The enabled components. */
  readonly pipeline: readonly (readonly [string, unknown])[];
  /** The pipeline's config (its `training` section is read). */
  readonly config: Record<string, unknown>;
}

/** A set-up logger: `logStep(null)` is called after steps without evaluation. */
export interface TrainingLogger {
  /**
   * Log one step.
   *
   * @param info the step's info, or `null` when it had no evaluation
   */
  logStep(info: TrainingInfo | null): void;
  /** Flush and close outputs. */
  finalize(): void;
}

/** A registered logger (`@loggers`): set up with the pipeline and the writer. */
export type LoggerSetup = (nlp: LoggedPipeline, io: LoggerIO) => TrainingLogger;

/** Options of {@linkcode consoleLogger} (spaCy's `ConsoleLogger.v3` arguments). */
export interface ConsoleLoggerOptions {
  /** `"train"`, `"eval"` or `null` (the CLI draws bars from training events). */
  progressBar?: "train" | "eval" | null;
  /** Write the table (default true). */
  consoleOutput?: boolean;
  /** A JSONL file to write one line per evaluation to (not overwritten when it exists). */
  outputFile?: string | null;
}

/**
 * The components whose losses are logged: those with a model and `update`
 * (spaCy's `is_trainable`).
 *
 * @param nlp the pipeline
 * @returns their names
 * @example Components with a model and update
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainablePipeNames } from "@weft/pipeline";
 * const nlp = { pipeline: [["a", { model: {}, update() {} }], ["b", {}]] as [string, unknown][] };
 * assert.deepEqual(trainablePipeNames(nlp), ["a"]);
 * ```
 */
export function trainablePipeNames(
  nlp: { readonly pipeline: readonly (readonly [string, unknown])[] },
): string[] {
  return nlp.pipeline.filter(([, p]) => isTrainable(p)).map(([n]) => n);
}

function isTrainable(p: unknown): boolean {
  if (p === null || typeof p !== "object") return false;
  const pipe = p as { model?: unknown; update?: unknown; isTrainable?: unknown };
  if (pipe.isTrainable === false) return false;
  return typeof pipe.update === "function" && pipe.model !== undefined && pipe.model !== null &&
    typeof pipe.model !== "boolean";
}

/**
 * The header, widths and alignments of the training table (spaCy's `setup_table`):
 * names longer than `maxWidth` are cut to `maxWidth - 3` characters plus `...`,
 * upper-cased; every column is right-aligned in its rows.
 *
 * @param cols the column names
 * @param widths the minimum widths
 * @param maxWidth the longest name kept whole (default 13)
 * @returns the header cells and the widths
 * @example Long names are cut
 * ```ts
 * import assert from "node:assert/strict";
 * import { setupTable } from "@weft/pipeline";
 * assert.deepEqual(setupTable(["E", "Loss textcat_multilabel"], [3, 8]), {
 *   header: ["E", "LOSS TEXTC..."],
 *   widths: [3, 13],
 * });
 * ```
 */
export function setupTable(
  cols: readonly string[],
  widths: readonly number[],
  maxWidth = 13,
): { header: string[]; widths: number[] } {
  const header: string[] = [];
  const out: number[] = [];
  cols.forEach((c, i) => {
    const col = c.length > maxWidth ? `${c.slice(0, maxWidth - 3)}...` : c;
    header.push(col.toUpperCase());
    out.push(Math.max(col.length, widths[i] ?? 0));
  });
  return { header, widths: out };
}

/**
 * One table row as wasabi's `row` writes it: cells padded to their widths
 * (left-aligned unless `align` is `"r"`), joined by `spacing` spaces.
 *
 * @param cells the cells
 * @param widths the widths
 * @param align `"l"` or `"r"` for every cell
 * @param spacing spaces between cells (default 2)
 * @returns the row
 * @example Left- and right-aligned rows
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableRow } from "@weft/pipeline";
 * assert.equal(tableRow(["E", "#"], [3, 6]), "E    #     ");
 * assert.equal(tableRow(["0", "200"], [3, 6], "r"), "  0     200");
 * ```
 */
export function tableRow(
  cells: readonly (string | number)[],
  widths: readonly number[],
  align: "l" | "r" = "l",
  spacing = 2,
): string {
  return cells.map((c, i) => {
    const s = String(c);
    const w = widths[i] ?? 0;
    return align === "r" ? s.padStart(w) : s.padEnd(w);
  }).join(" ".repeat(spacing));
}

/** Python's `"{0:.2f}".format(x)`. */
function fixed2(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const s = x.toFixed(2);
  return s === "-0.00" ? "-0.00" : s;
}

/**
 * The score columns of a `[training] score_weights` table: those not `null`.
 *
 * @param weights the score weights
 * @returns the column names, in order
 * @example Null weights are hidden
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreColumns } from "@weft/pipeline";
 * assert.deepEqual(scoreColumns({ tag_acc: 1, pos_acc: 0, tag_micro_p: null }), ["tag_acc", "pos_acc"]);
 * ```
 */
export function scoreColumns(weights: Record<string, unknown>): string[] {
  return Object.entries(weights).filter(([, v]) => v !== null && v !== undefined).map(([k]) => k);
}

/**
 * spaCy's console logger (`spacy.ConsoleLogger.v1`..`v3`): a table with one row
 * per evaluation (epoch, step, the loss of each trainable component, each shown
 * score ×100 except `speed`, and the weighted score), and optionally a JSONL
 * file with `epoch`, `step`, `losses`, `scores`, `score` per evaluation.
 *
 * @param options progress bar, console output, output file
 * @returns the logger setup
 * @throws {RangeError} for a progress bar other than `"train"`, `"eval"` or `null`
 * @example The table spaCy prints
 * ```ts
 * import assert from "node:assert/strict";
 * import { consoleLogger } from "@weft/pipeline";
 * const lines: string[] = [];
 * const nlp = {
 *   pipeline: [["tagger", { model: {}, update() {} }]] as [string, unknown][],
 *   config: { training: { score_weights: { tag_acc: 1, pos_acc: null } } },
 * };
 * const log = consoleLogger()(nlp, { write: (t) => lines.push(t) });
 * log.logStep({ epoch: 0, step: 200, score: 0.9, otherScores: { tag_acc: 0.9 }, losses: { tagger: 12.345 }, checkpoints: [], seconds: 1, words: 10 });
 * log.finalize();
 * assert.deepEqual(lines, [
 *   "E    #       LOSS TAGGER  TAG_ACC  SCORE ",
 *   "---  ------  -----------  -------  ------",
 *   "  0     200        12.35    90.00    0.90",
 * ]);
 * ```
 */
export function consoleLogger(options: ConsoleLoggerOptions = {}): LoggerSetup {
  const { progressBar = null, consoleOutput = true, outputFile = null } = options;
  if (progressBar !== null && progressBar !== "train" && progressBar !== "eval") {
    throw new RangeError(
      `ConsoleLogger: unknown progress_bar "${progressBar}" (expected "train", "eval" or null)`,
    );
  }
  return (nlp, io) => {
    let file: Deno.FsFile | null = null;
    if (outputFile) {
      let exists = false;
      try {
        Deno.statSync(outputFile);
        exists = true;
      } catch { /* a new file */ }
      if (exists) {
        io.write(`⚠ Saving logs is disabled because ${outputFile} already exists.`);
      } else {
        const dir = outputFile.replace(/[\\/][^\\/]*$/, "");
        if (dir !== outputFile && dir !== "") Deno.mkdirSync(dir, { recursive: true });
        io.write(`ℹ Saving results to ${outputFile}`);
        file = Deno.openSync(outputFile, { write: true, createNew: true });
      }
    }
    const logged = trainablePipeNames(nlp);
    const training = (nlp.config.training ?? {}) as Record<string, unknown>;
    const scoreCols = scoreColumns((training.score_weights ?? {}) as Record<string, unknown>);
    const { header, widths } = setupTable(
      ["E", "#", ...logged.map((p) => `Loss ${p}`), ...scoreCols, "Score"],
      [3, 6, ...logged.map(() => 8), ...scoreCols.map(() => 6), 6],
    );
    if (consoleOutput) {
      io.write(tableRow(header, widths));
      io.write(tableRow(widths.map((w) => "-".repeat(w)), widths));
    }
    const encoder = new TextEncoder();
    return {
      logStep(info) {
        if (info === null) return;
        const losses: Record<string, number> = {};
        for (const p of logged) losses[p] = Number(info.losses[p] ?? 0);
        const scores: Record<string, number> = {};
        for (const col of scoreCols) {
          const raw = info.otherScores?.[col] ?? 0;
          if (typeof raw !== "number") {
            throw new TypeError(
              `Score "${col}" is a ${typeof raw}, not a number: it cannot be a score weight`,
            );
          }
          scores[col] = col === "speed" ? raw : raw * 100;
        }
        const score = Number(info.score ?? 0);
        if (file !== null) {
          const line = JSON.stringify({
            epoch: info.epoch,
            step: info.step,
            losses,
            scores,
            score,
          });
          file.writeSync(encoder.encode(line + "\n"));
        }
        if (consoleOutput) {
          const cells = [
            info.epoch,
            info.step,
            ...logged.map((p) => fixed2(losses[p]!)),
            ...scoreCols.map((c) => fixed2(scores[c]!)),
            fixed2(score),
          ];
          io.write(tableRow(cells, widths, "r"));
        }
      },
      finalize() {
        file?.close();
        file = null;
      },
    };
  };
}
