/**
 * `@weft/architectures`: not built yet; see the project issues.
 *
 * @module
 */

/** The package's name, until it has real exports. */
export const PACKAGE_NAME = "@weft/architectures";
