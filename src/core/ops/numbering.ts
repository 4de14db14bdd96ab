/**
 * Ids, dialect and guest state as operations: renumber (offline only),
 * convert between the two dialects, and switch the guest's state.
 */
import { mirrorAt, withoutMirror } from '../mirror';
import type { Dialect, DomainDoc, GuestState } from '../model/types';
import { countersFromIds, freshNumbering } from '../numbers/ids';
import { preorder } from '../model/walk';
import { diskTarget } from '../numbers/names';
import { isQuorum, ok } from './locate';
import type { OpResult } from './types';
import { refuse } from './types';

export function renumber(doc: DomainDoc): OpResult {
  if (doc.state === 'running') return refuse('The guest is running, and as long as QEMU runs, node ids cannot be reused; renumber only offline.');
  const rule =
    doc.dialect === 'proposal'
      ? 'each disk from 0 in post-order (backing stores before the node they back)'
      : 'one counter for the domain from 1, disks last to first, each top-down';
  return ok(freshNumbering(doc), [], [], `Renumbered all nodes by the fresh rule: ${rule}. No image changed.`);
}

/** Why a document cannot be written in the libvirt dialect, or null. */
function libvirtReason(doc: DomainDoc): string | null {
  for (let i = 0; i < doc.disks.length; i++) {
    for (const v of preorder(doc.disks[i]!.src)) {
      const target = diskTarget(doc.disks[i]!, i);
      if (isQuorum(v.node)) {
        return `${target} has a quorum: libvirt never merged quorum; its schema allows one <backingStore> per level — keep the proposal dialect or export QMP.`;
      }
      if (v.node.backing.length > 1) {
        return `${target} has a node with ${v.node.backing.length} sibling <backingStore> elements but no quorum; libvirt's schema allows one <backingStore> per level (it would silently drop the others).`;
      }
    }
  }
  return null;
}

/** Ids no longer fit the libvirt rules (≥ 1, one per domain) after a running conversion: a note for the message. */
function libvirtIdNote(doc: DomainDoc): string {
  const seen = new Set<number>();
  let zero = false;
  let dup = false;
  for (const d of doc.disks) {
    for (const v of preorder(d.src)) {
      if (v.node.id === null) continue;
      if (v.node.id === 0) zero = true;
      if (seen.has(v.node.id)) dup = true;
      seen.add(v.node.id);
    }
  }
  if (!zero && !dup) return '';
  return ` Note: libvirt ids are ≥ 1 and unique in the domain, and these ${zero ? 'include 0' : ''}${zero && dup ? ' and ' : ''}${dup ? 'repeat across disks' : ''}; renumber once the guest is offline.`;
}

export function convert(doc: DomainDoc, dialect: Dialect): OpResult {
  if (doc.dialect === dialect) return ok(doc, [], [], `The document is already in the ${dialect} dialect; nothing changed.`);
  if (dialect === 'libvirt') {
    const why = libvirtReason(doc);
    if (why) return refuse(why);
  }
  const moved: DomainDoc = { ...doc, dialect };
  if (doc.state === 'offline') {
    return ok(freshNumbering(moved), [], [], `Converted to the ${dialect} dialect and numbered the nodes fresh, as ${dialect === 'libvirt' ? 'libvirt' : 'the proposal'} would at guest start.`);
  }
  const scratch: DomainDoc = { ...moved, counter: 1, disks: moved.disks.map((d) => ({ ...d, counter: 0 })) };
  const out = countersFromIds(scratch);
  const note = dialect === 'libvirt' ? libvirtIdNote(out) : '';
  return ok(out, [], [], `Converted to the ${dialect} dialect. The guest is running, so every node keeps its id; the counters continue after the largest.${note}`);
}

export function setState(doc: DomainDoc, state: GuestState): OpResult {
  if (doc.state === state) return ok(doc, [], [], `The guest is already ${state}; nothing changed.`);
  const out: DomainDoc = { ...doc, state };
  if (state === 'offline') {
    // libvirt aborts block jobs when the guest stops: a copy or active commit in progress ends with it.
    const jobs = doc.disks.filter((d) => mirrorAt(d) >= 0).length;
    const stopped: DomainDoc = jobs > 0 ? { ...out, disks: doc.disks.map((d) => (mirrorAt(d) >= 0 ? withoutMirror(d) : d)) } : out;
    const aborted = jobs > 0 ? ` ${jobs} block job${jobs > 1 ? 's were' : ' was'} aborted with it; the chain is as it was before the job.` : '';
    return ok(stopped, [], [], `The guest is now offline. Node ids stay as they are until you renumber.${aborted}`);
  }
  return ok(out, [], [], 'The guest is now running. Node ids stay as they are and can no longer be reused; new nodes continue from the counter.');
}
