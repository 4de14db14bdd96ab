/**
 * Graph edit: move a node, with everything below it, to become the backing
 * store of another node (a new member when that node is a quorum).
 * `canReparent` gives the same verdict without doing it, so the graph can
 * refuse a connection while it is being drawn.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { mapTree, preorder } from '../model/walk';
import { takeId } from '../numbers/ids';
import { diskTarget, sourceText } from '../numbers/names';
import type { Located } from './locate';
import { findByUid, isQuorum, label, memberLeaveReason, ok, replaceIn } from './locate';
import type { OpResult } from './types';
import { refuse } from './types';
import { rules } from '../dialect/rules';

type Plan = { readonly from: Located; readonly to: Located } | string;

function plan(doc: DomainDoc, uid: string, newParentUid: string): Plan {
  const from = findByUid(doc, uid);
  if (!from) return `No node has uid ${uid}.`;
  const to = findByUid(doc, newParentUid);
  if (!to) return `No node has uid ${newParentUid}.`;
  const name = label(doc, from.disk, from.node);
  const target = label(doc, to.disk, to.node);
  if (from.parent === null) return `${name} is the top of ${diskTarget(doc.disks[from.disk]!, from.disk)} and a disk needs a source; move the nodes below it instead.`;
  if (from.parent === to.node) return `${name} already backs ${target}.`;
  const moved = preorder(from.node).map((v) => v.node);
  if (to.node === from.node) return `${name} cannot back itself; the move would make a cycle.`;
  if (moved.includes(to.node)) return `${target} is below ${name}; the move would make a cycle.`;
  if (!isQuorum(to.node)) {
    if (to.node.backing.length > 0) return `${target} already has a backing store; only a quorum can have several.`;
    if (to.node.format === 'raw') return `${target} is a raw image, which cannot have a backing file.`;
  }
  if (isQuorum(from.parent)) {
    const why = memberLeaveReason(doc, from.disk, from.parent, from.node);
    if (why) return why;
  }
  if (to.disk !== from.disk) {
    const there = new Set<string>();
    for (const v of preorder(doc.disks[to.disk]!.src)) {
      const s = sourceText(v.node);
      if (s !== null) there.add(s);
    }
    for (const n of moved) {
      const s = sourceText(n);
      if (s !== null && there.has(s)) return `${s} is already used by ${diskTarget(doc.disks[to.disk]!, to.disk)}; moving ${name} there would use the same image twice.`;
    }
  }
  return { from, to };
}

/** null when the node may become a backing store of the new parent, else the reason it may not. */
export function canReparent(doc: DomainDoc, uid: string, newParentUid: string): string | null {
  const p = plan(doc, uid, newParentUid);
  return typeof p === 'string' ? p : null;
}

export function reparent(doc: DomainDoc, uid: string, newParentUid: string): OpResult {
  const p = plan(doc, uid, newParentUid);
  if (typeof p === 'string') return refuse(p);
  const { from, to } = p;
  const oldUser = from.parent!;
  // The old user lets go: a quorum loses a member; a chain layer is left open (its header decides).
  const left: SrcNode = isQuorum(oldUser) ? { ...oldUser, backing: oldUser.backing.filter((b) => b !== from.node) } : { ...oldUser, backing: [], end: 'open' };
  let cur = replaceIn(doc, from.disk, oldUser, left);
  let node = from.node;
  let note = '';
  if (to.disk !== from.disk && rules(doc).counter === 'disk') {
    // Proposal ids are per disk: the moved nodes take new ones from their new disk's counter, bottom-up.
    node = mapTree(node, (n) => {
      const [id, next] = takeId(cur, to.disk);
      cur = next;
      return { ...n, id };
    });
    note = ` Its nodes took new ids from ${diskTarget(doc.disks[to.disk]!, to.disk)}'s counter.`;
  }
  const parent = findByUid(cur, to.node.uid)!.node;
  cur = replaceIn(cur, to.disk, parent, { ...parent, backing: [...parent.backing, node] });
  const role = isQuorum(parent) ? `a member of ${label(cur, to.disk, parent)}` : `the backing store of ${label(cur, to.disk, parent)}`;
  return ok(cur, [], [], `Moved ${label(doc, from.disk, from.node)} (with the nodes below it) to be ${role}.${note} No image file changed; the images' headers must agree.`);
}
