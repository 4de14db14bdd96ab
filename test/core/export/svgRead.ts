/** Reading an exported SVG back for the tests, with Strata's own XML parser: groups, texts, the viewBox. */
import { parseXml } from '../../../src/core/xml/parse';
import type { XmlElement, XmlNode } from '../../../src/core/xml/tree';
import { getAttr, isElement } from '../../../src/core/xml/tree';
import type { Box } from '../../../src/core/export/graphScene';

export function parseSvg(svg: string): XmlElement {
  const r = parseXml(svg);
  if (!r.ok) throw new Error(`SVG is not well-formed: line ${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.root;
}

/** Every element below `e` (iteratively), in document order. */
export function elements(e: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlNode[] = [...e.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

export function textOf(e: XmlElement): string {
  return e.children.map((c) => (c.kind === 'text' ? c.text : isElement(c) ? textOf(c) : '')).join('');
}

export const hasClass = (e: XmlElement, cls: string): boolean => (getAttr(e, 'class') ?? '').split(' ').includes(cls);

/** The texts of class `cls` below `e`. */
export const texts = (e: XmlElement, cls: string): string[] => elements(e).filter((x) => x.name === 'text' && hasClass(x, cls)).map(textOf);

export function viewBox(root: XmlElement): Box {
  const [x, y, w, h] = (getAttr(root, 'viewBox') ?? '').split(' ').map(Number);
  return { x: x!, y: y!, w: w!, h: h! };
}

/** `text` is `full`, or `full` cut by middleEllipsis: a piece of it (its start, or its file name's), one …, and its end. */
export function isShortFormOf(text: string, full: string): boolean {
  if (text === full) return true;
  const at = text.indexOf('…');
  if (at < 0 || text.indexOf('…', at + 1) >= 0) return false;
  const head = text.slice(0, at);
  const tail = text.slice(at + 1);
  const from = full.indexOf(head);
  return from >= 0 && full.endsWith(tail) && from + head.length <= full.length - tail.length && head.length + tail.length < full.length;
}
