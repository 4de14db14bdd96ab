/**
 * The small pieces of XML: character data, attribute values, comments,
 * CDATA sections and processing instructions. Each starts at the cursor,
 * checks what libxml2 checks, and returns its content decoded (references
 * resolved, line ends normalised to LF as XML 1.0 §2.11 says).
 */
import { ATTR_RUN_APOS, ATTR_RUN_QUOT, TEXT_RUN, WS_RE, illegalCharMessage, legalCharLength, runEnd, shown } from './chars';
import type { Scanner } from './scanner';
import type { XmlPI } from './tree';

/** CR LF and lone CR become LF (§2.11); most text has no CR, so this is usually a no-op. */
export function normalizeEol(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/** Length of the character at j where a run stopped (a surrogate pair, say), or a failure if XML does not allow it. */
function charLength(sc: Scanner, j: number): number {
  const n = legalCharLength(sc.s, j);
  if (n === 0) sc.fail(illegalCharMessage(sc.s, j), j);
  return n;
}

export interface TextRun {
  readonly text: string;
  /** Only white space: layout between elements, unless the element has real text. */
  readonly blank: boolean;
}

/** Character data from the cursor to the next '<' (or the end). */
export function readText(sc: Scanner): TextRun {
  const s = sc.s;
  const from = sc.pos;
  // Fast path: indentation between tags (most of a virsh-formatted file).
  const w = runEnd(WS_RE, s, from);
  if (w === s.length || s.charCodeAt(w) === 0x3c) {
    sc.pos = w;
    return { text: normalizeEol(s.slice(from, w)), blank: true };
  }
  let out = '';
  let start = from;
  for (;;) {
    const j = runEnd(TEXT_RUN, s, start);
    if (j >= s.length || s.charCodeAt(j) === 0x3c) {
      out += s.slice(start, j);
      sc.pos = j;
      return { text: out, blank: /^[ \t\n\r]*$/.test(out) };
    }
    out += s.slice(start, j);
    const c = s.charCodeAt(j);
    if (c === 0x26 /* & */) {
      sc.pos = j;
      out += sc.reference(false);
      start = sc.pos;
    } else if (c === 0x5d /* ] */) {
      if (s.startsWith(']]>', j)) sc.fail("']]>' is not allowed in text (write ]]&gt;).", j);
      out += ']';
      start = j + 1;
    } else if (c === 0x0d) {
      out += '\n';
      start = s.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
    } else {
      const n = charLength(sc, j);
      out += s.slice(j, j + n);
      start = j + n;
    }
  }
}

/** A quoted attribute value at the cursor, normalised as XML 1.0 §3.3.3 says for CDATA attributes. */
export function readAttrValue(sc: Scanner, owner: string): string {
  const s = sc.s;
  const open = sc.pos;
  const q = s.charCodeAt(open);
  if (q !== 0x27 && q !== 0x22) sc.fail(`The value of ${owner} must be quoted ('…' or "…"), found ${shown(s, open)}.`);
  const re = q === 0x27 ? ATTR_RUN_APOS : ATTR_RUN_QUOT;
  let out = '';
  let start = open + 1;
  for (;;) {
    const j = runEnd(re, s, start);
    out += s.slice(start, j);
    if (j >= s.length) sc.fail(`The value of ${owner} is not closed (missing ${q === 0x27 ? "'" : '"'}).`, open);
    const c = s.charCodeAt(j);
    if (c === q) {
      sc.pos = j + 1;
      return out;
    }
    if (c === 0x3c) {
      const hint = /[\n\r]/.test(s.slice(open, j)) ? `; or is the closing quote of ${owner} missing?` : '';
      sc.fail(`Attribute value contains '<' (write &lt;${hint}).`, j);
    }
    if (c === 0x26) {
      sc.pos = j;
      out += sc.reference(true);
      start = sc.pos;
    } else if (c === 0x0d) {
      out += ' ';
      start = s.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
    } else if (c === 0x09 || c === 0x0a) {
      out += ' ';
      start = j + 1;
    } else {
      const n = charLength(sc, j);
      out += s.slice(j, j + n);
      start = j + n;
    }
  }
}

/** `<!-- … -->` at the cursor: its text. */
export function readComment(sc: Scanner): string {
  const lt = sc.pos;
  const end = sc.s.indexOf('--', lt + 4);
  if (end < 0) sc.fail("This comment is not closed (missing '-->').", lt);
  if (sc.s.charCodeAt(end + 2) !== 0x3e) sc.fail("'--' is not allowed inside a comment.", end);
  sc.checkChars(lt + 4, end);
  sc.pos = end + 3;
  return normalizeEol(sc.s.slice(lt + 4, end));
}

/** `<![CDATA[ … ]]>` at the cursor: its text. */
export function readCData(sc: Scanner): string {
  const lt = sc.pos;
  const end = sc.s.indexOf(']]>', lt + 9);
  if (end < 0) sc.fail("This CDATA section is not closed (missing ']]>').", lt);
  sc.checkChars(lt + 9, end);
  sc.pos = end + 3;
  return normalizeEol(sc.s.slice(lt + 9, end));
}

/** `<?target data?>` at the cursor (never the XML declaration: that is only at offset 0, see decl.ts). */
export function readPI(sc: Scanner): XmlPI {
  const lt = sc.pos;
  sc.pos += 2;
  const name = sc.tryName();
  if (name === null) sc.fail(`Expected a processing-instruction name after '<?', found ${shown(sc.s, sc.pos)}.`);
  if (name.toLowerCase() === 'xml') {
    sc.fail(
      name === 'xml'
        ? lt === 0
          ? "The XML declaration needs a version: <?xml version='1.0'?>."
          : 'The XML declaration <?xml …?> is only allowed at the very start of the document.'
        : `'<?${name}' is reserved: processing-instruction names may not be 'xml' in any case.`,
      lt,
    );
  }
  if (sc.at('?>')) {
    sc.pos += 2;
    return { kind: 'pi', name, data: '' };
  }
  sc.needWs(`After the processing-instruction name '<?${name}'`);
  const from = sc.pos;
  const end = sc.s.indexOf('?>', from);
  if (end < 0) sc.fail(`The processing instruction <?${name} is not closed (missing '?>').`, lt);
  sc.checkChars(from, end);
  sc.pos = end + 2;
  return { kind: 'pi', name, data: normalizeEol(sc.s.slice(from, end)) };
}
