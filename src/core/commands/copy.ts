/**
 * Copy and backup on a host. Copy: `virsh blockcopy`, or QMP blockdev-add
 * of the target + blockdev-mirror, then job-complete (pivot) or
 * block-job-cancel. Backup: `virsh backup-begin`, or blockdev-backup into a
 * temporary target node. The target image must exist before blockdev-add:
 * `prepare` creates it with the source's virtual size. Checked on QEMU 7.2:
 * blockdev-mirror needs a root node as device, so a quorum member cannot be
 * mirrored ("Need a root block node").
 */
import { imageAdds, imageDels, newFileArgs } from '../export/blockdev';
import { namesForId, namesOf } from '../export/names';
import { shQuote, shWord } from '../export/shell';
import type { SrcNode } from '../model/types';
import { counterOf } from '../numbers/ids';
import { sourceText } from '../numbers/names';
import { isQuorum, label } from '../ops/locate';
import type { Ctx } from './context';
import { addedNodes, dels, fmtOf, hasQuorum, insideQuorum, jobId, locate, noVirsh, removedNodes, sizeLines, sizeSource, target } from './context';
import type { HostCommands, QmpCommand } from './types';

/** sh lines creating `dest` as a `format` image of `src`'s virtual size, or (shallow) as an overlay on src's backing file. */
function createLines(src: SrcNode, dest: string, format: string, shallow: boolean): string[] {
  const below = src.backing[0];
  const belowPath = below && !isQuorum(below) ? sourceText(below) : null;
  if (shallow && belowPath !== null) return [`qemu-img create -f qcow2 -b ${shQuote(belowPath)} -F ${fmtOf(below!)} ${shQuote(dest)}`];
  const from = sizeSource(src);
  if (from === null) return [`# create ${dest} (${format}) with the virtual size of the disk`];
  return [...sizeLines(from), `qemu-img create -f ${format} ${shQuote(dest)} "$size"`];
}

export function copyCommands(ctx: Ctx, req: { readonly at: string; readonly dest: string; readonly shallow?: boolean; readonly cancel?: boolean }): HostCommands {
  const { before } = ctx;
  const at = locate(ctx, req.at);
  const di = at.disk;
  const src = at.node;
  const shallow = req.shallow === true;
  const format = shallow ? 'qcow2' : src.format !== null && !isQuorum(src) ? src.format : 'qcow2';
  const t = target(before, di);
  const base = `virsh blockcopy ${t} ${shWord(req.dest)}${shallow ? ' --shallow' : ''} --format ${format}`;
  const virsh = hasQuorum(before, di)
    ? [noVirsh(ctx, di, `copy of ${label(before, di, src)}`)]
    : req.cancel
      ? [`${base} --wait`, `virsh blockjob ${t} --abort`]
      : [`${base} --pivot`];
  if (insideQuorum(before, at)) {
    return { virsh, qmp: [], prepare: [], notes: [`QEMU cannot mirror ${label(before, di, src)}: blockdev-mirror needs a root node as its device, and a quorum member is not one (QEMU 7.2 refuses it).`] };
  }

  // The target's names: the new node of the result, or on cancel the id the copy used up.
  const made = req.cancel ? null : addedNodes(ctx, di)[0];
  const below = shallow ? src.backing[0] : undefined;
  const shape = { type: 'file', format, backing: below ? [below] : [] };
  const names = made ? namesOf(ctx.after, made) : namesForId(before, di, counterOf(before, di), shape);
  const job = jobId('copy', before, di, names.top);
  const qmp: QmpCommand[] = [
    ...imageAdds(newFileArgs(names, req.dest, format, below ? namesOf(before, below).top : null)),
    { execute: 'blockdev-mirror', arguments: { 'job-id': job, device: namesOf(before, src).top, target: names.top, sync: shallow ? 'top' : 'full' } },
  ];
  if (req.cancel) {
    qmp.push({ execute: 'block-job-cancel', arguments: { device: job } });
    // QEMU still holds the target open; the copy stays on disk.
    qmp.push(...imageDels(names));
  } else {
    qmp.push({ execute: 'job-complete', arguments: { id: job } });
    qmp.push(...dels(before, removedNodes(ctx, di)));
  }
  return {
    virsh,
    qmp,
    prepare: createLines(src, req.dest, format, shallow),
    notes: [`Send ${req.cancel ? 'block-job-cancel' : 'job-complete'} once QEMU reports BLOCK_JOB_READY for ${job}, and blockdev-del once it reports BLOCK_JOB_COMPLETED.`],
  };
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
}

export function backupCommands(ctx: Ctx, req: { readonly at: string; readonly dest: string }): HostCommands {
  const { before } = ctx;
  const at = locate(ctx, req.at);
  const di = at.disk;
  let virsh: string[];
  if (hasQuorum(before, di)) virsh = [noVirsh(ctx, di, `backup of ${label(before, di, at.node)}`)];
  else if (at.parent !== null) virsh = [`# virsh backup-begin backs up whole disks; backing up ${label(before, di, at.node)} alone needs QMP (blockdev-backup).`];
  else {
    // backup-begin backs up every disk unless told otherwise.
    const disks = before.disks.map((_, i) =>
      i === di ? `<disk name='${xmlAttr(target(before, i))}' type='file'><target file='${xmlAttr(req.dest)}'/><driver type='qcow2'/></disk>` : `<disk name='${xmlAttr(target(before, i))}' backup='no'/>`,
    );
    virsh = [
      "cat > backup.xml <<'EOF'",
      `<domainbackup><disks>${disks.join('')}</disks></domainbackup>`,
      'EOF',
      `virsh backup-begin ${shWord(ctx.domain)} backup.xml`,
    ];
  }
  // The target is a temporary node: it takes the name of the next id, which stays free for the next new node once it is deleted.
  const names = namesForId(before, di, counterOf(before, di), { type: 'file', format: 'qcow2', backing: [] });
  const job = jobId('backup', before, di, names.top);
  const from = sizeSource(at.node);
  const qmp: QmpCommand[] = [
    ...imageAdds(newFileArgs(names, req.dest, 'qcow2', null)),
    { execute: 'blockdev-backup', arguments: { 'job-id': job, device: namesOf(before, at.node).top, target: names.top, sync: 'full' } },
    ...imageDels(names),
  ];
  return {
    virsh,
    qmp,
    prepare: from === null ? [`# create ${req.dest} (qcow2) with the virtual size of the disk`] : [...sizeLines(from), `qemu-img create -f qcow2 ${shQuote(req.dest)} "$size"`],
    notes: [`Send blockdev-del once QEMU reports BLOCK_JOB_COMPLETED for ${job}. The chain does not change.`],
  };
}
