/**
 * An XML canonicaliser independent of src/core (tests must not check the
 * writer with the writer): fast-xml-parser with preserveOrder, whitespace-only
 * text between elements dropped, attributes sorted. Comments, CDATA,
 * processing instructions and unknown elements stay, so losing one shows.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Decodes numeric references too, so '&#10;' and a literal character compare equal.
  htmlEntities: true,
  maxNestedTags: 100_000,
  jPath: false,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

/** A canonical text form, one node per line with its depth: diffs stay readable in test output. */
export function canonicalXml(text: string): string {
  const lines: string[] = [];
  // Iterative with an explicit work list so deep chains cannot overflow.
  const work: { node: Node; depth: number }[] = [];
  const push = (nodes: Node[], depth: number): void => {
    const kept = significant(nodes);
    for (let i = kept.length - 1; i >= 0; i--) work.push({ node: kept[i]!, depth });
  };
  push(parser.parse(text) as Node[], 0);
  while (work.length > 0) {
    const { node, depth } = work.pop()!;
    const key = Object.keys(node).find((k) => k !== ':@')!;
    const pad = ' '.repeat(depth);
    const value = node[key];
    if (key === '#text') lines.push(`${pad}text ${JSON.stringify(String(value))}`);
    else if (key === '#comment' || key === '#cdata') lines.push(`${pad}${key} ${JSON.stringify(inner(value))}`);
    else {
      const attrs = Object.entries(node[':@'] ?? {})
        .map(([k, v]) => `${k}=${JSON.stringify(String(v))}`)
        .sort();
      lines.push(`${pad}<${key}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
      if (Array.isArray(value)) push(value as Node[], depth + 1);
    }
  }
  return lines.join('\n');
}

/** Whitespace-only text is layout when it sits between other nodes; text alone in an element is content. */
function significant(nodes: Node[]): Node[] {
  if (nodes.every((n) => '#text' in n)) return nodes;
  return nodes.filter((n) => !('#text' in n) || String(n['#text']).trim() !== '');
}

function inner(value: unknown): string {
  return (value as { '#text'?: unknown }[]).map((t) => String(t['#text'] ?? '')).join('');
}
