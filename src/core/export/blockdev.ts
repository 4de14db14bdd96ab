/**
 * blockdev-add arguments for one image of the document (domain.md §5): its
 * protocol node and its format node naming `file` and `backing` by
 * node-name (raw too, as libvirt 9.0 does); a quorum is one node naming its
 * members. Shared by the whole topology export and by the operations'
 * commands (new overlays, copies).
 */
import type { QmpCommand } from './qmpCommand';
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { isQuorum, nodeLabel as label, thresholdOf } from '../ops/locate';
import { diskOptions } from './diskOptions';
import type { DiskOptions } from './diskOptions';
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
  /** The format (or quorum) node's arguments. */
  readonly format: Args;
  /** The arguments of the node users link to (the format node): what blockdev-reopen repeats. */
  readonly top: Args;
}

/** The disk-wide options of `<driver>` that QMP has, for one node (`top`: the disk's top image). */
function withOptions(args: Args, opts: DiskOptions, kind: 'storage' | 'format', top: boolean): Args {
  const out = { ...args };
  if (opts.cache) out.cache = opts.cache;
  if (kind === 'storage') {
    // libvirt opens every protocol node with discard=unmap, so the format node's setting decides.
    if (out.driver === 'file' || out.driver === 'host_device') out.discard = 'unmap';
    if (top && opts.aio && (out.driver === 'file' || out.driver === 'host_device')) out.aio = opts.aio;
  } else {
    if (opts.discard) out.discard = opts.discard;
    if (top && opts.detectZeroes) out['detect-zeroes'] = opts.detectZeroes;
  }
  if (opts.readOnly) out['read-only'] = true;
  return out;
}

/**
 * The blockdev-add arguments of one node of disk `disk`. `backing` overrides
 * the backing link (a new overlay is added with `null` and attached by
 * blockdev-snapshot). A format node names its backing as the document does:
 * the node below it, `null` for `<backingStore/>` (no backing file), and no
 * `backing` key at all for an open end, so QEMU follows the image header as
 * libvirt does (writing `null` there hides the base's data from the guest;
 * checked with qemu-io).
 */
export function imageArgs(doc: DomainDoc, disk: number, node: SrcNode, readOnly: boolean, backing?: string | null): ImageArgs {
  const names = namesOf(doc, node);
  const what = label(doc, disk, node);
  const opts = diskOptions(doc.disks[disk]!);
  const top = doc.disks[disk]!.src === node;
  if (isQuorum(node)) {
    const t = thresholdOf(node);
    if (t === null || t < 1 || t > node.backing.length) throw new ExportError(`${what} has no valid threshold ('${node.threshold ?? ''}'); QEMU needs a vote-threshold from 1 to the number of members.`);
    const q: Args = { driver: 'quorum', 'node-name': names.format, 'vote-threshold': t, children: node.backing.map((m) => namesOf(doc, m).top) };
    if (readOnly || opts.readOnly) q['read-only'] = true;
    return { storage: null, format: q, top: q };
  }
  const storage: Args = withOptions({ ...protocolArgs(node, what), 'node-name': names.storage, 'auto-read-only': true }, opts, 'storage', top);
  if (node.backing.length > 0 && isRawLayer(node)) {
    throw new ExportError(`${what} is ${node.format === null ? 'without a format (so raw)' : 'raw'} but has a backing store; a raw image cannot have a backing file.`);
  }
  if (node.backing.length > 1) throw new ExportError(`${what} has ${node.backing.length} backing stores but is not a quorum.`);
  const format: Args = { driver: node.format ?? 'raw', 'node-name': names.format, file: names.storage };
  if (!isRawLayer(node)) {
    const below = node.backing[0];
    if (backing !== undefined) format.backing = backing;
    else if (below !== undefined) format.backing = namesOf(doc, below).top;
    else if (node.end === 'terminated') format.backing = null;
    // An open end: no key, QEMU reads the backing file from the image header.
  }
  if (readOnly) format['read-only'] = true;
  const f = withOptions(format, opts, 'format', top);
  return { storage, format: f, top: f };
}

/** The blockdev-add commands of one node: protocol node first, then the format node. */
export function imageAdds(args: ImageArgs): QmpCommand[] {
  return args.storage ? [add(args.storage), add(args.format)] : [add(args.format)];
}

/** blockdev-del of a node's QEMU nodes: the format node before the protocol node it uses. */
export function imageDels(names: QemuNames): QmpCommand[] {
  const out: QmpCommand[] = [];
  for (const n of [names.format, names.storage]) if (n !== null) out.push({ execute: 'blockdev-del', arguments: { 'node-name': n } });
  return out;
}

/** A new file image that is not (or not yet) in the document: a copy's or a backup's target. */
export function newFileArgs(names: QemuNames, path: string, format: string, backing: string | null): ImageArgs {
  const storage: Args = { driver: 'file', filename: path, 'node-name': names.storage, 'auto-read-only': true, discard: 'unmap' };
  const fmt: Args = { driver: format, 'node-name': names.format, file: names.storage };
  if (format !== 'raw') fmt.backing = backing;
  return { storage, format: fmt, top: fmt };
}
