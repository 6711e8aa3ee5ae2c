/**
 * A URL matcher following spaCy's `URL_PATTERN` (itself after Diego Perini's
 * pattern): optional scheme, optional user info, a public IPv4 address or a host
 * name with a lower-case top-level domain, optional port and path.
 *
 * @module
 */

const IPV4 = "(?!(?:10|127)(?:\\.\\d{1,3}){3})" +
  "(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})" +
  "(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})" +
  "(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])" +
  "(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}" +
  "(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))";
const LABEL = "(?:[A-Za-z0-9\\u00a1-\\uffff][A-Za-z0-9\\u00a1-\\uffff_-]{0,62})?" +
  "[A-Za-z0-9\\u00a1-\\uffff]\\.";
const HOST = `(?:${LABEL})+(?:\\p{Ll}{2,63})`;

/** Matches a whole string that looks like a URL (spaCy's `URL_MATCH`). */
export const URL_MATCH: RegExp = new RegExp(
  "^(?:[\\p{L}\\p{N}_+\\-.]{2,}://)?(?:\\S+(?::\\S*)?@)?" +
    `(?:${IPV4}|${HOST})(?::\\d{2,5})?(?:[/?#]\\S*)?$`,
  "u",
);
