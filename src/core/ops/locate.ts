/**
 * Shared helpers for the operations: finding a node (by uid or address) with
 * its disk, position and user, putting a changed subtree back into the
 * document, and naming nodes in messages.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder, replaceNode } from '../model/walk';
import { resolveAddress } from '../numbers/address';
import { diskTarget, nodeName, sourceText } from '../numbers/names';
import { settleIds } from '../numbers/ids';
import type { OpResult } from './types';
import { idsAreFresh } from '../dialect/rules';

export interface Located {
  readonly disk: number;
  readonly node: SrcNode;
  /** Pre-order position in its disk. */
  readonly position: number;
  /** The node this one backs (its user); null for the disk's top. */
  readonly parent: SrcNode | null;
}

/** A quorum node: type or format `quorum`. */
export function isQuorum(n: SrcNode): boolean {
  return n.type === 'quorum' || n.format === 'quorum';
}

/** A chain top: the disk's top or a member of a quorum. */
export function isChainTop(loc: Located): boolean {
  return loc.parent === null || isQuorum(loc.parent);
}

export function findByUid(doc: DomainDoc, uid: string): Located | null {
  for (let disk = 0; disk < doc.disks.length; disk++) {
    const visits = preorder(doc.disks[disk]!.src);
    const v = visits.find((x) => x.node.uid === uid);
    if (v) return { disk, node: v.node, position: v.position, parent: v.parent === null ? null : visits[v.parent]!.node };
  }
  return null;
}

/** Resolves an address (domain.md "Addresses"); a string is the reason it failed. */
export function resolveAt(doc: DomainDoc, address: string): Located | string {
  const r = resolveAddress(doc, address);
  if (!r.ok) return r.message;
  const visits = preorder(doc.disks[r.value.disk]!.src);
  const parent = visits[r.value.position]!.parent;
  return { ...r.value, parent: parent === null ? null : visits[parent]!.node };
}

/** The document with disk `disk`'s source tree replaced (the same document when nothing changed). */
export function withSrc(doc: DomainDoc, disk: number, src: SrcNode): DomainDoc {
  const d = doc.disks[disk]!;
  if (d.src === src) return doc;
  const disks = doc.disks.slice();
  disks[disk] = { ...d, src };
  return { ...doc, disks };
}

/** Replaces one node (by identity) in a disk, copying only the nodes above it. */
export function replaceIn(doc: DomainDoc, disk: number, target: SrcNode, replacement: SrcNode): DomainDoc {
  return withSrc(doc, disk, replaceNode(doc.disks[disk]!.src, target, replacement));
}

/** Uids of a node and everything below it. */
export function subtreeUids(node: SrcNode): string[] {
  return preorder(node).map((v) => v.node.uid);
}

/** How a message names a node of a document as it is: its node name and what it stores, e.g. `vda[2] (/images/mid.qcow2)`. */
export function nodeLabel(doc: DomainDoc, disk: number, node: SrcNode): string {
  return describe(nodeName(doc, disk, node), doc, disk, node);
}

function describe(name: string | null, doc: DomainDoc, disk: number, node: SrcNode): string {
  const what = sourceText(node) ?? (isQuorum(node) ? 'quorum' : null);
  if (name === null) return what ?? `a node of ${diskTarget(doc.disks[disk]!, disk)}`;
  return what === null ? name : `${name} (${what})`;
}

/**
 * How an operation's message names a node. An offline libvirt document has
 * no ids of its own (libvirt numbers the nodes at start, and every edit
 * renumbers them, see settleIds), so there a message names nodes by what
 * they store only; elsewhere as nodeLabel.
 */
export function label(doc: DomainDoc, disk: number, node: SrcNode): string {
  return describe(idsAreFresh(doc) ? null : nodeName(doc, disk, node), doc, disk, node);
}

export function labels(doc: DomainDoc, disk: number, nodes: readonly SrcNode[]): string {
  return nodes.map((n) => label(doc, disk, n)).join(', ');
}

/**
 * A successful operation. The document is settled first: an offline libvirt
 * document is renumbered the way libvirt will number it at start (see
 * settleIds), which is why its messages name nodes by their files (label).
 */
export function ok(doc: DomainDoc, added: readonly string[], removed: readonly string[], message: string): Extract<OpResult, { ok: true }> {
  return { ok: true, doc: settleIds(doc), summary: { added, removed, message } };
}

/** A quorum's threshold as a number, or null when it is missing or not a whole number. */
export function thresholdOf(q: SrcNode): number | null {
  const t = q.threshold?.trim() ?? '';
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Why a member cannot leave quorum `q` (QEMU refuses when children ≤ threshold), or null. */
export function memberLeaveReason(doc: DomainDoc, disk: number, q: SrcNode, member: SrcNode): string | null {
  const t = thresholdOf(q);
  const n = q.backing.length;
  if (t === null) return `${label(doc, disk, q)} has no valid threshold ('${q.threshold ?? ''}'); set one before removing ${label(doc, disk, member)}.`;
  if (n <= t) {
    return `Cannot remove ${label(doc, disk, member)}: its quorum ${label(doc, disk, q)} has ${n} member${n === 1 ? '' : 's'} and threshold ${t}; QEMU refuses to remove a child when children ≤ threshold. Lower the threshold first.`;
  }
  return null;
}
