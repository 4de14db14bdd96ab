/**
 * Snapshot on a host: `virsh snapshot-create-as --disk-only`, or QMP
 * blockdev-add of each overlay (with `backing: null`) and blockdev-snapshot,
 * which makes the target the overlay's backing and puts the overlay in the
 * target's place. Checked on QEMU 7.2: this works on a quorum member and on
 * a quorum node too; several targets go into one transaction.
 */
import { imageAdds, imageArgs } from '../export/blockdev';
import { namesOf } from '../export/names';
import { shQuote, shWord } from '../export/shell';
import type { SrcNode } from '../model/types';
import { sourceText } from '../numbers/names';
import { isQuorum, label } from '../ops/locate';
import type { SnapshotTarget } from '../ops/snapshot';
import type { Ctx } from './context';
import { addedNodes, fmtOf, hasQuorum, locate, noVirsh, placeholderNote, sizeSource, target, virsh } from './context';
import type { HostCommands, QmpCommand } from './types';

interface Planned {
  readonly disk: number;
  readonly node: SrcNode;
  readonly overlay: SrcNode;
  readonly file: string;
}

/** virsh's --diskspec separates fields with commas; a comma inside a value is written twice. */
function diskspec(disk: string, fields: readonly string[]): string {
  return shWord([disk.replace(/,/g, ',,'), ...fields.map((f) => f.replace(/(=.*)/, (v) => v.replace(/,/g, ',,')))].join(','));
}

function prepareLines(p: Planned): string[] {
  const overlay = shQuote(p.file);
  if (!isQuorum(p.node)) {
    return [`qemu-img create -f qcow2 -b ${shQuote(sourceText(p.node) ?? '')} -F ${fmtOf(p.node)} -- ${overlay}`];
  }
  // An image header cannot name a quorum: take the size from a member, then drop the backing name (QMP links the quorum).
  let member = p.node;
  while (isQuorum(member) && member.backing[0]) member = member.backing[0];
  return [
    `qemu-img create -f qcow2 -b ${shQuote(sizeSource(p.node) ?? '')} -F ${fmtOf(member)} -- ${overlay}`,
    `qemu-img rebase -u -b '' -- ${overlay}`,
  ];
}

export function snapshotCommands(ctx: Ctx, targets: readonly SnapshotTarget[]): HostCommands {
  const planned: Planned[] = targets.map((t) => {
    const loc = locate(ctx, t.at);
    const overlay = addedNodes(ctx, loc.disk).find((n) => n.backing.some((b) => b.uid === loc.node.uid));
    if (!overlay) throw new Error(`internal: no overlay on ${t.at} in the result`);
    return { disk: loc.disk, node: loc.node, overlay, file: sourceText(overlay) ?? '' };
  });

  const lines: string[] = [];
  const specs: string[] = [];
  for (const p of planned) {
    if (hasQuorum(ctx.before, p.disk)) lines.push(noVirsh(ctx, p.disk, `snapshot of ${label(ctx.before, p.disk, p.node)}`));
    else specs.push(diskspec(target(ctx.before, p.disk), [`file=${p.file}`, 'snapshot=external']));
  }
  if (specs.length > 0) {
    // --disk-only snapshots every disk unless told otherwise: the disks not named are excluded explicitly.
    const named = new Set(planned.map((p) => p.disk));
    const others = ctx.before.disks.map((_, i) => i).filter((i) => !named.has(i));
    for (const i of others) specs.push(diskspec(target(ctx.before, i), ['snapshot=no']));
    lines.push(...placeholderNote(ctx), virsh(ctx, 'snapshot-create-as', '--disk-only', '--atomic', '--no-metadata', ...specs.map((s) => `--diskspec ${s}`)));
  }

  const qmp: QmpCommand[] = [];
  const actions = planned.map((p) => {
    qmp.push(...imageAdds(imageArgs(ctx.after, p.disk, p.overlay, false, null)));
    return { node: namesOf(ctx.before, p.node).top, overlay: namesOf(ctx.after, p.overlay).top };
  });
  if (actions.length === 1) qmp.push({ execute: 'blockdev-snapshot', arguments: actions[0]! });
  else qmp.push({ execute: 'transaction', arguments: { actions: actions.map((data) => ({ type: 'blockdev-snapshot', data })) } });

  const notes = planned.some((p) => isQuorum(p.node))
    ? ['The overlay on a quorum has no backing file in its header (a header cannot name a quorum): only QEMU links it, so it must always be opened through QMP.']
    : [];
  return { virsh: lines, qmp, prepare: planned.flatMap(prepareLines), notes };
}
