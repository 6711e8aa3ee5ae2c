/**
 * spaCy's `like_num`, `like_email` and `like_url` lexical attributes.
 *
 * @module
 */
import { isAlpha, isDigit } from "./lex_attrs.ts";
import { URL_MATCH } from "./url_pattern.ts";

const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/;
const TLDS = new Set(
  ("com org edu gov net mil aero asia biz cat coop info int jobs mobi museum name pro tel " +
    "travel xyz icu xxx ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf " +
    "bg bh bi bj bm bn bo br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cs cu " +
    "cv cx cy cz dd de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge " +
    "gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir " +
    "is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma " +
    "mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no " +
    "np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd " +
    "se sg sh si sj sk sl sm sn so sr ss st su sv sy sz tc td tf tg th tj tk tl tm tn to tp " +
    "tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw").split(" "),
);

/**
 * spaCy's language-independent `like_num`: digits, possibly signed, with `,` and `.`
 * removed, or a digit fraction.
 *
 * @param text the string
 * @returns whether it resembles a number
 * @example Signs, separators and fractions
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeNum } from "@weft/pipeline";
 * assert.equal(likeNum("-1,000.5"), true);
 * assert.equal(likeNum("3/4"), true);
 * assert.equal(likeNum("ten"), false);
 * ```
 */
export function likeNum(text: string): boolean {
  let t = /^[+\-±~]/.test(text) ? text.slice(1) : text;
  t = t.replaceAll(",", "").replaceAll(".", "");
  if (isDigit(t)) return true;
  const parts = t.split("/");
  return parts.length === 2 && isDigit(parts[0]!) && isDigit(parts[1]!);
}

/**
 * spaCy's `like_email`: starts with something shaped like an e-mail address.
 *
 * @param text the string
 * @returns whether it resembles an e-mail address
 * @example An address
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeEmail } from "@weft/pipeline";
 * assert.equal(likeEmail("ann@example.org"), true);
 * ```
 */
export function likeEmail(text: string): boolean {
  return EMAIL.test(text);
}

/**
 * spaCy's `like_url`: a scheme or `www.` prefix, a known top-level domain, a
 * trailing slash after the domain, or a match of spaCy's URL pattern.
 *
 * @param text the string
 * @returns whether it functions like a URL
 * @example A known top-level domain
 * ```ts
 * import assert from "node:assert/strict";
 * import { likeUrl } from "@weft/pipeline";
 * assert.equal(likeUrl("example.com"), true);
 * assert.equal(likeUrl("hello."), false);
 * ```
 */
export function likeUrl(text: string): boolean {
  if (text.startsWith("http://") || text.startsWith("https://")) return true;
  if (text.startsWith("www.") && text.length >= 5) return true;
  if (text.length === 0 || text.startsWith(".") || text.endsWith(".")) return false;
  if (text.includes("@") || !text.includes(".")) return false;
  const tld = text.slice(text.lastIndexOf(".") + 1).split(":")[0]!;
  if (tld.endsWith("/")) return true;
  if (isAlpha(tld) && TLDS.has(tld)) return true;
  return URL_MATCH.test(text);
}
