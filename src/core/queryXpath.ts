/**
 * XPath 1.0 over an XML text (the `xpath` and `@xmldom/xmldom` packages).
 * Every match is reported as the text offset of its element's `<` (an
 * attribute counts as its element, a text or comment as its parent element),
 * so the caller can map it to a node by the same offsets `nodeRanges` uses.
 * Never throws: bad expressions and unparsable text come back as messages.
 */
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';

export interface XpathMatch {
  /** Offset of the `<` of the matched element (or of the element owning the matched attribute/text). */
  readonly offset: number;
  /** What matched: `<source>`, `@index`, `text()`, ... */
  readonly label: string;
}

export type XpathOutcome =
  | { readonly ok: true; readonly kind: 'nodes'; readonly matches: readonly XpathMatch[] }
  | { readonly ok: true; readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly ok: false; readonly message: string };

/** The DOM bits we read from xmldom's nodes (its own types are not the DOM lib's). */
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
  readonly parentNode: DomNode | null;
  readonly ownerElement?: DomNode | null;
}

const ELEMENT = 1;
const ATTRIBUTE = 2;

/** Evaluates `expr` over `text` (already newline-normalised). */
export function evaluateXpath(text: string, expr: string): XpathOutcome {
  let dom: unknown;
  try {
    dom = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
  } catch (e) {
    return { ok: false, message: `The XML does not parse: ${firstLine(e)}` };
  }
  let result: unknown;
  try {
    result = xpath.select(expr, dom as never);
  } catch (e) {
    return { ok: false, message: xpathErrorMessage(expr, e) };
  }
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
    return { ok: true, kind: 'value', value: result };
  }
  const nodes = (Array.isArray(result) ? result : result ? [result] : []) as DomNode[];
  const lineStarts = lineStartsOf(text);
  const matches: XpathMatch[] = [];
  for (const n of nodes) {
    const el = owningElement(n);
    if (!el || el.lineNumber === undefined || el.columnNumber === undefined) continue;
    const line = lineStarts[el.lineNumber - 1];
    if (line === undefined) continue;
    matches.push({ offset: line + el.columnNumber - 1, label: labelOf(n) });
  }
  return { ok: true, kind: 'nodes', matches };
}

function owningElement(n: DomNode): DomNode | null {
  if (n.nodeType === ELEMENT) return n;
  if (n.nodeType === ATTRIBUTE) return n.ownerElement ?? null;
  let p = n.parentNode;
  while (p && p.nodeType !== ELEMENT) p = p.parentNode;
  return p;
}

function labelOf(n: DomNode): string {
  if (n.nodeType === ELEMENT) return `<${n.nodeName}>`;
  if (n.nodeType === ATTRIBUTE) return `@${n.nodeName}`;
  if (n.nodeType === 3 || n.nodeType === 4) return 'text()';
  if (n.nodeType === 8) return 'comment()';
  return n.nodeName;
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // eslint-disable-next-line no-control-regex
  return msg.split('\n')[0]!.replace(/[\u0000-\u001f]/g, '').trim();
}

/** `XPath error: …`, with the offending token and its column when the parser only says "XPath parse error". */
export function xpathErrorMessage(expr: string, e: unknown): string {
  if (e instanceof RangeError) return 'XPath error: the document is too deep to evaluate this expression.';
  const msg = firstLine(e);
  if (msg !== 'XPath parse error') return `XPath error: ${msg}`;
  const at = syntaxErrorAt(expr);
  if (!at) return 'XPath error: the expression does not parse.';
  if (at.token === null) return `XPath error: Unexpected end of expression (after "${expr.trim()}")`;
  return `XPath error: Unexpected "${at.token}" at column ${at.column}`;
}

/** The LR tables of the pinned `xpath` package (0.0.34); read only to locate a syntax error. */
interface ParserTables {
  readonly actionTable: readonly string[];
  readonly actionTableNumber: readonly string[];
  readonly gotoTable: readonly string[];
  readonly productions: readonly (readonly number[])[];
  new (): { tokenize(s: string): [number[], string[]] };
}

/**
 * Replays the parser's own automaton (shifts and reductions only) to find
 * the first token it cannot accept. Null when the tables are not there.
 */
function syntaxErrorAt(expr: string): { token: string | null; column: number } | null {
  const P = (xpath as unknown as { XPathParser?: ParserTables }).XPathParser;
  if (!P?.actionTable || !P.actionTableNumber || !P.gotoTable || !P.productions) return null;
  try {
    const [types, values] = new P().tokenize(expr);
    const state = [0];
    let i = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const s = state[state.length - 1]!;
      const a = types[i]!;
      const act = P.actionTable[s]!.charAt(a - 1);
      const num = P.actionTableNumber[s]!.charCodeAt(a - 1) - 32;
      if (act === 's') {
        state.push(num);
        i++;
      } else if (act === 'r') {
        const [lhs, len] = P.productions[num]!;
        state.length -= len!;
        state.push(P.gotoTable[state[state.length - 1]!]!.charCodeAt(lhs! - 2) - 33);
      } else if (act === 'a') {
        return null;
      } else {
        if (i >= values.length - 1) return { token: null, column: expr.length + 1 };
        return { token: values[i]!, column: columnOfToken(expr, values, i) };
      }
    }
  } catch {
    // tokenizer errors are reported by xpath itself
  }
  return null;
}

/** 1-based column of token `i`, found by scanning the token values in order. */
function columnOfToken(expr: string, values: readonly string[], i: number): number {
  let at = 0;
  for (let k = 0; k <= i; k++) {
    const found = expr.indexOf(values[k]!, at);
    if (found < 0) return at + 1;
    if (k === i) return found + 1;
    at = found + values[k]!.length;
  }
  return at + 1;
}
