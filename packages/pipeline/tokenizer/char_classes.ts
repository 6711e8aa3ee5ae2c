/**
 * Character classes for the tokenizer rules, as `u`-mode regex fragments.
 *
 * spaCy lists scripts by hand; Unicode property escapes give the same classes (and more
 * scripts) in a few characters.
 *
 * @module
 */

/** Letters and combining marks (for use inside `[...]`). */
export const ALPHA: string = "\\p{L}\\p{M}";
/** Lowercase letters (inside `[...]`). */
export const ALPHA_LOWER: string = "\\p{Ll}";
/** Uppercase and titlecase letters (inside `[...]`). */
export const ALPHA_UPPER: string = "\\p{Lu}\\p{Lt}";

/** Escapes a literal string for a `u`-mode regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Quotation marks and brackets that behave like quotes, one entry per character. */
export const QUOTE_CHARS: string[] = [..."'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉⟦⟧"];
/** The quote characters as a class body (inside `[...]`). */
export const QUOTES: string = QUOTE_CHARS.map(escapeRegex).join("");

/** Punctuation split off words; multi-character entries first. */
export const PUNCT_ITEMS: string[] = [
  "……",
  ..."…,:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪",
];
/** Single punctuation characters as a class body (inside `[...]`). */
export const PUNCT: string = PUNCT_ITEMS.filter((p) => p.length === 1).map(escapeRegex).join("");

/** Dash-like characters (inside `[...]`). */
export const HYPHEN_CHARS: string = "\\-–—‐‑~";
/** Hyphen sequences as an alternation body. */
export const HYPHENS: string = ["---", "--", "——", "-", "–", "—", "‐", "‑", "~"].map(escapeRegex)
  .join("|");

/** Currency: every currency symbol plus a few dollar spellings, as an alternation body. */
export const CURRENCY: string = "US\\$|C\\$|A\\$|\\p{Sc}";

/** Units that follow numbers (`5km`, `10kg`), as an alternation body. */
export const UNITS: string = [
  "km²",
  "km³",
  "km",
  "m²",
  "m³",
  "dm²",
  "dm³",
  "dm",
  "cm²",
  "cm³",
  "cm",
  "mm²",
  "mm³",
  "mm",
  "ha",
  "µm",
  "nm",
  "yd",
  "in",
  "ft",
  "kg",
  "g",
  "mg",
  "µg",
  "t",
  "lb",
  "oz",
  "m/s",
  "km/h",
  "kmh",
  "mph",
  "hPa",
  "Pa",
  "mbar",
  "mb",
  "MB",
  "kb",
  "KB",
  "gb",
  "GB",
  "tb",
  "TB",
  "T",
  "G",
  "M",
  "K",
  "%",
  "км",
  "км²",
  "км³",
  "м",
  "м²",
  "м³",
  "дм",
  "дм²",
  "дм³",
  "см",
  "см²",
  "см³",
  "мм",
  "мм²",
  "мм³",
  "нм",
  "кг",
  "г",
  "мг",
  "м/с",
  "км/ч",
  "кПа",
  "Па",
  "мбар",
  "Кб",
  "КБ",
  "кб",
  "Мб",
  "МБ",
  "мб",
  "Гб",
  "ГБ",
  "гб",
  "Тб",
  "ТБ",
  "тб",
].sort((a, b) => b.length - a.length).map(escapeRegex).join("|");

/**
 * Pictographs: an emoji with its modifiers and zero-width-joiner sequence, a flag (two
 * regional indicators), or any other symbol (`\p{So}`), as one alternation body.
 */
export const ICONS: string =
  "\\p{RI}\\p{RI}|\\p{Extended_Pictographic}(?:[\\u{1F3FB}-\\u{1F3FF}\\uFE0F\\u20E3]|\\u200D\\p{Extended_Pictographic}\\uFE0F?)*|\\p{So}";
