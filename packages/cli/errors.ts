/**
 * User errors: printed as one message, without a stack trace.
 *
 * @module
 */

/**
 * A command was called wrongly (missing argument, unknown option): the
 * message is printed with the command's usage line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "@weft/cli";
 * const e = new UsageError("Missing argument CONFIG");
 * assert.ok(e instanceof TypeError);
 * assert.equal(e.name, "UsageError");
 * ```
 */
export class UsageError extends TypeError {
  /**
   * Creates the error.
   *
   * @param message what is wrong, in sentence case
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
