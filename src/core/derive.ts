/**
 * The numbers and labels every view shows, computed from the model and never
 * stored (positions, ids, names, addresses, chain roles). Memoised by
 * document identity: the model is immutable, so one document derives once.
 */
import type { DomainDoc, SrcNode } from './model/types';
import { preorder } from './model/walk';
import { addressOf } from './numbers/address';
import { diskAlias, diskDevice, diskTarget, nodeName, sourceText } from './numbers/names';
import { counterOf } from './numbers/ids';
import type { MirrorView } from './mirror';
import { readMirror } from './mirror';

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
  /** Always the position form `vda[2]` (what the graph labels show as "position"). */
  readonly positionLabel: string;
  readonly type: string | null;
  readonly format: string | null;
  readonly source: string | null;
  readonly threshold: string | null;
  readonly isQuorum: boolean;
  readonly members: number;
  readonly end: 'terminated' | 'open' | null;
  readonly parentUid: string | null;
  readonly childUids: readonly string[];
  /** The active layer of its chain: the disk top or a quorum member top, and not itself a quorum. */
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

export function derive(doc: DomainDoc): DerivedDoc {
  const hit = cache.get(doc);
  if (hit) return hit;
  const byUid = new Map<string, NodeView>();
  const disks = doc.disks.map((disk, di): DiskView => {
    const visits = preorder(disk.src);
    const target = diskTarget(disk, di);
    const nodes = visits.map((v): NodeView => {
      const n = v.node;
      const parent = v.parent === null ? null : visits[v.parent]!.node;
      // Same rule as the operations (ops/locate.ts): a quorum by type or by its driver's format.
      const isQuorum = n.type === 'quorum' || n.format === 'quorum';
      const view: NodeView = {
        uid: n.uid,
        disk: di,
        position: v.position,
        depth: v.depth,
        id: n.id,
        name: nodeName(doc, di, n),
        address: addressOf(doc, di, n, v.position),
        positionLabel: `${target}[${v.position}]`,
        type: n.type,
        format: n.format,
        source: sourceText(n),
        threshold: n.threshold,
        isQuorum,
        members: n.backing.length,
        end: n.backing.length > 0 ? null : n.end,
        parentUid: parent?.uid ?? null,
        childUids: n.backing.map((b) => b.uid),
        isActive: !isQuorum && (parent === null || parent.type === 'quorum'),
        node: n,
      };
      byUid.set(n.uid, view);
      return view;
    });
    const mirror = readMirror(disk, doc.dialect);
    return { uid: disk.uid, index: di, target, alias: diskAlias(disk), device: diskDevice(disk), counter: counterOf(doc, di), nodes, mirror };
  });
  const derived = { dialect: doc.dialect, disks, byUid };
  cache.set(doc, derived);
  return derived;
}
