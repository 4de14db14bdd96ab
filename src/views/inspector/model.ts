/**
 * What the inspector's form needs besides React: the choice lists, reading
 * attributes off a node, the one edit entry point (through the store's
 * gateway), and a free path for a new quorum member.
 */
import type { DerivedDoc, NodeView } from '../../core/derive';
import type { FieldPatch } from '../../core/ops';
import { setFields } from '../../core/ops';
import type { XmlElement } from '../../core/xml/tree';
import { getAttr, isElement } from '../../core/xml/tree';
import { runOp, useEditor } from '../../state/store';

export const TYPES = ['file', 'block', 'network', 'volume', 'dir', 'nvme', 'quorum'] as const;
export const FORMATS = ['raw', 'qcow2', 'qed', 'vmdk', 'vdi', 'vpc', 'vhd', 'luks', 'dmg', 'iso', 'bochs', 'cloop', 'cow', 'qcow', 'fat', 'ploop', 'dir'] as const;
export const PROTOCOLS = ['nbd', 'rbd', 'gluster', 'iscsi', 'http', 'https', 'ftp', 'ssh', 'sheepdog', 'vxhs', 'nfs'] as const;

/** Disk-level `<driver>` attributes the inspector offers ('' = not set: libvirt's default). */
export const DRIVER_CHOICES: readonly { readonly attr: string; readonly label: string; readonly values: readonly string[] }[] = [
  { attr: 'cache', label: 'Cache', values: ['none', 'writethrough', 'writeback', 'directsync', 'unsafe'] },
  { attr: 'io', label: 'I/O', values: ['native', 'threads', 'io_uring'] },
  { attr: 'discard', label: 'Discard', values: ['unmap', 'ignore'] },
];

export const END_LABELS = {
  terminated: 'Terminated: <backingStore/>, no backing file',
  open: 'Open: no <backingStore>, QEMU probes the header',
} as const;

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The listed values, plus the current one when the list lacks it, so the select never lies about the model. */
export function choices(list: readonly string[], current: string | null, emptyLabel?: string): Choice[] {
  const out: Choice[] = list.map((v) => ({ value: v, label: v }));
  if (emptyLabel !== undefined) out.unshift({ value: '', label: emptyLabel });
  else if (current === null) out.unshift({ value: '', label: '(none)' });
  if (current !== null && current !== '' && !list.includes(current)) out.push({ value: current, label: `${current} (not in the list)` });
  return out;
}

export function sourceAttr(v: NodeView, name: string): string | null {
  return getAttr(v.node.source, name);
}

export function driverAttr(v: NodeView, name: string): string | null {
  return getAttr(v.node.formatEl, name);
}

export function sourceChild(v: NodeView, name: string): XmlElement | null {
  return v.node.source?.children.find((c): c is XmlElement => isElement(c) && c.name === name) ?? null;
}

/** Applies a field patch through the gateway (one undo step). Returns the refusal reason, or null. */
export function editFields(uid: string, patch: FieldPatch): string | null {
  return runOp('Edit field', (d) => setFields(d, uid, patch));
}

/** Empty input means "remove the attribute". */
export function attrValue(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** What a node is, in a few words: "Quorum", "Active layer · disk top", "Backing image". */
export function kindOf(v: NodeView): string {
  const what = v.isQuorum ? 'Quorum' : v.isActive ? 'Active layer' : 'Backing image';
  if (v.parentUid === null) return `${what} · disk top`;
  return v.isQuorum || v.isActive ? `${what} · quorum member` : what;
}

/** A path for a new member of quorum `q` that no node uses: next to its first member, `<target>-member<N>.img`. */
export function freeMemberPath(derived: DerivedDoc, q: NodeView): string {
  const used = new Set<string>();
  for (const v of derived.byUid.values()) if (v.source !== null) used.add(v.source);
  const disk = derived.disks[q.disk];
  const first = q.childUids.map((u) => derived.byUid.get(u)?.source).find((s): s is string => typeof s === 'string' && s.startsWith('/'));
  const dir = first ? first.slice(0, first.lastIndexOf('/')) || '' : '/var/lib/libvirt/images';
  const base = disk?.target ?? 'disk';
  for (let n = q.members + 1; ; n++) {
    const path = `${dir}/${base}-member${n}.img`;
    if (!used.has(path)) return path;
  }
}

/** The store's latest error notice, to show an action's refusal next to its button. */
export function latestError(run: () => void): string | null {
  const before = useEditor.getState().notice;
  run();
  const after = useEditor.getState().notice;
  return after !== before && after?.kind === 'error' ? after.text : null;
}
