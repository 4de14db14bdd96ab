/**
 * Node ids and counters (domain.md §2). Fresh numbering is per dialect:
 * proposal = per disk, post-order from 0; libvirt = one counter per domain
 * from 1, disks last-to-first, each disk pre-order. A running document keeps
 * its ids and its counters continue after the largest.
 */
import type { DiskDef, DomainDoc, SrcNode } from '../model/types';
import { mapTree, postorder, preorder } from '../model/walk';

function withIds(root: SrcNode, ids: Map<SrcNode, number>): SrcNode {
  return mapTree(root, (n, original) => {
    const id = ids.get(original) ?? null;
    return n.id === id ? n : { ...n, id };
  });
}

export function freshNumbering(doc: DomainDoc): DomainDoc {
  if (doc.dialect === 'proposal') {
    const disks = doc.disks.map((d): DiskDef => {
      const ids = new Map<SrcNode, number>();
      postorder(d.src).forEach((n, i) => ids.set(n, i));
      return { ...d, src: withIds(d.src, ids), counter: ids.size };
    });
    return { ...doc, disks, counter: 1 };
  }
  let next = 1;
  const assigned: Map<SrcNode, number>[] = doc.disks.map(() => new Map());
  for (let i = doc.disks.length - 1; i >= 0; i--) {
    for (const v of preorder(doc.disks[i]!.src)) assigned[i]!.set(v.node, next++);
  }
  const disks = doc.disks.map((d, i) => ({ ...d, src: withIds(d.src, assigned[i]!), counter: 0 }));
  return { ...doc, disks, counter: next };
}

function maxId(root: SrcNode): number {
  let max = -1;
  for (const v of preorder(root)) if (v.node.id !== null && v.node.id > max) max = v.node.id;
  return max;
}

/** Counters that continue after the largest id: per disk (proposal) and per domain (libvirt). */
export function countersFromIds(doc: DomainDoc): DomainDoc {
  let domainMax = 0;
  const disks = doc.disks.map((d) => {
    const m = maxId(d.src);
    domainMax = Math.max(domainMax, m);
    return { ...d, counter: Math.max(d.counter, m + 1) };
  });
  return { ...doc, disks, counter: Math.max(doc.counter, domainMax + 1) };
}

/** The next id for a new node of disk `diskIndex`, and the document with its counter advanced. */
export function takeId(doc: DomainDoc, diskIndex: number): [number, DomainDoc] {
  if (doc.dialect === 'libvirt') return [doc.counter, { ...doc, counter: doc.counter + 1 }];
  const disk = doc.disks[diskIndex]!;
  const disks = doc.disks.slice();
  disks[diskIndex] = { ...disk, counter: disk.counter + 1 };
  return [disk.counter, { ...doc, disks }];
}

/** The counter a disk's new nodes draw from, as `inspect` reports it. */
export function counterOf(doc: DomainDoc, diskIndex: number): number {
  return doc.dialect === 'libvirt' ? doc.counter : doc.disks[diskIndex]!.counter;
}
