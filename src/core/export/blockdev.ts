/**
 * blockdev-add arguments for one image of the document (domain.md §5): its
 * protocol node and, unless raw, its format node naming `file` and `backing`
 * by node-name; a quorum is one node naming its members. Shared by the whole
 * topology export and by the operations' commands (new overlays, copies).
 */
import type { QmpCommand } from '../commands/types';
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { isQuorum, label, thresholdOf } from '../ops/locate';
import { isRawLayer, namesOf } from './names';
import type { QemuNames } from './names';
import { ExportError, protocolArgs } from './protocol';

type Args = Record<string, unknown>;

/**
 * Which nodes of a disk are backing layers, opened read-only: every node
 * reached through a backing link (not a chain top). Below an overlay on a
 * quorum, the quorum and all its members are backing layers too.
 */
export function readOnlyUids(root: SrcNode): Set<string> {
  const visits = preorder(root);
  const ro = new Set<string>();
  for (const v of visits) {
    if (v.parent === null) continue;
    const parent = visits[v.parent]!.node;
    if (ro.has(parent.uid) || !isQuorum(parent)) ro.add(v.node.uid);
  }
  return ro;
}

export function add(args: Args): QmpCommand {
  return { execute: 'blockdev-add', arguments: args };
}

export interface ImageArgs {
  /** The protocol node's arguments; null for a quorum. */
  readonly storage: Args | null;
  /** The format (or quorum) node's arguments; null for raw. */
  readonly format: Args | null;
  /** The arguments of the node users link to (format, else storage): what blockdev-reopen repeats. */
  readonly top: Args;
}

/**
 * The blockdev-add arguments of one node of disk `disk`. `backing` overrides
 * the backing link (a new overlay is added with `null` and attached by
 * blockdev-snapshot). A format node always names its backing: `null` both
 * for `<backingStore/>` and for an open end, so QEMU never opens a backing
 * file from the image header that the document does not show (it would get
 * an automatic name and may hit image locks; stack-notes).
 */
export function imageArgs(doc: DomainDoc, disk: number, node: SrcNode, readOnly: boolean, backing?: string | null): ImageArgs {
  const names = namesOf(doc, node);
  const what = label(doc, disk, node);
  if (isQuorum(node)) {
    const t = thresholdOf(node);
    if (t === null || t < 1 || t > node.backing.length) throw new ExportError(`${what} has no valid threshold ('${node.threshold ?? ''}'); QEMU needs a vote-threshold from 1 to the number of members.`);
    const q: Args = { driver: 'quorum', 'node-name': names.format, 'vote-threshold': t, children: node.backing.map((m) => namesOf(doc, m).top) };
    if (readOnly) q['read-only'] = true;
    return { storage: null, format: q, top: q };
  }
  const storage: Args = { ...protocolArgs(node, what), 'node-name': names.storage };
  if (isRawLayer(node)) {
    if (node.backing.length > 0) throw new ExportError(`${what} is raw but has a backing store; a raw image cannot have a backing file.`);
    if (readOnly) storage['read-only'] = true;
    return { storage, format: null, top: storage };
  }
  // libvirt's choice: the protocol node under a format node opens read-only when it can, read-write when its user needs it.
  storage['auto-read-only'] = true;
  if (node.format === null) throw new ExportError(`${what} has a backing store but no format; name its format (e.g. qcow2).`);
  if (node.backing.length > 1) throw new ExportError(`${what} has ${node.backing.length} backing stores but is not a quorum.`);
  const below = node.backing[0];
  const link = backing !== undefined ? backing : below === undefined ? null : namesOf(doc, below).top;
  const format: Args = { driver: node.format, 'node-name': names.format, file: names.storage, backing: link };
  if (readOnly) format['read-only'] = true;
  return { storage, format, top: format };
}

/** The blockdev-add commands of one node: protocol node first, then the format node. */
export function imageAdds(args: ImageArgs): QmpCommand[] {
  const out: QmpCommand[] = [];
  if (args.storage) out.push(add(args.storage));
  if (args.format) out.push(add(args.format));
  return out;
}

/** blockdev-del of a node's QEMU nodes: the format node before the protocol node it uses. */
export function imageDels(names: QemuNames): QmpCommand[] {
  const out: QmpCommand[] = [];
  for (const n of [names.format, names.storage]) if (n !== null) out.push({ execute: 'blockdev-del', arguments: { 'node-name': n } });
  return out;
}

/** A new file image that is not (or not yet) in the document: a copy's or a backup's target. */
export function newFileArgs(names: QemuNames, path: string, format: string, backing: string | null): ImageArgs {
  const storage: Args = { driver: 'file', filename: path, 'node-name': names.storage };
  if (names.format === null) return { storage, format: null, top: storage };
  storage['auto-read-only'] = true;
  const fmt: Args = { driver: format, 'node-name': names.format, file: names.storage, backing };
  return { storage, format: fmt, top: fmt };
}
