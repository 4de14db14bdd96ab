/**
 * Where each node sits in an XML text: the `<disk>` element for a top, the
 * `<backingStore>` element for every other node. Used for selection sync
 * (cursor -> node, node -> text) and the inline position/id hints.
 */
import type { DomainDoc } from './model/types';
import { preorder } from './model/walk';
import { parseXml } from './xml/parse';
import type { XmlElement } from './xml/tree';
import { getAttr } from './xml/tree';
import { elementAt, findDiskPaths } from './io/diskPaths';

export interface NodeRange {
  readonly uid: string;
  readonly disk: number;
  /** Offsets of the whole element, and of the end of its start tag (where hints go). */
  readonly start: number;
  readonly end: number;
  readonly tagEnd: number;
}

/**
 * Ranges worked out elsewhere for a document and its text (a Web Worker that read them: it has parsed the text
 * already, and a 1 MB text takes the page ~0.2 s to parse again). Keyed by the document; used only for the same text.
 */
const primed = new WeakMap<DomainDoc, { readonly text: string; readonly ranges: readonly NodeRange[] }>();

export function primeRanges(doc: DomainDoc, text: string, ranges: readonly NodeRange[]): void {
  primed.set(doc, { text, ranges });
}

/** Ranges in `text` for the nodes of `doc`, matched by order; empty when the text does not parse. */
export function nodeRanges(doc: DomainDoc, text: string): NodeRange[] {
  const hit = primed.get(doc);
  if (hit && hit.text === text) return [...hit.ranges];
  return computeRanges(doc, text);
}

function computeRanges(doc: DomainDoc, text: string): NodeRange[] {
  const parsed = parseXml(text);
  if (!parsed.ok) return [];
  const paths = findDiskPaths(parsed.nodes);
  const out: NodeRange[] = [];
  paths.forEach((path, di) => {
    const disk = doc.disks[di];
    if (!disk) return;
    const nodes = preorder(disk.src).map((v) => v.node);
    const els = sourceElements(elementAt(parsed.nodes, path));
    els.forEach((e, i) => {
      const n = nodes[i];
      if (!n || !e.loc) return;
      out.push({ uid: n.uid, disk: di, start: e.loc.start, end: e.loc.end, tagEnd: startTagEnd(text, e.loc.start) });
    });
  });
  return out;
}

/** The disk element, then its non-terminator `<backingStore>` elements in pre-order. */
function sourceElements(diskEl: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [diskEl];
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    const kids = e.children.filter(
      (c): c is XmlElement => c.kind === 'element' && c.name === 'backingStore' && (c.children.length > 0 || getAttr(c, 'type') !== null),
    );
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

function startTagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return text.length;
}

/** The innermost node whose element contains `offset`. */
export function nodeAtOffset(ranges: readonly NodeRange[], offset: number): NodeRange | null {
  let best: NodeRange | null = null;
  for (const r of ranges) {
    if (offset >= r.start && offset <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
  }
  return best;
}
