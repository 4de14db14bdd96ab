/**
 * Node ids and counters (domain.md §2). Fresh numbering is per dialect:
 * proposal = per disk, post-order from 0; libvirt = one counter per domain
 * from 1, disks last-to-first, each disk pre-order. A running document keeps
 * its ids and its counters continue after the largest id in use: the nodes',
 * a running job's (`<mirror>`), and a qcow2 data file's (`<dataStore>`),
 * because libvirt gave each of them an index from the same counter.
 */
import type { DiskDef, DomainDoc, SrcNode } from '../model/types';
import { mapTree, postorder, preorder } from '../model/walk';
import { mirrorIds } from '../jobs/mirror';
import type { XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';
import { idsAreFresh, rules } from '../dialect/rules';

function withIds(root: SrcNode, ids: Map<SrcNode, number>): SrcNode {
  return mapTree(root, (n, original) => {
    const id = ids.get(original) ?? null;
    return n.id === id ? n : { ...n, id };
  });
}

export function freshNumbering(doc: DomainDoc): DomainDoc {
  if (rules(doc).counter === 'disk') {
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

/**
 * The document as the rules of its dialect and state make it. An offline
 * libvirt document has no ids of its own: libvirt numbers the nodes when the
 * guest starts, so the ids shown are always that fresh numbering, whatever
 * edits came before (a snapshot drafted offline becomes `[1]` at start, not
 * the next counter value). Every other document keeps its ids.
 */
export function settleIds(doc: DomainDoc): DomainDoc {
  if (!idsAreFresh(doc)) return doc;
  const fresh = freshNumbering(doc);
  const same = fresh.counter === doc.counter && fresh.disks.every((d, i) => d.src === doc.disks[i]!.src);
  return same ? doc : fresh;
}

/** `<source index>` of every `<dataStore>` under a node's `<source>` (libvirt numbers a qcow2 data file too). */
function dataStoreIds(node: SrcNode): number[] {
  const out: number[] = [];
  const scan = (parent: XmlElement | null): void => {
    for (const c of parent?.children ?? []) {
      if (!isElement(c) || c.name !== 'dataStore') continue;
      for (const s of c.children) {
        if (!isElement(s) || s.name !== 'source') continue;
        const t = (getAttr(s, 'index') ?? '').trim();
        if (/^[1-9]\d{0,14}$/.test(t)) out.push(Number(t));
      }
    }
  };
  scan(node.source);
  return out;
}

/** Every id disk `d` holds: its nodes', its job's and its data files'. */
function idsOfDisk(doc: DomainDoc, di: number): number[] {
  const d = doc.disks[di]!;
  const out: number[] = [];
  for (const v of preorder(d.src)) {
    if (v.node.id !== null) out.push(v.node.id);
    out.push(...dataStoreIds(v.node));
  }
  out.push(...mirrorIds({ ...doc, disks: [d] }));
  return out;
}

export interface Counters {
  /** libvirt: the next id of the domain. */
  readonly counter: number;
  /** proposal: the next id of each disk. */
  readonly disks: readonly number[];
}

/** The counters the ids in use imply: one past the largest (what a re-read without a counter record gives). */
export function impliedCounters(doc: DomainDoc): Counters {
  let domainMax = 0;
  const disks = doc.disks.map((_, di) => {
    let m = -1;
    for (const id of idsOfDisk(doc, di)) if (id > m) m = id;
    domainMax = Math.max(domainMax, m);
    return m + 1;
  });
  return { counter: domainMax + 1, disks };
}

/** Counters that continue after every id in use, never going back (a counter record may already be further). */
export function countersFromIds(doc: DomainDoc): DomainDoc {
  const implied = impliedCounters(doc);
  const disks = doc.disks.map((d, i) => (d.counter >= implied.disks[i]! ? d : { ...d, counter: implied.disks[i]! }));
  return { ...doc, disks, counter: Math.max(doc.counter, implied.counter) };
}

/** The next id for a new node of disk `diskIndex`, and the document with its counter advanced. */
export function takeId(doc: DomainDoc, diskIndex: number): [number, DomainDoc] {
  if (rules(doc).counter === 'domain') return [doc.counter, { ...doc, counter: doc.counter + 1 }];
  const disk = doc.disks[diskIndex]!;
  const disks = doc.disks.slice();
  disks[diskIndex] = { ...disk, counter: disk.counter + 1 };
  return [disk.counter, { ...doc, disks }];
}

/** The counter a disk's new nodes draw from, as `inspect` reports it. */
export function counterOf(doc: DomainDoc, diskIndex: number): number {
  return rules(doc).counter === 'domain' ? doc.counter : doc.disks[diskIndex]!.counter;
}
