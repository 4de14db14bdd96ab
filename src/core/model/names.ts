/** What the model says of a disk and a node, in one string each: target, alias, device, source text. */
import type { DiskDef, SrcNode } from './types';
import { isMark } from './types';
import type { XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';

function diskChild(disk: DiskDef, name: string): XmlElement | null {
  for (const c of disk.children) if (!isMark(c) && isElement(c) && c.name === name) return c;
  return null;
}

/** `<target dev>`; a disk without one is called `disk<N>` so addresses stay printable. */
export function diskTarget(disk: DiskDef, index = 0): string {
  return getAttr(diskChild(disk, 'target'), 'dev') ?? `disk${index}`;
}

export function diskAlias(disk: DiskDef): string | null {
  return getAttr(diskChild(disk, 'alias'), 'name');
}

export function diskDevice(disk: DiskDef): string | null {
  for (const [k, v] of disk.attrs) if (k === 'device') return v;
  return null;
}

/** One string for a node's source: a path, a device, `pool/volume`, or `protocol://host/name`. Also read for a `<mirror>`'s layers. */
export function sourceText(node: Pick<SrcNode, 'type' | 'source'>): string | null {
  const s = node.source;
  if (!s) return null;
  const a = (k: string): string | null => getAttr(s, k);
  switch (node.type) {
    case 'file':
      // The proposal's `path=` is a file path too (kept as written).
      return a('file') ?? a('path');
    case 'block':
      return a('dev');
    case 'dir':
      return a('dir');
    case 'volume': {
      const pool = a('pool');
      const vol = a('volume');
      return pool !== null || vol !== null ? `${pool ?? ''}/${vol ?? ''}` : null;
    }
    case 'network': {
      const host = s.children.find((c): c is XmlElement => isElement(c) && c.name === 'host');
      const hostName = getAttr(host, 'name') ?? getAttr(host, 'socket') ?? '';
      const port = getAttr(host, 'port');
      return `${a('protocol') ?? 'network'}://${hostName}${port ? `:${port}` : ''}/${a('name') ?? ''}`;
    }
    case 'nvme': {
      const addr = s.children.find((c): c is XmlElement => isElement(c) && c.name === 'address');
      const hex = (k: string, w: number): string => (getAttr(addr, k) ?? '0').replace(/^0x/, '').padStart(w, '0');
      return `nvme://${hex('domain', 4)}:${hex('bus', 2)}:${hex('slot', 2)}.${hex('function', 1)}/${a('namespace') ?? '1'}`;
    }
    default:
      return a('file') ?? a('dev') ?? a('dir') ?? a('path') ?? a('name');
  }
}

/** The attribute that holds a path-like source for a given type (used by editors and operations). */
export function sourcePathAttr(type: string | null): string {
  if (type === 'block') return 'dev';
  if (type === 'dir') return 'dir';
  return 'file';
}
