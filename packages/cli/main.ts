/**
 * Command-line entry point. Training is not built yet.
 *
 * @module
 */
if (import.meta.main) {
  console.log("weft: training is not built yet (see the project issues)");
}
