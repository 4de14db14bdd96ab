/**
 * Graph edit: remove a node. Its single backing store reattaches to its user
 * (for the disk top: becomes the top); with `subtree` the node goes with
 * everything below it. A quorum member never leaves when that would put the
 * quorum below its threshold.
 */
import type { ChainEnd, DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { findByUid, isQuorum, label, labels, memberLeaveReason, ok, replaceIn, withSrc } from './locate';
import { promote } from './nodes';
import type { OpResult } from './types';
import { refuse } from './types';

/**
 * Why removeNode would refuse, or null, without building the new document and its numbers (the node menus ask
 * this of the selected node on every change; on a 10,000-level chain the whole apply took ~25 ms).
 */
export function removeRefusal(doc: DomainDoc, uid: string, opts: { readonly subtree?: boolean } = {}): string | null {
  const loc = findByUid(doc, uid);
  if (!loc) return `No node has uid ${uid}.`;
  const { disk, node, parent } = loc;
  const n = node.backing.length;
  const subtree = opts.subtree === true;
  if (parent === null) {
    if (subtree) return `${label(doc, disk, node)} is the disk's top and a disk needs a source; remove the nodes below it instead.`;
    if (n !== 1) return `The disk's top ${label(doc, disk, node)} can be removed only when it has exactly one backing store, which then becomes the top (it has ${n}).`;
    return null;
  }
  if (!subtree && n > 1) return `${label(doc, disk, node)} has ${n} backing stores (members); remove it with its subtree, or remove members until one is left.`;
  return (subtree || n === 0) && isQuorum(parent) ? memberLeaveReason(doc, disk, parent, node) : null;
}

export function removeNode(doc: DomainDoc, uid: string, opts: { readonly subtree?: boolean; readonly end?: ChainEnd } = {}): OpResult {
  const loc = findByUid(doc, uid);
  if (!loc) return refuse(`No node has uid ${uid}.`);
  const { disk, node, parent } = loc;
  const name = label(doc, disk, node);
  const n = node.backing.length;
  const subtree = opts.subtree === true;

  if (parent === null) {
    if (subtree) return refuse(`${name} is the disk's top and a disk needs a source; remove the nodes below it instead.`);
    if (n !== 1) return refuse(`The disk's top ${name} can be removed only when it has exactly one backing store, which then becomes the top (it has ${n}).`);
    const out = withSrc(doc, disk, promote(node.backing[0]!, node));
    return ok(out, [], [uid], `Removed ${name}; ${label(doc, disk, node.backing[0]!)} is now the disk's top. No image file changed.`);
  }
  if (!subtree && n > 1) return refuse(`${name} has ${n} backing stores (members); remove it with its subtree, or remove members until one is left.`);

  const gone: SrcNode[] = subtree ? preorder(node).map((v) => v.node) : [node];
  const leaves = subtree || n === 0;
  let user: SrcNode;
  if (leaves && isQuorum(parent)) {
    const why = memberLeaveReason(doc, disk, parent, node);
    if (why) return refuse(why);
    user = { ...parent, backing: parent.backing.filter((b) => b !== node) };
  } else if (leaves) {
    // The user loses its backing store: a removed chain end passes its end on; a removed subtree leaves it open (the header decides).
    user = { ...parent, backing: parent.backing.filter((b) => b !== node), end: subtree ? (opts.end ?? 'open') : node.end };
  } else {
    user = { ...parent, backing: parent.backing.map((b) => (b === node ? node.backing[0]! : b)) };
  }
  const out = replaceIn(doc, disk, parent, user);
  const what = subtree && gone.length > 1 ? `${labels(doc, disk, gone)}` : name;
  const then = leaves
    ? isQuorum(parent) || !subtree ? '' : `; ${label(out, disk, user)}'s chain ${user.end === 'terminated' ? 'ends there (<backingStore/>)' : 'is left open: libvirt reads the backing file from its header'}`
    : `; ${label(doc, disk, node.backing[0]!)} now backs ${label(doc, disk, parent)}`;
  return ok(out, [], gone.map((g) => g.uid), `Removed ${what} from the tree${then}. No image file changed.`);
}
