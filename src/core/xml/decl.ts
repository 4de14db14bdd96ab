/**
 * The XML declaration `<?xml version='1.0' encoding='…' standalone='…'?>`,
 * checked as libxml2 does (fixed order, version 1.x, an EncName, yes/no).
 * It is kept as a PI named 'xml' whose data is rebuilt from its three parts
 * with double quotes (white space and quoting inside it mean nothing), so it
 * is written back the same way every time (the encoding: see write.ts).
 */
import { shown } from './chars';
import { charsetOf } from './encodings';
import type { Scanner } from './scanner';

export interface XmlDecl {
  readonly data: string;
  readonly encoding: string | null;
  readonly standalone: boolean;
}

/** Whether a declared encoding is one libxml2 handles natively (no blank is then needed before standalone: its quirk). */
const NATIVE = /^utf-?(8|16)$/i;

function quoted(sc: Scanner, what: string, syntax: RegExp): string {
  sc.ws();
  sc.expect('=', `After '${what}' in the XML declaration`);
  sc.ws();
  const q = sc.code();
  if (q !== 0x22 && q !== 0x27) sc.fail(`The ${what} in the XML declaration must be quoted, found ${shown(sc.s, sc.pos)}.`);
  syntax.lastIndex = sc.pos + 1;
  const m = syntax.exec(sc.s);
  const end = m ? syntax.lastIndex : sc.pos + 1;
  if (sc.code(end) !== q) sc.fail(`Invalid ${what} in the XML declaration at ${shown(sc.s, end)}.`, end);
  const value = sc.s.slice(sc.pos + 1, end);
  sc.pos = end + 1;
  return value;
}

/** At '<?xml' + white space, offset 0 (after any BOM). */
export function readXmlDecl(sc: Scanner): XmlDecl {
  sc.pos += 5;
  sc.ws();
  if (!sc.at('version')) sc.fail("The XML declaration must start with version='1.0'.");
  sc.pos += 7;
  const version = quoted(sc, 'version', /[0-9]\.[0-9]*/y);
  if (!version.startsWith('1.')) sc.fail(`XML version '${version}' is not supported; use version='1.0'.`, sc.pos - version.length - 1);
  let encoding: string | null = null;
  let standalone = false;
  let standaloneText: string | null = null;
  let gap = sc.ws();
  if (!sc.at('?>')) {
    if (gap === 0) sc.fail(`Expected white space or '?>' in the XML declaration, found ${shown(sc.s, sc.pos)}.`);
    if (sc.at('encoding')) {
      sc.pos += 8;
      const at = sc.pos;
      encoding = quoted(sc, 'encoding', /[A-Za-z][A-Za-z0-9._-]*/y);
      if (encoding === '') sc.fail('The encoding name in the XML declaration is empty or invalid.', at);
      // Whatever form the text came in, no reader (libxml2, Strata's file reader) could have decoded an unknown encoding.
      if (charsetOf(encoding) === null) sc.fail(`Unsupported encoding '${encoding}' in the XML declaration.`, at + 1);
      gap = sc.ws();
      if (gap === 0 && !sc.at('?>') && !NATIVE.test(encoding)) sc.fail(`Expected white space or '?>' after the encoding, found ${shown(sc.s, sc.pos)}.`);
    }
    if (sc.at('standalone')) {
      sc.pos += 10;
      const value = quoted(sc, 'standalone value', /yes|no/y);
      if (value !== 'yes' && value !== 'no') sc.fail("standalone must be 'yes' or 'no'.");
      standalone = value === 'yes';
      standaloneText = value;
      sc.ws();
    }
  }
  if (!sc.at('?>')) {
    sc.fail(`The XML declaration must end with '?>'; it may hold only version, encoding and standalone, in that order (found ${shown(sc.s, sc.pos)}).`);
  }
  sc.pos += 2;
  const sd = standaloneText === null ? '' : ` standalone="${standaloneText}"`;
  return { data: `version="${version}"${encoding === null ? '' : ` encoding="${encoding}"`}${sd}`, encoding, standalone };
}
