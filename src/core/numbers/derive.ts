/**
 * The numbers and labels every view shows, computed from the model and never
 * stored (positions, ids, names, addresses, chain roles). Memoised by
 * document identity: the model is immutable, so one document derives once.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { addressOf } from './address';
import { diskAlias, diskDevice, diskTarget, nodeName, sourceText } from './names';
import { counterOf } from './ids';
import type { MirrorView } from '../jobs/mirror';
import { readMirror } from '../jobs/mirror';
import { isMark } from '../model/types';
import { isElement } from '../xml/tree';
import { rules } from '../dialect/rules';

export interface NodeView {
  readonly uid: string;
  readonly disk: number;
  readonly position: number;
  readonly depth: number;
  readonly id: number | null;
  /** The node name the dialect shows (`ide0-0-0[4]`, `vda[3]`). */
  readonly name: string | null;
  /** Its address in the current dialect (`vda[2]`). */
  readonly address: string;
  /** Always the position form `vda[2]`. */
  readonly positionLabel: string;
  /**
   * The one label of the node, everywhere (graph, pickers, lessons, What
   * happened, address bar): the address a user types in the dialect. libvirt:
   * the virsh address `vda[8]` (8 the index); proposal: the position address
   * `vda[2]` (the design mail's).
   */
  readonly headline: string;
  /** The other number, shown quietly: libvirt `#2` (the position); proposal the node name `ide0-0-0[4]` (the id). */
  readonly aside: string;
  readonly type: string | null;
  readonly format: string | null;
  readonly source: string | null;
  readonly threshold: string | null;
  readonly isQuorum: boolean;
  readonly members: number;
  readonly end: 'terminated' | 'open' | null;
  readonly parentUid: string | null;
  readonly childUids: readonly string[];
  /**
   * The layer receives the guest's writes: the disk's top, or the top of a
   * member of a quorum that itself receives writes; never a quorum (its
   * members take the writes), nothing below an overlay, nothing of a
   * read-only disk (a cdrom, `<readonly/>`).
   */
  readonly isActive: boolean;
  readonly node: SrcNode;
}

export interface DiskView {
  readonly uid: string;
  readonly index: number;
  readonly target: string;
  readonly alias: string | null;
  readonly device: string | null;
  readonly counter: number;
  /**
   * The counter is only a lower bound: a chain of this disk ends open, so at
   * start libvirt reads the image headers and numbers the layers it finds
   * after every layer the document writes (checked on libvirt 9.0).
   */
  readonly counterProvisional: boolean;
  readonly nodes: readonly NodeView[];
  /** The disk's block job while one runs (libvirt's `<mirror>`), for the graph to draw beside the disk. */
  readonly mirror: MirrorView | null;
}

export interface DerivedDoc {
  readonly dialect: DomainDoc['dialect'];
  readonly disks: readonly DiskView[];
  readonly byUid: ReadonlyMap<string, NodeView>;
}

const cache = new WeakMap<DomainDoc, DerivedDoc>();

/** A disk QEMU never writes: a cdrom, or `<readonly/>`. */
export function readOnlyDisk(disk: DomainDoc['disks'][number]): boolean {
  return diskDevice(disk) === 'cdrom' || disk.children.some((c) => !isMark(c) && isElement(c) && c.name === 'readonly');
}

/** A chain end libvirt will probe: no `<backingStore>` at all under an image whose format can have a backing file. */
export function probesHeader(n: SrcNode): boolean {
  const quorum = n.type === 'quorum' || n.format === 'quorum';
  return !quorum && n.backing.length === 0 && n.end === 'open' && n.format !== null && n.format !== 'raw' && n.source !== null;
}

/** Numbers derived elsewhere for this very document (a worker did the reading: src/core/readJob.ts). */
export function primeDerive(doc: DomainDoc, derived: DerivedDoc): void {
  cache.set(doc, derived);
}

export function derive(doc: DomainDoc): DerivedDoc {
  const hit = cache.get(doc);
  if (hit) return hit;
  const byUid = new Map<string, NodeView>();
  const disks = doc.disks.map((disk, di): DiskView => {
    const visits = preorder(disk.src);
    const target = diskTarget(disk, di);
    const writable: boolean[] = [];
    const byId = rules(doc).address === 'id';
    const nodes = visits.map((v): NodeView => {
      const n = v.node;
      const parent = v.parent === null ? null : visits[v.parent]!.node;
      // Same rule as the operations (ops/locate.ts): a quorum by type or by its driver's format.
      const isQuorum = n.type === 'quorum' || n.format === 'quorum';
      writable.push(parent === null ? !readOnlyDisk(disk) : writable[v.parent!]! && (parent.type === 'quorum' || parent.format === 'quorum'));
      const view: NodeView = {
        uid: n.uid,
        disk: di,
        position: v.position,
        depth: v.depth,
        id: n.id,
        name: nodeName(doc, di, n),
        address: addressOf(doc, di, n, v.position),
        positionLabel: `${target}[${v.position}]`,
        headline: byId ? `${target}[${n.id ?? '–'}]` : `${target}[${v.position}]`,
        aside: byId ? `#${v.position}` : (nodeName(doc, di, n) ?? '[–]'),
        type: n.type,
        format: n.format,
        source: sourceText(n),
        threshold: n.threshold,
        isQuorum,
        members: n.backing.length,
        end: n.backing.length > 0 ? null : n.end,
        parentUid: parent?.uid ?? null,
        childUids: n.backing.map((b) => b.uid),
        isActive: !isQuorum && writable[v.position]!,
        node: n,
      };
      byUid.set(n.uid, view);
      return view;
    });
    const mirror = readMirror(disk, doc.dialect);
    const counterProvisional = rules(doc).probesOpenEnds && visits.some((v) => probesHeader(v.node));
    return { uid: disk.uid, index: di, target, alias: diskAlias(disk), device: diskDevice(disk), counter: counterOf(doc, di), counterProvisional, nodes, mirror };
  });
  const derived = { dialect: doc.dialect, disks, byUid };
  cache.set(doc, derived);
  return derived;
}
