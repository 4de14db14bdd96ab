/**
 * XML 1.0 (fifth edition) character classes, as libxml2 applies them: the
 * legal characters (Char), names (Name, Nmtoken) and white space. Sticky
 * regular expressions do the scanning: V8 runs them natively, much faster
 * than a charCodeAt loop over megabytes of indentation.
 */

/* eslint-disable no-control-regex, no-misleading-character-class -- these classes are code-unit ranges by design: control characters, combining marks (U+0300..) and ZWJ are exactly what the XML grammar lists */

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_MORE = '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040';
/** [#x10000-#xEFFFF] as UTF-16 pairs (high surrogates D800..DB7F). */
const SUPPLEMENTARY = '[\\uD800-\\uDB7F][\\uDC00-\\uDFFF]';

export const NAME_RE = new RegExp(`(?:[${NAME_START}]|${SUPPLEMENTARY})(?:[${NAME_START}${NAME_MORE}]|${SUPPLEMENTARY})*`, 'y');
export const NMTOKEN_RE = new RegExp(`(?:[${NAME_START}${NAME_MORE}]|${SUPPLEMENTARY})+`, 'y');
export const WS_RE = /[ \t\r\n]*/y;
const NAME_START_RE = new RegExp(`(?:[${NAME_START}]|${SUPPLEMENTARY})`, 'y');

/**
 * Where libxml2's QName reader stops inside a legal XML Name, or -1. It
 * reads 'p:l:' and then a Name, so after a second colon a character that
 * may continue a name but not start one ('-', '.', a digit, …) is left over
 * and the tag is malformed for libxml2 (`<a:b:-/>`), though Name allows it.
 */
export function qnameStop(name: string): number {
  const c1 = name.indexOf(':');
  if (c1 <= 0) return -1;
  const c2 = name.indexOf(':', c1 + 1);
  if (c2 < 0 || c2 === c1 + 1 || c2 + 1 >= name.length) return -1;
  NAME_START_RE.lastIndex = c1 + 1;
  if (!NAME_START_RE.test(name)) return -1;
  NAME_START_RE.lastIndex = c2 + 1;
  return NAME_START_RE.test(name) ? -1 : c2 + 1;
}

/** Text content up to the next character that needs a look: markup, a reference, ']' (for ']]>'), CR, anything illegal. */
export const TEXT_RUN = /[^<&\]\0-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*/y;
/** Attribute values: the quote, '<', '&', every C0 control (white space is normalised, the rest is illegal). */
export const ATTR_RUN_APOS = /[^'<&\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*/y;
export const ATTR_RUN_QUOT = /[^"<&\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]*/y;
/** The first character XML does not allow (lone surrogates included), for comments, PIs, CDATA and literals. */
const ILLEGAL = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** End of the match of a sticky `re` at `at` (at itself when it matches nothing). */
export function runEnd(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  return re.test(s) ? re.lastIndex : at;
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Offset of the first illegal character in s[from, to), or -1. The slice keeps the search bounded (no quadratic rescans). */
export function firstIllegal(s: string, from: number, to: number): number {
  const m = ILLEGAL.exec(s.slice(from, to));
  return m ? from + m.index : -1;
}

/** Whether a code point is an XML Char. */
export function isCharCode(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Length (1 or 2) of the legal character at s[i], 0 when it is not one (used where a run regex stopped). */
export function legalCharLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 2 : 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return isCharCode(c) ? 1 : 0;
}

export function hex(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

/** Why the character at s[i] is refused, for a person. */
export function illegalCharMessage(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c === 0) return 'A NUL character (U+0000) is not allowed in XML; is this a binary file?';
  if (c >= 0xd800 && c <= 0xdfff) return `Unpaired surrogate ${hex(c)}: not a character, XML does not allow it.`;
  if (c === 0xfffe || c === 0xffff) return `${hex(c)} is not a character; XML does not allow it.`;
  return `Control character ${hex(c)} is not allowed in XML (not even as &#${c};).`;
}

/** A character as shown in messages: quoted when printable, else its code point. */
export function shown(s: string, i: number): string {
  if (i >= s.length) return 'the end of the document';
  const cp = s.codePointAt(i)!;
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) ? hex(cp) : `'${String.fromCodePoint(cp)}'`;
}
