/** Backup as a document operation (domain.md §6). */
import type { DomainDoc } from '../model/types';
import { takeId } from '../numbers/ids';
import { busyReason } from './guards';
import { label, ok, resolveAt } from './locate';
import { newFileReason } from './nodes';
import type { OpResult } from './types';
import { refuse } from './types';

/**
 * Backup (`backup-begin`, `blockdev-backup`): a point-in-time copy of a node
 * to a new file. The tree does not change, but the target is a QEMU node for
 * the job's time and libvirt gives it an index from the counter (checked on
 * libvirt 9.0: after a backup the next snapshot skips one id), so it uses up
 * an id.
 */
export function backup(doc: DomainDoc, args: { readonly at: string; readonly dest: string }): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const busy = busyReason(doc, at.disk, 'back it up');
  if (busy) return refuse(busy);
  const bad = newFileReason(doc, args.dest);
  if (bad) return refuse(bad);
  const [id, next] = takeId(doc, at.disk);
  return ok(
    next,
    [],
    [],
    `Backed up ${label(doc, at.disk, at.node)} to ${args.dest}: a point-in-time copy of what the guest saw when the job started. The chain does not change; all images remain valid. The backup's target used up id ${id}.`,
  );
}
