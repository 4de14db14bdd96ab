/**
 * Refusals several operations share, each with what libvirt or QEMU says in
 * the same case (checked on libvirt 9.0 and QEMU 7.2).
 */
import { readMirror } from '../jobs/mirror';
import type { DomainDoc } from '../model/types';
import { pathTo } from '../model/walk';
import type { Located } from './locate';
import { isQuorum, label } from './locate';

/** Why disk `di` cannot take another block job: one already runs (its `<mirror>`), or null. */
export function busyReason(doc: DomainDoc, di: number, what: string): string | null {
  const job = readMirror(doc.disks[di]!, doc.dialect);
  if (!job) return null;
  const name = label(doc, di, doc.disks[di]!.src);
  return `${name} already has a ${job.job ?? 'block'} job running, and libvirt runs one block job per disk ("disk … already in active block job"); pivot or cancel it before you ${what}.`;
}

/** Why a job that needs a root node cannot run on `loc` (a node in a quorum member's chain, guest running), or null. */
export function rootOnlyReason(doc: DomainDoc, loc: Located, what: string): string | null {
  if (doc.state !== 'running') return null;
  const path = pathTo(doc.disks[loc.disk]!.src, loc.node) ?? [];
  if (!path.slice(0, -1).some(isQuorum)) return null;
  return `${label(doc, loc.disk, loc.node)} is in a quorum member's chain, and QEMU runs ${what} only along the backing chain of a root node ("Need a root block node"). While the guest runs it cannot be done there; pull into the member instead, or do it offline.`;
}
