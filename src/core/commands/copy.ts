/**
 * Copy and backup on a host. Copy: `virsh blockcopy`, or QMP blockdev-add
 * of the target + blockdev-mirror, then job-complete (pivot) or
 * block-job-cancel. Backup: `virsh backup-begin`, or blockdev-backup into a
 * temporary target node. The target image must exist before blockdev-add:
 * `prepare` creates it with the source's virtual size. Checked on QEMU 7.2:
 * blockdev-mirror needs a root node as device, so a quorum member cannot be
 * mirrored ("Need a root block node"). Checked on libvirt 9.0: blockcopy of
 * a persistent domain's disk is refused ("domain is not transient") unless
 * the job is `--transient-job`; the copy's and the backup's target nodes
 * each take an index from the domain's counter.
 */
import { imageAdds, imageDels, newFileArgs } from '../export/blockdev';
import { namesForId, namesOf } from '../export/names';
import { shQuote, shWord } from '../export/shell';
import type { SrcNode } from '../model/types';
import { counterOf } from '../numbers/ids';
import { sourceText } from '../numbers/names';
import { isQuorum, label } from '../ops/locate';
import type { Ctx } from './context';
import { addedNodes, dels, fmtOf, hasQuorum, insideQuorum, jobId, locate, noVirsh, placeholderNote, removedNodes, rootName, sizeLines, sizeSource, target, virsh } from './context';
import type { HostCommands, QmpCommand } from './types';

/** sh lines creating `dest` as a `format` image of `src`'s virtual size, or (shallow) as an overlay on src's backing file. */
export function createLines(src: SrcNode, dest: string, format: string, shallow: boolean): string[] {
  const below = src.backing[0];
  const belowPath = below && !isQuorum(below) ? sourceText(below) : null;
  if (shallow && belowPath !== null) return [`qemu-img create -f qcow2 -b ${shQuote(belowPath)} -F ${fmtOf(below!)} -- ${shQuote(dest)}`];
  const from = sizeSource(src);
  if (from === null) return [`# create ${dest} (${format}) with the virtual size of the disk`];
  return [...sizeLines(from), `qemu-img create -f ${format} -- ${shQuote(dest)} "$size"`];
}

export interface CopyReq {
  readonly at: string;
  readonly dest: string;
  readonly shallow?: boolean;
  readonly cancel?: boolean;
}

/** The copy's image format: qcow2 for a shallow copy (it needs a backing file), else the source's. */
export function copyFormat(src: SrcNode, shallow: boolean): string {
  return shallow ? 'qcow2' : src.format !== null && !isQuorum(src) ? src.format : 'qcow2';
}

/** `virsh blockcopy DOMAIN vda DEST … --transient-job` and what ends it (`--pivot`, `--finish`, or `--wait` to leave it running). */
export function blockcopyLine(ctx: Ctx, di: number, req: CopyReq, end: '--pivot' | '--finish' | '--wait'): string {
  const src = ctx.before.disks[di]!.src;
  const format = copyFormat(src, req.shallow === true);
  return virsh(ctx, 'blockcopy', shWord(target(ctx.before, di)), shWord(req.dest), ...(req.shallow ? ['--shallow'] : []), '--format', format, '--transient-job', end);
}

/** The QMP that starts a mirror of disk `di` into `dest` (the target's names from the id it takes). */
export function mirrorStart(ctx: Ctx, di: number, req: CopyReq, id: number): { qmp: QmpCommand[]; job: string; names: ReturnType<typeof namesForId> } {
  const { before } = ctx;
  const src = locate(ctx, req.at).node;
  const shallow = req.shallow === true;
  const format = copyFormat(src, shallow);
  const below = shallow ? src.backing[0] : undefined;
  const names = namesForId(before, di, id, { type: 'file', format });
  const job = jobId('copy', before, di, rootName(before, di));
  return {
    qmp: [
      ...imageAdds(newFileArgs(names, req.dest, format, below ? namesOf(before, below).top : null)),
      { execute: 'blockdev-mirror', arguments: { 'job-id': job, device: namesOf(before, src).top, target: names.top, sync: shallow ? 'top' : 'full' } },
    ],
    job,
    names,
  };
}

export function copyCommands(ctx: Ctx, req: CopyReq): HostCommands {
  const { before } = ctx;
  const at = locate(ctx, req.at);
  const di = at.disk;
  const src = at.node;
  const shallow = req.shallow === true;
  let lines: string[];
  if (hasQuorum(before, di)) lines = [noVirsh(ctx, di, `copy of ${label(before, di, src)}`)];
  else if (at.parent !== null) lines = [`# virsh blockcopy copies whole disks; copying ${label(before, di, src)} alone needs QMP.`];
  // --finish: wait until the copy is in sync, then end the job and keep the copy as it is (a cancel).
  else lines = [...placeholderNote(ctx), blockcopyLine(ctx, di, req, req.cancel ? '--finish' : '--pivot')];
  if (insideQuorum(before, at)) {
    return { virsh: lines, qmp: [], prepare: [], notes: [`QEMU cannot mirror ${label(before, di, src)}: blockdev-mirror needs a root node as its device, and a quorum member is not one (QEMU 7.2 refuses it).`] };
  }
  // The target's id: the new node of the result, or on cancel the id the copy used up.
  const made = req.cancel ? null : addedNodes(ctx, di)[0];
  const { qmp, job, names } = mirrorStart(ctx, di, req, made?.id ?? counterOf(before, di));
  if (req.cancel) {
    qmp.push({ execute: 'block-job-cancel', arguments: { device: job } });
    // QEMU still holds the target open; the copy stays on disk.
    qmp.push(...imageDels(names));
  } else {
    qmp.push({ execute: 'job-complete', arguments: { id: job } });
    qmp.push(...dels(before, removedNodes(ctx, di)));
  }
  return {
    virsh: lines,
    qmp,
    prepare: createLines(src, req.dest, copyFormat(src, shallow), shallow),
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
  let lines: string[];
  if (hasQuorum(before, di)) lines = [noVirsh(ctx, di, `backup of ${label(before, di, at.node)}`)];
  else if (at.parent !== null) lines = [`# virsh backup-begin backs up whole disks; backing up ${label(before, di, at.node)} alone needs QMP (blockdev-backup).`];
  else {
    // backup-begin backs up every disk unless told otherwise.
    const disks = before.disks.map((_, i) =>
      i === di ? `<disk name='${xmlAttr(target(before, i))}' type='file'><target file='${xmlAttr(req.dest)}'/><driver type='qcow2'/></disk>` : `<disk name='${xmlAttr(target(before, i))}' backup='no'/>`,
    );
    lines = [
      ...placeholderNote(ctx),
      "cat > backup.xml <<'EOF'",
      `<domainbackup><disks>${disks.join('')}</disks></domainbackup>`,
      'EOF',
      virsh(ctx, 'backup-begin', 'backup.xml'),
      `# the backup runs in the background; it is done when 'virsh domjobinfo ${shWord(ctx.domain)}' shows 'Job type: None'.`,
    ];
  }
  // The target is a temporary node, but libvirt gives it an index from the counter (checked on libvirt 9.0), so it uses up an id.
  const names = namesForId(before, di, counterOf(before, di), { type: 'file', format: 'qcow2' });
  const job = jobId('backup', before, di, namesOf(before, at.node).top);
  const from = sizeSource(at.node);
  const qmp: QmpCommand[] = [
    ...imageAdds(newFileArgs(names, req.dest, 'qcow2', null)),
    { execute: 'blockdev-backup', arguments: { 'job-id': job, device: namesOf(before, at.node).top, target: names.top, sync: 'full' } },
    ...imageDels(names),
  ];
  return {
    virsh: lines,
    qmp,
    prepare: from === null ? [`# create ${req.dest} (qcow2) with the virtual size of the disk`] : [...sizeLines(from), `qemu-img create -f qcow2 -- ${shQuote(req.dest)} "$size"`],
    notes: [`Send blockdev-del once QEMU reports BLOCK_JOB_COMPLETED for ${job}. The chain does not change.`],
  };
}
