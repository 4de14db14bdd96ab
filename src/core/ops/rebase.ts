/**
 * Rebase: image U gets another backing file N from further down its own
 * chain, and the layers between them leave the chain, with what the guest
 * reads through U unchanged. In the editor: the edge from U to its backing
 * file, dragged down onto N.
 *
 * What the tools do (measured on qemu-img / QEMU 7.2, docs/decisions.md
 * "Rebase"):
 * - Offline, `qemu-img rebase -f FMT -b N -F NFMT -- U` (safe mode) copies
 *   into U every cluster where the old chain and N differ, then rewrites U's
 *   header. The skipped images are not touched and stay valid images.
 *   Only qcow2 and qed can change their backing file (qcow, vmdk, vdi, vpc,
 *   vhdx, parallels: "Operation not supported"); `-F` is required ("backing
 *   format must be specified"); a relative `-b` is resolved against U's
 *   directory, not the shell's.
 * - Running, QEMU has no safe rebase onto an arbitrary image
 *   (change-backing-file only rewrites the header, which changes what the
 *   guest reads). The live way to skip the layers between U and N is a
 *   stream with N as base, which is exactly `pull(U, base N)`: a running
 *   rebase is that pull, with the same document change and commands.
 *
 * So N must be strictly below U in U's own chain: through single backing
 * links, no quorum between them, on U's disk.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { pathTo } from '../model/walk';
import { addressOf } from '../numbers/address';
import { diskTarget, sourceText } from '../numbers/names';
import { busyReason } from './guards';
import type { Located } from './locate';
import { findByUid, isQuorum, label, labels, ok, resolveAt } from './locate';
import { pull } from './pull';
import type { OpResult } from './types';
import { refuse } from './types';

export interface RebaseArgs {
  /** U, the image whose backing file changes: an editor uid (what the graph sends), or an address (what the CLI takes). */
  readonly uid: string;
  /** N, the new backing file, likewise. */
  readonly onto: string;
}

/** A rebase that can be done, with what the host commands need. */
export interface RebasePlan {
  readonly u: Located;
  readonly n: Located;
  /** The layers between U and N (U's current backing file first): they leave the chain. */
  readonly skipped: readonly SrcNode[];
  /** Addresses of U and N that resolve to exactly those nodes: what pull and its commands take. */
  readonly uAt: string;
  readonly nAt: string;
}

/** Formats whose backing file qemu-img and QEMU can change (7.2: qcow2 and qed; anything else is "Operation not supported"). */
export const REBASABLE_FORMATS: readonly string[] = ['qcow2', 'qed'];

/** Source types qemu-img can open by a path on the host: files and block devices. */
const LOCAL_TYPES: readonly (string | null)[] = ['file', 'block', null];

const UID = /^n\d+$/;

/** A node by uid, else by address; a string is why neither found it. */
function find(doc: DomainDoc, ref: string, role: 'U' | 'N'): Located | string {
  const byUid = findByUid(doc, ref);
  if (byUid) return byUid;
  const at = resolveAt(doc, ref);
  if (typeof at !== 'string') return at;
  if (UID.test(ref.trim())) {
    return role === 'U'
      ? `The image to rebase (${ref}) is no longer in the document; select its backing edge again.`
      : `The new backing file (${ref}) is no longer in the document; drop the edge on an image that is there.`;
  }
  return role === 'U' ? `The image to rebase: ${at}` : `The new backing file: ${at}`;
}

/**
 * An address that names `loc`'s node and no other: the dialect's `TARGET[N]`,
 * else its source path; null when neither does (a running document without
 * ids and with the path used twice).
 */
function uniqueAddress(doc: DomainDoc, loc: Located): string | null {
  const candidates = [addressOf(doc, loc.disk, loc.node, loc.position), sourceText(loc.node)];
  for (const c of candidates) {
    if (c === null || c === '') continue;
    const r = resolveAt(doc, c);
    if (typeof r !== 'string' && r.node === loc.node) return c;
  }
  return null;
}

/** Why N, not below U, cannot be U's new backing file: where it is, then what to do instead. */
function notBelow(doc: DomainDoc, u: Located, n: Located): string {
  const U = label(doc, u.disk, u.node);
  const N = label(doc, n.disk, n.node);
  const where =
    u.disk !== n.disk
      ? `${N} is on disk ${diskTarget(doc.disks[n.disk]!, n.disk)}, not below ${U} (disk ${diskTarget(doc.disks[u.disk]!, u.disk)}).`
      : pathTo(n.node, u.node) !== null
        ? `${N} is above ${U}, not below it: it reads through it, so the rebase would make a loop.`
        : `${N} is in another quorum member's chain, not below ${U}.`;
  const how =
    doc.state === 'running'
      ? 'A rebase onto an image that is not below it changes what the guest reads, and QEMU has no safe live rebase (only a stream down to an image below): stop the guest and use qemu-img rebase on a copy, or copy the disk.'
      : 'An image that is not below it would be shared with another user, whose writes change what the guest reads through it (and the document holds each image once): rebase onto an image below it, or copy the disk.';
  return `${where} ${how}`;
}

/**
 * Why an offline rebase cannot be written as one qemu-img line it can run
 * safely, or null. (Network and other non-local sources are not refused:
 * the edit stands and the commands say why there is no line.)
 */
function offlineReason(doc: DomainDoc, plan: Omit<RebasePlan, 'uAt' | 'nAt'>): string | null {
  const { u, n } = plan;
  const U = label(doc, u.disk, u.node);
  const N = label(doc, n.disk, n.node);
  if (isQuorum(n.node)) {
    return `${N} is a quorum, not an image file: qemu-img rebase takes the new backing file as a file name, and Strata does not write a quorum as a json: file name (the form QEMU's block-stream writes into the header). Start the guest and rebase there (a pull), or rebase onto an image inside a member's chain.`;
  }
  if (n.node.format === null) {
    return `${N} has no format, and qemu-img rebase must be told the new backing file's format (-F; without it qemu-img 7.2 refuses: "backing format must be specified"); set its format first.`;
  }
  for (const [who, loc] of [['the image to rebase', u], ['the new backing file', n]] as const) {
    if (!LOCAL_TYPES.includes(loc.node.type)) continue;
    const p = sourceText(loc.node);
    if (p === null || p === '') return `${label(doc, loc.disk, loc.node)} (${who}) has no path, so there is no file for qemu-img rebase to work on; give it a source path first.`;
    if (!p.startsWith('/')) {
      return `${label(doc, loc.disk, loc.node)} (${who}) has the relative path '${p}': qemu-img would read it from wherever the line runs (and a relative -b from the directory of ${U}), and a path starting with '-' reads as an option; make the path absolute first.`;
    }
  }
  return null;
}

/** The rebase U onto N, checked: the plan, or the reason it cannot be done, in words a user acts on. */
export function planRebase(doc: DomainDoc, args: RebaseArgs): RebasePlan | string {
  const u = find(doc, args.uid, 'U');
  if (typeof u === 'string') return u;
  const n = find(doc, args.onto, 'N');
  if (typeof n === 'string') return n;
  const U = label(doc, u.disk, u.node);
  const N = label(doc, n.disk, n.node);

  const busy = busyReason(doc, u.disk, `rebase ${U}`);
  if (busy) return busy;
  if (isQuorum(u.node)) {
    return `${U} is a quorum: it has members, not a backing file, so there is no backing file to change; rebase inside a member's chain, or the overlay above the quorum.`;
  }
  if (u.node.format === null) {
    return `${U} has no format, which libvirt reads as raw, and a raw image cannot have a backing file; set its format (qcow2 or qed) first.`;
  }
  if (!REBASABLE_FORMATS.includes(u.node.format)) {
    const raw = u.node.format === 'raw' ? 'a raw image has no header that could name a backing file' : `QEMU cannot change the backing file of a ${u.node.format} image (qemu-img rebase and block-stream both end in "Operation not supported")`;
    return `${U} is ${u.node.format === 'raw' ? 'raw' : u.node.format}, and ${raw}; only qcow2 and qed images can be rebased.`;
  }
  if (u.node === n.node) return `${U} cannot be rebased onto itself; drop the edge on an image below it.`;
  const path = u.disk === n.disk ? pathTo(u.node, n.node) : null;
  if (path === null) return notBelow(doc, u, n);

  // path: U, the skipped layers, N.
  const between = path.slice(1, -1);
  for (const x of path.slice(0, -1)) {
    if (isQuorum(x)) {
      return `${label(doc, u.disk, x)} is a quorum between ${U} and ${N}: rebasing onto ${N} would drop the quorum's other members and its vote from what the guest reads. A rebase works along one chain: rebase inside a member's chain, or remove members first (quorum-remove).`;
    }
    if (x.backing.length !== 1) return `${label(doc, u.disk, x)} has ${x.backing.length} backing stores but is not a quorum; fix the chain between ${U} and ${N} first.`;
  }
  if (between.length === 0) return `${N} already backs ${U} directly; there is nothing to rebase (drop the edge on an image further down to skip layers).`;

  if (doc.state !== 'running') {
    const why = offlineReason(doc, { u, n, skipped: between });
    if (why) return why;
  }
  const uAt = uniqueAddress(doc, u);
  const nAt = uniqueAddress(doc, n);
  if (uAt === null || nAt === null) {
    const who = uAt === null ? U : N;
    return `${who} has no id and no path of its own in this document, so no command could name it; give it an id (or a unique path) first.`;
  }
  return { u, n, skipped: between, uAt, nAt };
}

/**
 * Rebase U onto N. The document change is pull's (U backs onto N, the
 * layers between leave the tree, ids are kept and not reused); running, the
 * operation is that pull, offline it is qemu-img rebase.
 */
export function rebase(doc: DomainDoc, args: RebaseArgs): OpResult {
  const plan = planRebase(doc, args);
  if (typeof plan === 'string') return refuse(plan);
  const pulled = pull(doc, { top: plan.uAt, base: plan.nAt });
  if (!pulled.ok) return pulled;
  const { u, n, skipped } = plan;
  const U = label(doc, u.disk, u.node);
  const N = label(doc, n.disk, n.node);
  const many = skipped.length > 1;
  const message =
    doc.state === 'running'
      ? `The guest runs, and QEMU has no live rebase, so this is a pull (block-stream with the new backing file as base). ${pulled.summary.message}`
      : `Rebased ${U} onto ${N}: qemu-img rebase (safe mode) copies into it what ${labels(doc, u.disk, skipped)} held, so what the guest reads through it is unchanged. ` +
        `The skipped image${many ? 's remain valid images' : ' remains a valid image'}, unchanged, but ${many ? 'leave' : 'leaves'} the chain; keep or delete ${many ? 'them' : 'it'}.`;
  return ok(pulled.doc, [], pulled.summary.removed, message);
}
