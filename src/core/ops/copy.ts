/**
 * Copy (domain.md §6; `blockcopy`, `blockdev-mirror`): a new image E gets the
 * disk's data, then the job pivots to E (default) or is cancelled. Full: E is
 * standalone; shallow: E is a qcow2 that keeps the top's backing chain.
 * E takes the next id even on cancel: QEMU created the node either way.
 */
import type { DomainDoc } from '../model/types';
import { preorder } from '../model/walk';
import { takeId } from '../numbers/ids';
import { isChainTop, isQuorum, label, labels, ok, replaceIn, resolveAt, subtreeUids, withSrc } from './locate';
import { makeImage, newFileReason } from './nodes';
import type { OpResult } from './types';
import { busyReason, rootOnlyReason } from './guards';
import { refuse } from './types';

export interface CopyArgs {
  /** A chain top: the disk or a quorum member. */
  readonly at: string;
  /** The new image's file. */
  readonly dest: string;
  /** Copy the top only; the copy keeps the top's backing chain. */
  readonly shallow?: boolean;
  /** Cancel instead of pivoting: the tree stays as it is. */
  readonly cancel?: boolean;
}

export function copy(doc: DomainDoc, args: CopyArgs): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const di = at.disk;
  const src = at.node;
  if (!isChainTop(at)) return refuse(`${args.at} is not a chain top: copy the disk or a quorum member, not the backing file of ${label(doc, di, at.parent!)}.`);
  const blocked = busyReason(doc, di, 'copy it') ?? rootOnlyReason(doc, at, 'a copy (blockdev-mirror)');
  if (blocked) return refuse(blocked);
  const bad = newFileReason(doc, args.dest);
  if (bad) return refuse(bad);
  if (args.shallow && isQuorum(src)) return refuse(`${args.at} is a quorum; a shallow copy keeps the top's backing, but one qcow2 image cannot be backed by all the members. Make a full copy.`);
  if (args.shallow && src.backing.length > 1) return refuse(`${label(doc, di, src)} has several backing stores; a shallow copy can keep only one.`);

  const [id, next] = takeId(doc, di);
  const format = args.shallow ? 'qcow2' : src.format !== null && src.format !== 'quorum' ? src.format : 'qcow2';
  const kind = args.shallow ? 'shallow copy' : 'full copy';
  if (args.cancel) {
    return ok(
      next,
      [],
      [],
      `Copied ${label(doc, di, src)} to ${args.dest} and cancelled: the tree is unchanged. ${args.dest} (id ${id}, now used up) holds a ${kind} as of the cancel; keep or delete it. All images of the disk remain valid.`,
    );
  }
  const top = at.parent === null;
  const e = makeImage({
    id,
    format,
    file: args.dest,
    backing: args.shallow ? src.backing : [],
    end: args.shallow ? src.end : 'terminated',
    replacesTop: top ? src : undefined,
  });
  const out = top ? withSrc(next, di, e) : replaceIn(next, di, src, e);
  const removed = args.shallow ? [src.uid] : subtreeUids(src);
  const left = args.shallow ? [src] : preorder(src).map((v) => v.node);
  const many = left.length > 1;
  return ok(
    out,
    [e.uid],
    removed,
    `${label(out, di, e)} is a ${kind} of ${label(doc, di, src)} and the disk pivoted to it${args.shallow ? ' (it keeps the same backing chain)' : ' (it is standalone)'}. ` +
      `${labels(doc, di, left)} ${many ? 'leave the disk but remain valid images' : 'leaves the disk but remains a valid image'}: a copy does not change its source.`,
  );
}
