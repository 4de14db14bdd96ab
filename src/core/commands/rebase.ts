/**
 * Rebase on a host (ops/rebase.ts says why it is what it is):
 * - running: the commands of pull(U, base N), unchanged: `virsh blockpull
 *   DOMAIN vda --base N --wait` for the active layer, QMP block-stream with
 *   `base-node` for any node;
 * - offline: one sh line, `qemu-img rebase -f FMT -b N -F NFMT -- U` (safe
 *   mode), and no virsh or QMP command: libvirt has no command that changes
 *   a backing file, and no QEMU runs. Checked on qemu-img 7.2 by
 *   test/system/rebase.test.ts, which runs the printed line.
 */
import type { SrcNode } from '../model/types';
import { shWord } from '../export/shell';
import { sourceText } from '../numbers/names';
import { label, labels } from '../ops/locate';
import type { RebaseArgs } from '../ops/rebase';
import { planRebase } from '../ops/rebase';
import type { Ctx } from './context';
import { hasQuorum, target, virsh, virshAddress } from './context';
import { pullCommands } from './jobs';
import type { HostCommands } from './types';

/** A path qemu-img can open on the host (a file or a block device), or null (network, volume, nvme, …). */
function localPath(node: SrcNode): string | null {
  if (node.type !== 'file' && node.type !== 'block' && node.type !== null) return null;
  return sourceText(node);
}

export function rebaseCommands(ctx: Ctx, req: RebaseArgs): HostCommands {
  const { before } = ctx;
  const plan = planRebase(before, req);
  if (typeof plan === 'string') throw new Error(`internal: ${plan}`);
  // The live equivalent of skipping the layers between U and N is a stream down to N: pull's commands, as they are.
  if (before.state === 'running') return pullCommands(ctx, { top: plan.uAt, base: plan.nAt });

  const { u, n, skipped } = plan;
  const di = u.disk;
  const U = label(before, di, u.node);
  const N = label(before, di, n.node);
  const live = hasQuorum(before, di)
    ? `QMP block-stream into ${U} with ${N} as base-node (libvirt has no quorum, so virsh cannot)`
    : u.parent !== null
      ? `QMP block-stream into ${U} with ${N} as base-node (virsh blockpull pulls into the active layer only)`
      : virsh(ctx, 'blockpull', shWord(target(before, di)), '--base', virshAddress(before, di, n.node), '--wait');
  const virshLines = [`# The guest is offline, and libvirt has no command that changes a backing file: the qemu-img line (sh) does it. Once the guest runs, the live equivalent is ${live}.`];

  const uPath = localPath(u.node);
  const nPath = localPath(n.node);
  const notes: string[] = [];
  const prepare: string[] = [];
  if (uPath === null || nPath === null) {
    const far = uPath === null ? u.node : n.node;
    notes.push(
      `No qemu-img line: ${label(before, di, far)} is a ${far.type ?? 'typeless'} source, which qemu-img cannot be given as a path on this host; run qemu-img rebase with the image's QEMU filename yourself, or start the guest and rebase there (a pull).`,
    );
  } else {
    prepare.push(`qemu-img rebase -f ${shWord(u.node.format!)} -b ${shWord(nPath)} -F ${shWord(n.node.format!)} -- ${shWord(uPath)}`);
    notes.push(`The guest is offline: run the qemu-img line while no QEMU has ${U} open (qemu-img takes its write lock); there is no QMP command.`);
  }
  const many = skipped.length > 1;
  notes.push(
    `qemu-img rebase (safe mode) reads the old chain through ${labels(before, di, skipped)} and copies into ${U} what differs from ${N}, so the skipped image${many ? 's' : ''} must still be in place; ${many ? 'they stay valid images' : 'it stays a valid image'}, out of the chain.`,
  );
  return { virsh: virshLines, qmp: [], prepare, notes };
}
