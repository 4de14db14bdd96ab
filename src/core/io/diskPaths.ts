/**
 * Where the modelled disks sit in an XML tree, as child-index paths: found
 * without descending into a disk (chains can be thousands deep), read back,
 * and replaced copying only the elements along the path (the writer puts
 * each disk's new element in place and shares the rest of the tree).
 */
import type { XmlElement, XmlNode } from '../xml/tree';

/** Child-index paths to the modelled disks, without descending into disks. */
export function findDiskPaths(nodes: readonly XmlNode[]): number[][] {
  const paths: number[][] = [];
  const rootIdx = nodes.findIndex((n) => n.kind === 'element');
  const root = nodes[rootIdx] as XmlElement | undefined;
  if (!root) return paths;
  if (root.name === 'disk') return [[rootIdx]];
  const stack: { e: XmlElement; path: number[] }[] = [{ e: root, path: [rootIdx] }];
  while (stack.length > 0) {
    const { e, path } = stack.pop()!;
    const inDevices = e.name === 'devices';
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (c.kind !== 'element') continue;
      if (c.name === 'disk') {
        if (inDevices) paths.push([...path, i]);
        continue; // never walk into a disk: chains can be thousands deep
      }
      stack.push({ e: c, path: [...path, i] });
    }
  }
  return paths.sort(comparePaths);
}

function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function elementAt(nodes: readonly XmlNode[], path: readonly number[]): XmlElement {
  let cur = nodes[path[0]!] as XmlElement;
  for (let i = 1; i < path.length; i++) cur = cur.children[path[i]!] as XmlElement;
  return cur;
}

/** Replaces the element at `path`, copying only the elements along the path. */
export function replaceAt(nodes: readonly XmlNode[], path: readonly number[], value: XmlElement): XmlNode[] {
  const out = nodes.slice();
  const chain: XmlElement[] = [];
  let cur = nodes[path[0]!] as XmlElement;
  for (let i = 1; i < path.length; i++) {
    chain.push(cur);
    cur = cur.children[path[i]!] as XmlElement;
  }
  let next: XmlElement = value;
  for (let i = chain.length - 1; i >= 0; i--) {
    const children = chain[i]!.children.slice();
    children[path[i + 1]!] = next;
    next = { ...chain[i]!, children };
  }
  out[path[0]!] = next;
  return out;
}
