/**
 * One operation as data (domain.md §6): what the CLI parses, what the host
 * commands are generated from (src/core/commands), and what applyRequest runs.
 * Keeping the request separate from its result lets the same request be
 * shown as virsh/QMP text after it was applied.
 */
import type { DomainDoc } from '../model/types';
import { commit } from './commit';
import { copy } from './copy';
import { label, ok, resolveAt } from './locate';
import { newFileReason } from './nodes';
import { renumber } from './numbering';
import { finishJob, startActiveCommit, startCopy } from './jobs';
import type { JobEnd } from './jobs';
import { takeId } from '../numbers/ids';
import { busyReason } from './guards';
import { pull } from './pull';
import { quorumAdd, quorumRemove, setThreshold } from './quorum';
import { snapshot } from './snapshot';
import type { SnapshotTarget } from './snapshot';
import type { OpResult } from './types';
import { refuse } from './types';

export type OpRequest =
  | { readonly kind: 'snapshot'; readonly targets: readonly SnapshotTarget[] }
  | { readonly kind: 'commit'; readonly top: string; readonly base: string; readonly keepOverlay?: boolean }
  | { readonly kind: 'pull'; readonly top: string; readonly base?: string }
  | { readonly kind: 'copy'; readonly at: string; readonly dest: string; readonly shallow?: boolean; readonly cancel?: boolean }
  | { readonly kind: 'backup'; readonly at: string; readonly dest: string }
  | { readonly kind: 'quorum-add'; readonly at: string; readonly file: string }
  | { readonly kind: 'quorum-remove'; readonly at: string }
  | { readonly kind: 'threshold'; readonly at: string; readonly value: number | string }
  | { readonly kind: 'renumber' }
  /** The first phase of a copy: the job runs (libvirt's `<mirror>`) until it ends with job-end. */
  | { readonly kind: 'copy-start'; readonly at: string; readonly dest: string; readonly shallow?: boolean }
  /** The first phase of an active commit. */
  | { readonly kind: 'commit-start'; readonly top: string; readonly base: string }
  /** The second phase of a copy or an active commit on disk `disk`. */
  | { readonly kind: 'job-end'; readonly disk: string; readonly end: JobEnd };

export type OpKind = OpRequest['kind'];

export const OP_KINDS: readonly OpKind[] = ['snapshot', 'commit', 'pull', 'copy', 'backup', 'quorum-add', 'quorum-remove', 'threshold', 'renumber', 'copy-start', 'commit-start', 'job-end'];

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

export function applyRequest(doc: DomainDoc, req: OpRequest): OpResult {
  switch (req.kind) {
    case 'snapshot':
      return snapshot(doc, req.targets);
    case 'commit':
      return commit(doc, { top: req.top, base: req.base, keepOverlay: req.keepOverlay });
    case 'pull':
      return pull(doc, req.base === undefined ? { top: req.top } : { top: req.top, base: req.base });
    case 'copy':
      return copy(doc, { at: req.at, dest: req.dest, shallow: req.shallow, cancel: req.cancel });
    case 'backup':
      return backup(doc, req);
    case 'quorum-add':
      return quorumAdd(doc, req);
    case 'quorum-remove':
      return quorumRemove(doc, req);
    case 'threshold':
      return setThreshold(doc, req);
    case 'renumber':
      return renumber(doc);
    case 'copy-start':
      return startCopy(doc, req);
    case 'commit-start':
      return startActiveCommit(doc, req);
    case 'job-end':
      return finishJob(doc, req.disk, req.end);
  }
}
