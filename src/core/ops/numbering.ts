/**
 * Ids, dialect and guest state as operations: renumber (offline only),
 * convert between the two dialects, and switch the guest's state.
 */
import { mirrorAt, withoutMirror } from '../jobs/mirror';
import type { Dialect, DomainDoc, GuestState } from '../model/types';
import { countersFromIds, freshNumbering } from '../numbers/ids';
import { mapTree, preorder } from '../model/walk';
import type { SrcNode } from '../model/types';
import { getAttr } from '../xml/tree';
import { diskTarget } from '../numbers/names';
import { isQuorum, ok } from './locate';
import type { OpResult } from './types';
import { refuse } from './types';
import { rules } from '../dialect/rules';

export function renumber(doc: DomainDoc): OpResult {
  if (doc.state === 'running') return refuse('The guest is running, and as long as QEMU runs, node ids cannot be reused; renumber only offline.');
  if (rules(doc).offlineIds === 'fresh') {
    return refuse('An offline libvirt document is always numbered the way libvirt numbers the guest when it starts (one counter from 1, disks last to first, each top-down): there is nothing to renumber.');
  }
  return ok(freshNumbering(doc), [], [], `Renumbered all nodes by the fresh rule: ${rules(doc).freshRule}. No image changed.`);
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

/** Ids that are valid libvirt indexes: all ≥ 1 and unique in the domain. */
function validLibvirtIds(doc: DomainDoc): boolean {
  const seen = new Set<number>();
  for (const d of doc.disks) {
    for (const v of preorder(d.src)) {
      const id = v.node.id;
      if (id === null) continue;
      if (id < 1 || seen.has(id)) return false;
      seen.add(id);
    }
  }
  return true;
}

/**
 * The document as the target dialect writes it: layers with `<format
 * type=…/>` (libvirt) or `<driver name='qemu' type=…/>` (proposal), file
 * sources as `file=` (libvirt has no `path=`), and none of the id and
 * position texts kept from reading (they belong to the other dialect's
 * attributes).
 */
function inDialect(doc: DomainDoc, dialect: Dialect): DomainDoc {
  const disks = doc.disks.map((d) => {
    const src = mapTree(d.src, (n, original) => {
      // The other dialect's id attributes go with it: node= (proposal) on the element and the store, index= on the store.
      const strip = (attrs: SrcNode['attrs']): SrcNode['attrs'] => attrs.filter(([k]) => k !== 'node' && k !== 'index');
      let out: SrcNode = { ...n, attrs: strip(n.attrs), idText: undefined, idOn: undefined, posText: undefined, posRead: undefined, posNone: undefined };
      if (out.formatEl) out = { ...out, formatEl: { ...out.formatEl, attrs: out.formatEl.attrs.filter(([k]) => k !== 'node') } };
      const s = out.source;
      if (!rules(dialect).quorum && s && getAttr(s, 'file') === null && getAttr(s, 'path') !== null) {
        out = { ...out, source: { ...s, attrs: s.attrs.map(([k, v]) => (k === 'path' ? (['file', v] as const) : ([k, v] as const))) } };
      }
      // The proposal writes a <driver> on every layer, even one without a format: with index = position on each
      // <backingStore> that is what tells it from libvirt when it is read again (domain.md §3 rule 3).
      if (original !== d.src && !out.formatEl && rules(dialect).layerFormat === 'driver') return { ...out, formatEl: { name: 'driver', attrs: [['name', 'qemu']], children: [] } };
      if (original === d.src || !out.formatEl) return out;
      const want = rules(dialect).layerFormat;
      if (out.formatEl.name === want) return { ...out, formatEl: { ...out.formatEl, read: false } };
      const attrs = out.formatEl.attrs.filter(([k]) => k !== 'name');
      return { ...out, formatEl: { ...out.formatEl, read: false, name: want, attrs: want === 'driver' ? [['name', 'qemu'] as const, ...attrs] : attrs } };
    });
    return { ...d, src };
  });
  return { ...doc, disks };
}

export function convert(doc: DomainDoc, dialect: Dialect): OpResult {
  if (doc.dialect === dialect) return ok(doc, [], [], `The document is already in the ${dialect} dialect; nothing changed.`);
  if (!rules(dialect).quorum) {
    const why = libvirtReason(doc);
    if (why) return refuse(why);
  }
  const moved: DomainDoc = inDialect({ ...doc, dialect }, dialect);
  if (doc.state === 'offline') {
    return ok(freshNumbering(moved), [], [], `Converted to the ${dialect} dialect and numbered the nodes fresh, as ${rules(dialect).numberedBy} would at guest start.`);
  }
  const scratch: DomainDoc = { ...moved, counter: 1, disks: moved.disks.map((d) => ({ ...d, counter: 0 })) };
  const kept = countersFromIds(scratch);
  if (rules(dialect).firstId === 1 && !validLibvirtIds(kept)) {
    // Proposal ids count per disk from 0; libvirt's indexes are ≥ 1 from one counter per domain (its schema refuses 0).
    return ok(
      freshNumbering(moved),
      [],
      [],
      'Converted to the libvirt dialect. The proposal ids (per disk, from 0) are not valid libvirt indexes (≥ 1, one counter for the domain), so the nodes were numbered the way libvirt numbers a guest at start: disks last to first, each top-down, from 1. The guest is still marked running.',
    );
  }
  return ok(kept, [], [], `Converted to the ${dialect} dialect. The guest is running, so every node keeps its id; the counters continue after the largest.`);
}

export function setState(doc: DomainDoc, state: GuestState): OpResult {
  if (doc.state === state) return ok(doc, [], [], `The guest is already ${state}; nothing changed.`);
  const out: DomainDoc = { ...doc, state };
  if (state === 'offline') {
    // libvirt aborts block jobs when the guest stops: a copy or active commit in progress ends with it.
    const jobs = doc.disks.filter((d) => mirrorAt(d) >= 0).length;
    const stopped: DomainDoc = jobs > 0 ? { ...out, disks: doc.disks.map((d) => (mirrorAt(d) >= 0 ? withoutMirror(d) : d)) } : out;
    const aborted = jobs > 0 ? ` ${jobs} block job${jobs > 1 ? 's were' : ' was'} aborted with it; the chain is as it was before the job.` : '';
    const ids =
      rules(doc).offlineIds === 'fresh'
        ? 'A stopped libvirt guest has no ids: the ones shown are those libvirt gives at the next start.'
        : 'Node ids stay as they are until you renumber.';
    return ok(stopped, [], [], `The guest is now offline. ${ids}${aborted}`);
  }
  return ok(out, [], [], 'The guest is now running. Node ids stay as they are and can no longer be reused; new nodes continue from the counter.');
}
