/** Short names for a document: a file name to download it as, a line to list its session under. */
import type { DomainDoc } from '../core/model/types';
import type { XmlElement, XmlNode } from '../core/xml/tree';
import { isElement } from '../core/xml/tree';
import { derive } from '../core/numbers/derive';

/** `<domain><name>`, or null (a bare `<disk>`, or no name). */
export function domainName(tree: readonly XmlNode[]): string | null {
  const root = tree.find((n): n is XmlElement => isElement(n));
  if (!root || root.name !== 'domain') return null;
  const name = root.children.find((c): c is XmlElement => isElement(c) && c.name === 'name');
  const text = name?.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('').trim();
  return text ? text : null;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** How the recent-sessions list names a document: the domain's name, else the first disk and its top image. */
export function describeDoc(doc: DomainDoc): { readonly title: string; readonly detail: string } {
  const { disks } = derive(doc);
  const first = disks[0];
  const top = first?.nodes[0];
  const file = top?.source ? top.source.split('/').pop() || top.source : top?.isQuorum ? 'quorum' : null;
  const title = domainName(doc.tree) ?? (first ? `${first.target}${file ? `: ${file}` : ''}` : 'No disks');
  const nodes = disks.reduce((n, d) => n + d.nodes.length, 0);
  return { title, detail: `${plural(disks.length, 'disk')}, ${plural(nodes, 'node')}` };
}
