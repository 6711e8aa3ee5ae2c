/**
 * The URL pattern used as `urlMatch`.
 *
 * @module
 */

// Host labels may hold any non-ASCII letter; the top-level domain must be lowercase letters so
// that "end.The" or "U.S." are not taken for host names and can still be split.
const host = "(?:(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_\\-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{Ll}{2,63})";
// Dotted IPv4 addresses, except private and loopback ranges (as spaCy does).
const ip = "(?!(?:10|127)(?:\\.\\d{1,3}){3})(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})" +
  "(?!172\\.(?:1[6-9]|2\\d|3[01])(?:\\.\\d{1,3}){2})" +
  "(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}" +
  "\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4])";

/**
 * Matches a whole URL, e-mail address or bare host name: optional scheme (`https://`),
 * optional `user[:password]@`, a host or public IPv4 address, optional port and path.
 */
export const URL_PATTERN: string = "(?:[\\w+.\\-]{2,}://)?" + "(?:\\S+(?::\\S*)?@)?" +
  `(?:${ip}|${host})` + "(?::\\d{2,5})?" + "(?:[/?#]\\S*)?";
