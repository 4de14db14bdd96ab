/**
 * Quorum membership and threshold on a host. libvirt has no quorum, so there
 * is never a virsh command. QMP (checked on QEMU 7.2): x-blockdev-change
 * adds a child (`node`) or removes one by its edge name (`child`), and QEMU
 * refuses a removal when children ≤ threshold.
 *
 * Limitation: QEMU names a quorum's edges `children.0`, `children.1`, … in
 * the order they were attached and never reuses a number, so after members
 * were added or removed at run time the edge of the K-th member is not
 * `children.K` any more. The document keeps no edge names, so the removal
 * uses the member's index in the quorum as read; check it against
 * `x-debug-query-block-graph` first when the quorum has changed since QEMU
 * opened it.
 */
import { imageAdds, imageArgs } from '../export/blockdev';
import { namesOf } from '../export/names';
import { shQuote } from '../export/shell';
import { sourceText } from '../numbers/names';
import { label } from '../ops/locate';
import type { Ctx } from './context';
import { addedNodes, dels, isReadOnly, locate, removedNodes, sizeLines, sizeSource } from './context';
import type { HostCommands } from './types';

const NO_QUORUM = 'libvirt has no quorum (the design mail\'s proposal was never merged), so there is no virsh command';

export function quorumAddCommands(ctx: Ctx, req: { readonly at: string; readonly file: string }): HostCommands {
  const q = locate(ctx, req.at);
  const member = addedNodes(ctx, q.disk)[0];
  if (!member) throw new Error(`internal: no new member of ${req.at} in the result`);
  const qName = namesOf(ctx.before, q.node).top;
  const from = q.node.backing[0] ? sizeSource(q.node.backing[0]) : null;
  const file = sourceText(member) ?? req.file;
  return {
    virsh: [`# add a member to ${label(ctx.before, q.disk, q.node)}: ${NO_QUORUM}; use the QMP commands.`],
    qmp: [
      ...imageAdds(imageArgs(ctx.after, q.disk, member, isReadOnly(ctx.after, q.disk, member))),
      { execute: 'x-blockdev-change', arguments: { parent: qName, node: namesOf(ctx.after, member).top } },
    ],
    // Members must have equal virtual sizes: the new one takes the first member's.
    prepare: from === null ? [`# create ${file} (raw) with the members' virtual size`] : [...sizeLines(from), `qemu-img create -f raw -- ${shQuote(file)} "$size"`],
    notes: ["The new member must have the same virtual size as the others, and it starts with its own content: QEMU does not copy the other members' data into it."],
  };
}

export function quorumRemoveCommands(ctx: Ctx, req: { readonly at: string }): HostCommands {
  const m = locate(ctx, req.at);
  const q = m.parent!;
  const k = q.backing.indexOf(m.node);
  return {
    virsh: [`# remove ${label(ctx.before, m.disk, m.node)} from its quorum: ${NO_QUORUM}; use the QMP commands.`],
    qmp: [{ execute: 'x-blockdev-change', arguments: { parent: namesOf(ctx.before, q).top, child: `children.${k}` } }, ...dels(ctx.before, removedNodes(ctx, m.disk))],
    prepare: [],
    notes: [
      `children.${k} is the member's place in the quorum as the document lists it; QEMU never reuses an edge number, so if members were added or removed since the quorum was opened, look the edge up with x-debug-query-block-graph first.`,
    ],
  };
}

export function thresholdCommands(ctx: Ctx, req: { readonly at: string; readonly value: number | string }): HostCommands {
  const q = locate(ctx, req.at);
  const what = label(ctx.before, q.disk, q.node);
  return {
    virsh: [`# threshold of ${what}: ${NO_QUORUM}.`],
    qmp: [],
    prepare: [],
    notes: [
      `QEMU cannot change a running quorum's vote-threshold (the quorum driver does not support blockdev-reopen): the threshold ${String(req.value).trim()} takes effect when the quorum is next opened, e.g. from \`strata export qmp\`.`,
    ],
  };
}
