/**
 * What each operation's form offers: only nodes the operation can take
 * (chain tops to snapshot or copy, bases below a top, quorums and their
 * members), as addresses the core resolves, and free default file paths.
 */
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly uid: string;
}

export function isQuorumView(v: NodeView): boolean {
  return v.isQuorum || v.format === 'quorum';
}

/**
 * The address the core resolves to this node. In the libvirt dialect a node
 * without an id has only the bare target as its address, which means the
 * top: name it by its source path instead.
 */
export function addressFor(derived: DerivedDoc, v: NodeView): string {
  const target = derived.disks[v.disk]?.target;
  return v.parentUid !== null && v.address === target && v.source !== null ? v.source : v.address;
}

export function optionOf(derived: DerivedDoc, v: NodeView): Option {
  const what = v.source ?? (isQuorumView(v) ? 'quorum' : v.type ?? '');
  return { value: addressFor(derived, v), label: `${v.headline} (${v.aside}) · ${what}`, uid: v.uid };
}

function all(derived: DerivedDoc): NodeView[] {
  return derived.disks.flatMap((d) => d.nodes);
}

/** Chain tops: each disk's top and every quorum member (what snapshot and copy take). */
export function chainTops(derived: DerivedDoc): NodeView[] {
  return all(derived).filter((v) => v.parentUid === null || isQuorumView(derived.byUid.get(v.parentUid)!));
}

/** The nodes below `top` along its single chain, down to the first quorum or fork (candidate bases). */
export function basesBelow(derived: DerivedDoc, top: NodeView): NodeView[] {
  const out: NodeView[] = [];
  let cur = top;
  while (!isQuorumView(cur) && cur.childUids.length === 1) {
    const next = derived.byUid.get(cur.childUids[0]!)!;
    if (isQuorumView(next)) break;
    out.push(next);
    cur = next;
  }
  return out;
}

/** Nodes that have something below them to commit into or pull from. */
export function topsWithBases(derived: DerivedDoc): NodeView[] {
  return all(derived).filter((v) => basesBelow(derived, v).length > 0);
}

export function quorums(derived: DerivedDoc): NodeView[] {
  return all(derived).filter(isQuorumView);
}

export function membersOf(derived: DerivedDoc, q: NodeView): NodeView[] {
  return q.childUids.map((u) => derived.byUid.get(u)!);
}

/**
 * The node a form starts on: the one the dialog was opened for when it fits,
 * else the nearest above it that fits (up to its disk's top), else the first.
 */
export function pick(derived: DerivedDoc, list: readonly NodeView[], uid: string | null): NodeView | undefined {
  for (let v = uid ? derived.byUid.get(uid) : undefined; v; v = v.parentUid ? derived.byUid.get(v.parentUid) : undefined) {
    const hit = list.find((x) => x.uid === v!.uid);
    if (hit) return hit;
  }
  return list[0];
}

/** Why nothing but ending the job may run on this disk now, or null. */
export function jobBlock(derived: DerivedDoc, disk: number): string | null {
  const d = derived.disks[disk];
  if (!d?.mirror) return null;
  return `${d.target} has a ${d.mirror.job ?? 'block'} job running: end it first (Copy or Commit shows it); libvirt runs one block job per disk.`;
}
