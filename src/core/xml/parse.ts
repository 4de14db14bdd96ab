/**
 * Text -> XmlNode[] with line/col on every element. fast-xml-parser does the
 * tokenising; we add what it leaves out: malformed-input checks its validator
 * misses (undefined entities, a bare '&' in attributes, several roots),
 * refusal of external or nested entities, and an iterative conversion of its
 * output (deep chains would overflow a recursive walk).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Attr, Loc, XmlElement, XmlNode } from './tree';

export interface XmlError {
  readonly code: 'xml-malformed' | 'xml-entity';
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

export type ParseResult =
  | { readonly ok: true; readonly nodes: readonly XmlNode[]; readonly root: XmlElement; readonly lines: LineIndex }
  | { readonly ok: false; readonly error: XmlError };

/** Maps offsets to 1-based line/col. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
  /** Offset of a 1-based line/col. */
  offset(line: number, col: number): number {
    return (this.starts[Math.max(0, Math.min(line, this.starts.length) - 1)] ?? 0) + col - 1;
  }
}

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Exported so the benchmark's floor parses exactly the way Strata does. */
export const PARSE_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  textNodeName: '#text',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  captureMetaData: true,
  jPath: false,
  maxNestedTags: 1_000_000,
  ignoreDeclaration: false,
  ignorePiTags: false,
} as const;
const parser = new XMLParser(PARSE_OPTIONS);
const META = XMLParser.getMetaDataSymbol();

type FxpNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export function parseXml(input: string): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const fail = (code: XmlError['code'], message: string, offset: number): ParseResult => ({
    ok: false,
    error: { code, message, ...lines.at(offset) },
  });

  const doctype = findDoctype(text);
  const declared = new Set<string>();
  if (doctype) {
    const bad = checkEntities(doctype.text, declared);
    if (bad) return fail('xml-entity', bad.message, doctype.start + bad.offset);
  }
  const v = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (v !== true) {
    const { msg, line, col } = v.err;
    return { ok: false, error: { code: 'xml-malformed', message: msg, line: line ?? 1, col: col ?? 1 } };
  }
  const amp = checkAmpersands(text, declared);
  if (amp) return fail('xml-malformed', amp.message, amp.offset);

  let raw: FxpNode[];
  try {
    raw = parser.parse(text) as FxpNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail(/entit/i.test(message) ? 'xml-entity' : 'xml-malformed', message, 0);
  }
  const nodes = convert(raw, lines);
  const roots = nodes.filter((n): n is XmlElement => n.kind === 'element');
  if (roots.length === 0) return fail('xml-malformed', 'The document has no root element.', 0);
  if (roots.length > 1) {
    return fail('xml-malformed', `Only one root element is allowed; found another <${roots[1]!.name}>.`, roots[1]!.loc?.start ?? 0);
  }
  const stray = nodes.find((n) => n.kind === 'text' && n.text.trim() !== '');
  if (stray) return fail('xml-malformed', 'Text outside the root element.', 0);
  const withDoctype: XmlNode[] = nodes.filter((n) => n.kind !== 'text');
  if (doctype) {
    const rootAt = withDoctype.indexOf(roots[0]!);
    withDoctype.splice(rootAt, 0, { kind: 'raw', text: doctype.text });
  }
  return { ok: true, nodes: withDoctype, root: roots[0]!, lines };
}

function findDoctype(text: string): { start: number; text: string } | null {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return null;
  const firstTag = text.search(/<[A-Za-z_]/);
  if (firstTag >= 0 && firstTag < start) return null;
  // The internal subset may contain '>' inside declarations; the DOCTYPE ends at ']>' when it has one.
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  let end = close;
  if (bracket >= 0 && bracket < close) {
    const sub = text.indexOf(']', bracket);
    end = sub < 0 ? -1 : text.indexOf('>', sub);
  }
  if (end < 0) return { start, text: text.slice(start) };
  return { start, text: text.slice(start, end + 1) };
}

/** Refuses external entities and entities that expand other entities (billion laughs). */
function checkEntities(doctype: string, declared: Set<string>): { message: string; offset: number } | null {
  const re = /<!ENTITY\s+(%\s+)?([^\s]+)\s+([^>]*)>/g;
  for (let m = re.exec(doctype); m; m = re.exec(doctype)) {
    const [, percent, name, body] = m as unknown as [string, string | undefined, string, string];
    if (percent) return { message: `Parameter entity '${name}' refused: Strata does not expand DTD entities.`, offset: m.index };
    if (/^(SYSTEM|PUBLIC)\b/.test(body.trim())) {
      return { message: `External entity '${name}' refused: it would read a file or URL.`, offset: m.index };
    }
    if (body.includes('&')) {
      return { message: `Entity '${name}' refers to other entities; nested expansion is refused.`, offset: m.index };
    }
    declared.add(name);
  }
  return null;
}

/** Every '&' outside comments, CDATA, PIs and the DOCTYPE must start a known reference. */
function checkAmpersands(text: string, declared: Set<string>): { message: string; offset: number } | null {
  const ref = /&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_:][\w.:-]*);/y;
  let i = 0;
  let amp = text.indexOf('&');
  while (i < text.length) {
    // Search for the next '&' only once we are past the last one found: rescanning at every tag is quadratic.
    if (amp >= 0 && amp < i) amp = text.indexOf('&', i);
    if (amp < 0) return null;
    const lt = text.indexOf('<', i);
    if (lt >= 0 && lt < amp) {
      const skip = skipMarkup(text, lt);
      if (skip > lt) {
        i = skip;
        continue;
      }
      i = lt + 1;
      continue;
    }
    ref.lastIndex = amp;
    const m = ref.exec(text);
    if (!m) return { message: "A bare '&' must be written as &amp;.", offset: amp };
    const name = m[1]!;
    if (!name.startsWith('#') && !PREDEFINED.has(name) && !declared.has(name)) {
      return { message: `Undefined entity &${name};.`, offset: amp };
    }
    i = amp + m[0].length;
  }
  return null;
}

function skipMarkup(text: string, lt: number): number {
  const pairs: [string, string][] = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']];
  for (const [open, close] of pairs) {
    if (text.startsWith(open, lt)) {
      const end = text.indexOf(close, lt + open.length);
      return end < 0 ? text.length : end + close.length;
    }
  }
  if (text.startsWith('<!DOCTYPE', lt)) {
    const d = findDoctype(text.slice(lt));
    return lt + (d ? d.text.length : 1);
  }
  return lt;
}

/** fast-xml-parser's ordered output -> XmlNode[], without recursion. */
function convert(top: FxpNode[], lines: LineIndex): XmlNode[] {
  const result: XmlNode[] = [];
  const stack: { src: FxpNode[]; i: number; out: XmlNode[]; finish?: () => void }[] = [{ src: top, i: 0, out: result }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.src.length) {
      stack.pop();
      frame.finish?.();
      continue;
    }
    const item = frame.src[frame.i++]!;
    const key = Object.keys(item).find((k) => k !== ':@')!;
    const value = item[key];
    if (key === '#text') {
      frame.out.push({ kind: 'text', text: String(value) });
    } else if (key === '#comment') {
      frame.out.push({ kind: 'comment', text: innerText(value) });
    } else if (key === '#cdata') {
      frame.out.push({ kind: 'cdata', text: innerText(value) });
    } else if (key.startsWith('?')) {
      frame.out.push({ kind: 'pi', name: key.slice(1), attrs: attrsOf(item) });
    } else {
      const meta = item[META as unknown as string] as { startIndex?: number; endIndex?: number } | undefined;
      const start = meta?.startIndex ?? 0;
      const loc: Loc = { start, end: meta?.endIndex ?? start, ...lines.at(start) };
      const children: XmlNode[] = [];
      const slot = frame.out.length;
      const out = frame.out;
      out.push({ kind: 'element', name: key, attrs: attrsOf(item), children, loc });
      stack.push({
        src: (value as FxpNode[]) ?? [],
        i: 0,
        out: children,
        finish: () => {
          const kept = dropLayoutWhitespace(children);
          if (kept !== children) out[slot] = { ...(out[slot] as XmlElement), children: kept };
        },
      });
    }
  }
  return result;
}

/** Indentation between child elements is layout, not content: the writer re-indents. */
function dropLayoutWhitespace(children: XmlNode[]): XmlNode[] {
  if (!children.some((c) => c.kind !== 'text')) return children;
  if (!children.some((c) => c.kind === 'text' && c.text.trim() === '')) return children;
  return children.filter((c) => c.kind !== 'text' || c.text.trim() !== '');
}

function innerText(value: unknown): string {
  const arr = value as { '#text'?: string }[];
  return arr.map((t) => t['#text'] ?? '').join('');
}

function attrsOf(item: FxpNode): Attr[] {
  const a = item[':@'];
  return a ? Object.entries(a).map(([k, v]) => [k, String(v)] as const) : [];
}
