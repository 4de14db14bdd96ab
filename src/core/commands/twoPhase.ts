/**
 * The two phases of a copy or an active commit on a host (domain.md §6),
 * each with its own commands so that the editor can show the job running
 * (libvirt's `<mirror>`) between them. Checked on libvirt 9.0:
 * - `blockcopy … --transient-job --wait` and `blockcommit … --active --wait`
 *   return once the job is ready (`<mirror ready='yes'>`) and leave it running;
 * - `blockjob DOMAIN vda --pivot` ends either by pivoting, `--abort` ends a
 *   copy keeping the disk as it was, and an active commit keeping the overlay.
 * QMP: blockdev-mirror / block-commit start the job; job-complete or
 * block-job-cancel end it (after BLOCK_JOB_READY), and nodes that left the
 * disk are deleted after BLOCK_JOB_COMPLETED.
 */
import { imageDels } from '../export/blockdev';
import { namesForId, namesOf } from '../export/names';
import { shWord } from '../export/shell';
import { readMirror } from '../jobs/mirror';
import { preorder } from '../model/walk';
import { sourceText } from '../numbers/names';
import type { JobEnd } from '../ops/jobs';
import { label } from '../ops/locate';
import type { Ctx } from './context';
import { dels, hasQuorum, isReadOnly, jobId, locate, noVirsh, placeholderNote, removedNodes, reopen, rootName, target, virsh, virshAddress } from './context';
import { blockcopyLine, copyFormat, createLines, mirrorStart } from './copy';
import type { HostCommands, QmpCommand } from './types';

export function copyStartCommands(ctx: Ctx, req: { readonly at: string; readonly dest: string; readonly shallow?: boolean }): HostCommands {
  const at = locate(ctx, req.at);
  const di = at.disk;
  const id = readMirror(ctx.after.disks[di]!, ctx.after.dialect)?.chain[0]?.id;
  if (id === undefined || id === null) throw new Error(`internal: no copy job on ${req.at} in the result`);
  const lines = hasQuorum(ctx.before, di) ? [noVirsh(ctx, di, `copy of ${label(ctx.before, di, at.node)}`)] : [...placeholderNote(ctx), blockcopyLine(ctx, di, req, '--wait')];
  const { qmp, job } = mirrorStart(ctx, di, req, id);
  return {
    virsh: lines,
    qmp,
    prepare: createLines(at.node, req.dest, copyFormat(at.node, req.shallow === true), req.shallow === true),
    notes: [`The job is ready when QEMU reports BLOCK_JOB_READY for ${job}; then pivot or cancel it.`],
  };
}

export function commitStartCommands(ctx: Ctx, req: { readonly top: string; readonly base: string }): HostCommands {
  const { before } = ctx;
  const top = locate(ctx, req.top);
  const base = locate(ctx, req.base);
  const di = top.disk;
  const lines = hasQuorum(before, di)
    ? [noVirsh(ctx, di, `commit of ${label(before, di, top.node)}`)]
    : [...placeholderNote(ctx), virsh(ctx, 'blockcommit', shWord(target(before, di)), '--top', virshAddress(before, di, top.node), '--base', virshAddress(before, di, base.node), '--active', '--wait')];
  const job = jobId('commit', before, di, namesOf(before, top.node).top);
  const qmp: QmpCommand[] = [];
  // block-commit writes into base, which a backing layer opens read-only (libvirt reopens it too).
  if (isReadOnly(before, di, base.node)) qmp.push(reopen(before, di, base.node, false));
  qmp.push({ execute: 'block-commit', arguments: { 'job-id': job, device: rootName(before, di), 'top-node': namesOf(before, top.node).top, 'base-node': namesOf(before, base.node).top } });
  return { virsh: lines, qmp, prepare: [], notes: [`The job is ready when QEMU reports BLOCK_JOB_READY for ${job}; then pivot or keep the overlay.`] };
}

export function jobEndCommands(ctx: Ctx, req: { readonly disk: string; readonly end: JobEnd }): HostCommands {
  const { before } = ctx;
  const di = locate(ctx, req.disk).disk;
  const disk = before.disks[di]!;
  const job = readMirror(disk, before.dialect);
  if (!job) throw new Error(`internal: ${req.disk} has no job in the document before`);
  const flag = req.end === 'pivot' ? '--pivot' : '--abort';
  const lines = hasQuorum(before, di) ? [noVirsh(ctx, di, `the job on ${label(before, di, disk.src)}`)] : [...placeholderNote(ctx), virsh(ctx, 'blockjob', shWord(target(before, di)), flag)];
  const qmp: QmpCommand[] = [];
  const notes: string[] = [];
  if (job.job === 'copy') {
    const id = jobId('copy', before, di, rootName(before, di));
    if (req.end === 'pivot') {
      qmp.push({ execute: 'job-complete', arguments: { id } }, ...dels(before, removedNodes(ctx, di)));
    } else {
      const copyId = job.chain[0]?.id;
      qmp.push({ execute: 'block-job-cancel', arguments: { device: id } });
      if (copyId !== null && copyId !== undefined) qmp.push(...imageDels(namesForId(before, di, copyId, { type: job.chain[0]!.type ?? 'file', format: job.format ?? 'qcow2' })));
    }
    notes.push(`Send blockdev-del once QEMU reports BLOCK_JOB_COMPLETED for ${id}.`);
  } else {
    const id = jobId('commit', before, di, namesOf(before, disk.src).top);
    const base = preorder(disk.src).find((v) => v.position > 0 && sourceText(v.node) === job.dest)?.node;
    if (req.end === 'pivot') qmp.push({ execute: 'job-complete', arguments: { id } }, ...dels(before, removedNodes(ctx, di)));
    else {
      qmp.push({ execute: 'block-job-cancel', arguments: { device: id } });
      // The overlay stays: base is a backing layer again.
      if (base && isReadOnly(before, di, base)) qmp.push(reopen(before, di, base, true));
    }
    notes.push(`Send the commands after the first once QEMU reports BLOCK_JOB_COMPLETED for ${id}.`);
  }
  return { virsh: lines, qmp, prepare: [], notes };
}
