/**
 * What every operation's host commands need: the domain's name, virsh
 * addresses, QEMU node-names, job ids, which nodes an operation added or
 * removed, and sh lines that create images QMP then opens.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { pathTo, preorder } from '../model/walk';
import { diskTarget, sourceText } from '../numbers/names';
import type { Located } from '../ops/locate';
import { isQuorum, resolveAt } from '../ops/locate';
import { imageArgs, imageDels, readOnlyUids } from '../export/blockdev';
import { namesOf } from '../export/names';
import { shQuote, shWord } from '../export/shell';
import { isElement } from '../xml/tree';
import type { QmpCommand } from './types';
import { rules } from '../dialect/rules';

export interface Ctx {
  readonly before: DomainDoc;
  readonly after: DomainDoc;
  /** The domain's `<name>`, or the placeholder DOMAIN for a document without one (a bare `<disk>`). */
  readonly domain: string;
  /** True when `domain` is the placeholder. */
  readonly placeholder: boolean;
}

/** The placeholder virsh lines use when the document names no domain. */
export const DOMAIN_PLACEHOLDER = 'DOMAIN';

export function domainName(doc: DomainDoc): string | null {
  const root = doc.tree.find(isElement);
  if (root?.name !== 'domain') return null;
  const name = root.children.find((c) => isElement(c) && c.name === 'name');
  const text = name && isElement(name) ? name.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim() : '';
  return text === '' ? null : text;
}

export function makeCtx(before: DomainDoc, after: DomainDoc): Ctx {
  const name = domainName(before);
  return { before, after, domain: name ?? DOMAIN_PLACEHOLDER, placeholder: name === null };
}

/** The line virsh needs first when the domain is a placeholder (a comment, so pasting it does nothing). */
export function placeholderNote(ctx: Ctx): string[] {
  return ctx.placeholder ? [`# ${DOMAIN_PLACEHOLDER}: put your domain's name here (virsh needs it first; a bare <disk> document does not name one).`] : [];
}

/** `virsh COMMAND DOMAIN ARGS…`: virsh takes the domain as the first argument of every block command. */
export function virsh(ctx: Ctx, command: string, ...args: string[]): string {
  return ['virsh', command, shWord(ctx.domain), ...args].join(' ');
}

/** An address of `before` that the operation already accepted; failing here is a caller's mistake. */
export function locate(ctx: Ctx, address: string): Located {
  const loc = resolveAt(ctx.before, address);
  if (typeof loc === 'string') throw new Error(`internal: ${loc}`);
  return loc;
}

export function target(doc: DomainDoc, disk: number): string {
  return diskTarget(doc.disks[disk]!, disk);
}

/**
 * How virsh names a node: `vda[N]` with N the libvirt index (the node id) in
 * the libvirt dialect. Proposal ids are not libvirt indexes (they count per
 * disk from 0), and virsh also accepts a node's file path, so proposal
 * documents are addressed by path; `vda[N]` only when there is none.
 */
export function virshAddress(doc: DomainDoc, disk: number, node: SrcNode): string {
  const t = target(doc, disk);
  const path = sourceText(node);
  // virsh only knows libvirt's numbering: a proposal id is not an index, so virsh gets the file.
  if (rules(doc).address === 'position' && path !== null) return shWord(path);
  if (node.id !== null) return shWord(`${t}[${node.id}]`);
  return shWord(path ?? t);
}

/** A disk with a quorum anywhere: libvirt cannot hold it, so virsh has no command for it. */
export function hasQuorum(doc: DomainDoc, disk: number): boolean {
  return preorder(doc.disks[disk]!.src).some((v) => isQuorum(v.node));
}

export function noVirsh(ctx: Ctx, disk: number, what: string): string {
  return `# ${what}: ${target(ctx.before, disk)} has a quorum, and libvirt has no quorum (the design mail's proposal was never merged), so there is no virsh command; use the QMP commands.`;
}

/** A node that sits in a quorum member's chain (a quorum above it). */
export function insideQuorum(doc: DomainDoc, loc: Located): boolean {
  const path = pathTo(doc.disks[loc.disk]!.src, loc.node) ?? [];
  return path.slice(0, -1).some(isQuorum);
}

/** The node-name of the disk's root, the `device` of block jobs. */
export function rootName(doc: DomainDoc, disk: number): string {
  return namesOf(doc, doc.disks[disk]!.src).top;
}

/**
 * A job id as libvirt names its jobs (checked on libvirt 9.0 with
 * query-block-jobs): `KIND-TARGET-NODE`, KIND one of commit, pull, copy,
 * backup; NODE the commit's top node, for the others the node the job runs
 * on (the disk's top for virsh): `commit-vda-libvirt-3-format`,
 * `pull-vda-libvirt-2-format`, `copy-vda-libvirt-2-format`.
 */
export function jobId(kind: 'commit' | 'pull' | 'copy' | 'backup', doc: DomainDoc, disk: number, nodeName: string): string {
  return `${kind}-${target(doc, disk)}-${nodeName}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function isReadOnly(doc: DomainDoc, disk: number, node: SrcNode): boolean {
  return readOnlyUids(doc.disks[disk]!.src).has(node.uid);
}

/** blockdev-reopen of a node with the same options and another read-only flag (reopen resets whatever is not given). */
export function reopen(doc: DomainDoc, disk: number, node: SrcNode, readOnly: boolean): QmpCommand {
  return { execute: 'blockdev-reopen', arguments: { options: [imageArgs(doc, disk, node, readOnly).top] } };
}

/** Nodes of `before`'s disk that are gone in `after`, users before what they use (the order blockdev-del needs). */
export function removedNodes(ctx: Ctx, disk: number): SrcNode[] {
  const kept = new Set(preorder(ctx.after.disks[disk]!.src).map((v) => v.node.uid));
  return preorder(ctx.before.disks[disk]!.src)
    .map((v) => v.node)
    .filter((n) => !kept.has(n.uid));
}

/** Nodes of `after`'s disk that `before` did not have, in pre-order. */
export function addedNodes(ctx: Ctx, disk: number): SrcNode[] {
  const had = new Set(preorder(ctx.before.disks[disk]!.src).map((v) => v.node.uid));
  return preorder(ctx.after.disks[disk]!.src)
    .map((v) => v.node)
    .filter((n) => !had.has(n.uid));
}

export function dels(doc: DomainDoc, nodes: readonly SrcNode[]): QmpCommand[] {
  return nodes.flatMap((n) => imageDels(namesOf(doc, n)));
}

/** Where to read a node's virtual size: its own source, or for a quorum its first member's (members are equal). */
export function sizeSource(node: SrcNode): string | null {
  let n: SrcNode | undefined = node;
  while (n && isQuorum(n)) n = n.backing[0];
  return n ? sourceText(n) : null;
}

/** sh lines that set $size to the virtual size of the image at `path` (-U: the running QEMU holds its lock). */
export function sizeLines(path: string): string[] {
  return [`size=$(qemu-img info -U --output=json -- ${shQuote(path)} | sed -n 's/^ *"virtual-size": \\([0-9]*\\).*/\\1/p' | head -n 1)`];
}

/** The format qemu-img must be told for a node (`-F`): no format means raw, as libvirt assumes for a top. */
export function fmtOf(node: SrcNode): string {
  return node.format ?? 'raw';
}
