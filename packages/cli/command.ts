/**
 * The shape of a command.
 *
 * @module
 */
import type { CliContext } from "./context.ts";

/** One CLI command (`train`, `debug config`, ...). */
export interface Command {
  /** The command's words, e.g. `"debug config"`. */
  readonly name: string;
  /** One line for `weft --help`. */
  readonly summary: string;
  /** The usage line, without `weft`, e.g. `"evaluate MODEL DATA [--output FILE]"`. */
  readonly usage: string;
  /**
   * Run the command.
   *
   * @param argv the arguments after the command's words
   * @param ctx where to read and write
   * @returns the exit code
   */
  run(argv: readonly string[], ctx: CliContext): Promise<number>;
}
