/**
 * Commit and pull on a host: `virsh blockcommit` / `blockpull`, or the QMP
 * jobs block-commit / block-stream. Checked on QEMU 7.2:
 * - block-commit writes into base, which a backing layer opens read-only:
 *   libvirt (and these commands) reopen it read-write first, and back after.
 * - block-commit works only along the backing chain of a root node; inside a
 *   quorum member's chain QEMU refuses ("not in this backing file chain" with
 *   the quorum as device, "Need a root block node" with the member).
 * - block-stream takes any node as device, also a quorum member's top.
 * Nodes that leave the tree are deleted with blockdev-del once the job ends.
 */
import { namesOf } from '../export/names';
import { shWord } from '../export/shell';
import { findByUid, isChainTop, label } from '../ops/locate';
import type { SrcNode } from '../model/types';
import type { Ctx } from './context';
import { dels, hasQuorum, insideQuorum, isReadOnly, jobId, locate, noVirsh, placeholderNote, removedNodes, reopen, rootName, target, virsh, virshAddress } from './context';
import type { HostCommands, QmpCommand } from './types';

/** The same node as it is after the operation (its backing may have changed). */
function inAfter(ctx: Ctx, node: SrcNode): SrcNode {
  return findByUid(ctx.after, node.uid)?.node ?? node;
}

export function commitCommands(ctx: Ctx, req: { readonly top: string; readonly base: string; readonly keepOverlay?: boolean }): HostCommands {
  const { before } = ctx;
  const top = locate(ctx, req.top);
  const base = locate(ctx, req.base);
  const di = top.disk;
  const active = isChainTop(top);
  // --pivot and --keep-overlay imply --active --wait (virsh help blockcommit); a commit below the top ends by itself.
  const mode = active ? (req.keepOverlay ? ['--active', '--keep-overlay'] : ['--active', '--pivot']) : ['--wait'];
  const lines = hasQuorum(before, di)
    ? [noVirsh(ctx, di, `commit of ${label(before, di, top.node)}`)]
    : [...placeholderNote(ctx), virsh(ctx, 'blockcommit', shWord(target(before, di)), '--top', virshAddress(before, di, top.node), '--base', virshAddress(before, di, base.node), ...mode)];

  if (insideQuorum(before, top)) {
    const why = `QEMU cannot commit inside a quorum member's chain: block-commit follows only the backing chain of a root node, and ${label(before, di, top.node)} is below a quorum (QEMU 7.2 refuses it).`;
    return { virsh: lines, qmp: [], prepare: [], notes: [why] };
  }
  const job = jobId('commit', before, di, namesOf(before, top.node).top);
  const qmp: QmpCommand[] = [];
  const baseRo = isReadOnly(before, di, base.node);
  if (baseRo) qmp.push(reopen(before, di, base.node, false));
  qmp.push({
    execute: 'block-commit',
    arguments: { 'job-id': job, device: rootName(before, di), 'top-node': namesOf(before, top.node).top, 'base-node': namesOf(before, base.node).top },
  });
  const notes: string[] = [];
  if (active) {
    notes.push(`Send ${req.keepOverlay ? 'block-job-cancel' : 'job-complete'} once QEMU reports BLOCK_JOB_READY for ${job}, and what follows once it reports BLOCK_JOB_COMPLETED.`);
    if (req.keepOverlay) {
      qmp.push({ execute: 'block-job-cancel', arguments: { device: job } });
      // The overlay stays; base is a backing layer again.
      if (baseRo) qmp.push(reopen(before, di, base.node, true));
    } else qmp.push({ execute: 'job-complete', arguments: { id: job } });
  } else {
    notes.push(`Send the commands after block-commit once QEMU reports BLOCK_JOB_COMPLETED for ${job}.`);
    if (baseRo) qmp.push(reopen(ctx.after, di, inAfter(ctx, base.node), true));
  }
  qmp.push(...dels(before, removedNodes(ctx, di)));
  return { virsh: lines, qmp, prepare: [], notes };
}

export function pullCommands(ctx: Ctx, req: { readonly top: string; readonly base?: string }): HostCommands {
  const { before } = ctx;
  const top = locate(ctx, req.top);
  const base = req.base === undefined ? null : locate(ctx, req.base);
  const di = top.disk;
  const baseOpt = base === null ? [] : ['--base', virshAddress(before, di, base.node)];
  let lines: string[];
  if (hasQuorum(before, di)) lines = [noVirsh(ctx, di, `pull into ${label(before, di, top.node)}`)];
  else if (top.parent !== null) lines = [`# virsh blockpull pulls into the active layer only; pulling into ${label(before, di, top.node)} needs QMP (block-stream into a backing layer).`];
  else lines = [...placeholderNote(ctx), virsh(ctx, 'blockpull', shWord(target(before, di)), ...baseOpt, '--wait')];

  const name = namesOf(before, top.node).top;
  const job = jobId('pull', before, di, name);
  const ro = isReadOnly(before, di, top.node);
  const qmp: QmpCommand[] = [];
  // Streaming writes into top: a backing layer must be writable for the job, and read-only again after it.
  if (ro) qmp.push(reopen(before, di, top.node, false));
  qmp.push({ execute: 'block-stream', arguments: { 'job-id': job, device: name, ...(base === null ? {} : { 'base-node': namesOf(before, base.node).top }) } });
  if (ro) qmp.push(reopen(ctx.after, di, inAfter(ctx, top.node), true));
  qmp.push(...dels(before, removedNodes(ctx, di)));
  return { virsh: lines, qmp, prepare: [], notes: [`Send the commands after block-stream once QEMU reports BLOCK_JOB_COMPLETED for ${job}.`] };
}
