/**
 * Text -> XmlNode[] with line/col on every element: Strata's own small XML
 * 1.0 non-validating parser (see docs/decisions.md, "XML parser"). It is
 * linear and iterative, keeps every legal name and character verbatim,
 * decodes references, and refuses exactly what libxml2 (`xmllint --noout
 * --huge`) refuses, plus the entity forms it is unsafe to expand. Namespaces
 * are not interpreted: like `xmllint`, a namespace error (an undeclared
 * prefix) does not make a document malformed, and names are kept as written.
 */
import { illegalCharMessage, isWs, legalCharLength, shown } from './chars';
import { readXmlDecl } from './decl';
import { readDoctype } from './dtd';
import { readElement } from './element';
import { LineIndex } from './lines';
import { readComment, readPI } from './markup';
import { Scanner, XmlFail, type XmlErrorCode } from './scanner';
import type { XmlElement, XmlNode } from './tree';

export { LineIndex } from './lines';

export interface XmlError {
  readonly code: XmlErrorCode;
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

export type ParseResult =
  | { readonly ok: true; readonly nodes: readonly XmlNode[]; readonly root: XmlElement; readonly lines: LineIndex }
  | { readonly ok: false; readonly error: XmlError };

/** Never throws: every string gets a result. Offsets and line/col are in `input` without a leading BOM. */
export function parseXml(input: string): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineIndex(text);
  try {
    const { nodes, root } = readDocument(new Scanner(text), lines);
    return { ok: true, nodes, root, lines };
  } catch (e) {
    if (e instanceof XmlFail) return { ok: false, error: { code: e.code, message: e.message, ...lines.at(Math.min(e.offset, text.length)) } };
    // Not a parse error (say, a string too long to build): still a result, never a stack trace.
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'xml-malformed', message: `Strata could not read this document: ${why}`, line: 1, col: 1 } };
  }
}

/** prolog (declaration, comments, PIs, one DOCTYPE), the root element, then comments and PIs. */
function readDocument(sc: Scanner, lines: LineIndex): { nodes: XmlNode[]; root: XmlElement } {
  const s = sc.s;
  const nodes: XmlNode[] = [];
  if (sc.at('<?xml') && isWs(sc.code(5))) {
    const decl = readXmlDecl(sc);
    sc.standalone = decl.standalone;
    nodes.push({ kind: 'pi', name: 'xml', data: decl.data });
  }
  let doctype = false;
  let root: XmlElement | null = null;
  while (root === null) {
    sc.ws();
    if (sc.pos >= s.length) sc.fail(s.trim() === '' ? 'The document is empty.' : 'The document has no root element.');
    if (sc.at('<?')) nodes.push(readPI(sc));
    else if (sc.at('<!--')) nodes.push({ kind: 'comment', text: readComment(sc) });
    else if (sc.at('<!DOCTYPE')) {
      if (doctype) sc.fail('Only one DOCTYPE is allowed.');
      doctype = true;
      nodes.push({ kind: 'raw', text: readDoctype(sc) });
    } else if (sc.at('<!')) {
      sc.fail("Expected the root element; '<!' here must start a comment or the DOCTYPE.");
    } else if (sc.code() === 0x3c) {
      root = readElement(sc, lines);
      nodes.push(root);
    } else {
      sc.fail(strayText(s, sc.pos, 'before the root element'));
    }
  }
  for (;;) {
    sc.ws();
    if (sc.pos >= s.length) return { nodes, root };
    if (sc.at('<?')) nodes.push(readPI(sc));
    else if (sc.at('<!--')) nodes.push({ kind: 'comment', text: readComment(sc) });
    else if (sc.at('<!DOCTYPE')) sc.fail('The DOCTYPE must come before the root element.');
    else if (sc.code() === 0x3c) {
      sc.pos++;
      const name = sc.tryName();
      sc.fail(name ? `Only one root element is allowed; found another <${name}>.` : `Unexpected ${shown(s, sc.pos - 1)} after the root element.`, sc.pos - 1 - (name?.length ?? 0));
    } else sc.fail(strayText(s, sc.pos, 'after the root element'));
  }
}

function strayText(s: string, at: number, where: string): string {
  if (legalCharLength(s, at) === 0) return illegalCharMessage(s, at);
  if (s.charCodeAt(at) === 0xfeff) return 'A second byte-order mark (U+FEFF): only one is allowed, at the very start.';
  return `Text ${where} (${shown(s, at)}): everything must be inside the root element.`;
}
