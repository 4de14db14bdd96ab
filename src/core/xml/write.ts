/**
 * XmlNode[] -> text, the way `virsh dumpxml` prints: two-space indent,
 * single-quoted attributes, one element per line. Iterative, so a
 * 5,000-level chain cannot overflow the stack (fast-xml-parser's builder is
 * recursive and cubic when formatting deep trees).
 */
import type { Attr, XmlElement, XmlNode } from './tree';

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
/** '>' is always escaped, so ']]>' never appears in text; a CR (from &#13;) stays a CR only as a reference. */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};
export function escapeAttr(s: string): string {
  return s.replace(/[&<>'"\n\r\t]/g, (c) => ATTR_ESCAPES[c]!);
}

function attrText(attrs: readonly Attr[]): string {
  let s = '';
  for (const [k, v] of attrs) s += ` ${k}='${escapeAttr(v)}'`;
  return s;
}

/**
 * Strata always writes UTF-8 (the CLI and the browser's download), so a
 * declaration read from a UTF-16 or Latin-1 file must not keep saying so:
 * libxml2 rejects UTF-8 bytes labelled UTF-16 and misreads them labelled
 * ISO-8859-1. The rest of the declaration is written as parsed.
 */
export function declaredUtf8(data: string): string {
  return data.replace(/(\bencoding\s*=\s*)(["'])([^"']*)\2/, (m, pre: string, q: string, enc: string) => (/^utf-?8$/i.test(enc) ? m : `${pre}${q}UTF-8${q}`));
}

/** An element whose content is text (or mixed) is written on one line, exactly. */
function isInline(e: XmlElement): boolean {
  return e.children.some((c) => c.kind === 'text' || c.kind === 'cdata');
}

function leafText(n: XmlNode): string {
  switch (n.kind) {
    case 'text':
      return escapeText(n.text);
    case 'cdata':
      return `<![CDATA[${n.text}]]>`;
    case 'comment':
      return `<!--${n.text}-->`;
    case 'pi':
      return `<?${n.name}${n.data === '' ? '' : ' ' + (n.name === 'xml' ? declaredUtf8(n.data) : n.data)}?>`;
    case 'raw':
      return n.text;
    case 'element':
      return inlineElement(n);
  }
}

/** Writes an element and everything in it on one line (iteratively). */
function inlineElement(root: XmlElement): string {
  const parts: string[] = [];
  const stack: (XmlNode | string)[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(n);
    } else if (n.kind !== 'element') {
      parts.push(leafText(n));
    } else if (n.children.length === 0) {
      parts.push(`<${n.name}${attrText(n.attrs)}/>`);
    } else {
      parts.push(`<${n.name}${attrText(n.attrs)}>`);
      stack.push(`</${n.name}>`);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return parts.join('');
}

export function writeXml(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  type Item = { node: XmlNode; depth: number } | { close: string; depth: number };
  const stack: Item[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, depth: 0 });
  const pad: string[] = [''];
  const indent = (d: number): string => {
    while (pad.length <= d) pad.push(pad[pad.length - 1] + '  ');
    return pad[d]!;
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('close' in item) {
      out.push(`${indent(item.depth)}</${item.close}>`);
      continue;
    }
    const { node, depth } = item;
    if (node.kind !== 'element' || node.children.length === 0 || isInline(node)) {
      out.push(indent(depth) + leafText(node));
      continue;
    }
    out.push(`${indent(depth)}<${node.name}${attrText(node.attrs)}>`);
    stack.push({ close: node.name, depth });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1 });
  }
  return out.join('\n') + '\n';
}
