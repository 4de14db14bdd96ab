/**
 * Pure simulations the lessons animate: a guest read falling through a
 * backing chain, where a write lands, a quorum vote, and QEMU's node-name
 * rule (domain.md §5). They model the idea, not QEMU's code: a layer "holds"
 * a block when it was written there (a raw layer has no allocation map, so
 * it holds every block).
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { derive } from '../numbers/derive';
import type { NodeView } from '../numbers/derive';
import type { BlockMap, ReadOutcome, VoteOutcome } from './types';

/** The key a block map uses for a layer: its source (path), or its uid when it has none. */
export function layerKey(v: NodeView): string {
  return v.source ?? v.uid;
}

function holds(v: NodeView, blocks: BlockMap, block: number): boolean {
  if (v.format === 'raw') return true;
  return (blocks[layerKey(v)] ?? []).includes(block);
}

/** The disk's chain from the top down through single backing links, stopping at (and including) a quorum. */
export function chainLayers(doc: DomainDoc, diskIndex: number): NodeView[] {
  const derived = derive(doc);
  const disk = derived.disks[diskIndex];
  if (!disk || disk.nodes.length === 0) return [];
  const out: NodeView[] = [];
  let v: NodeView | undefined = disk.nodes[0];
  while (v) {
    out.push(v);
    if (v.isQuorum || v.childUids.length !== 1) break;
    v = derived.byUid.get(v.childUids[0]!);
  }
  return out;
}

export interface ReadTrace {
  readonly block: number;
  /** The layers the read looked at, top first; the last one answered (or ended the chain). */
  readonly visited: readonly NodeView[];
  readonly outcome: ReadOutcome;
  /** The layer that returned the data (outcome 'found'). */
  readonly servedBy: NodeView | null;
}

/**
 * A guest read of `block`: each layer that does not hold it passes the read
 * to its backing file. Ends at the first layer that holds it ('found'), at a
 * terminated end ('zeros': unallocated everywhere reads as zeros), at an open
 * end ('probe': QEMU would read the header to find more) or at a quorum
 * ('quorum': the members are read and vote, see `quorumVote`).
 */
export function readFallsThrough(doc: DomainDoc, diskIndex: number, blocks: BlockMap, block: number): ReadTrace {
  const layers = chainLayers(doc, diskIndex);
  const visited: NodeView[] = [];
  for (const v of layers) {
    visited.push(v);
    if (v.isQuorum) return { block, visited, outcome: 'quorum', servedBy: null };
    if (holds(v, blocks, block)) return { block, visited, outcome: 'found', servedBy: v };
  }
  const last = visited[visited.length - 1];
  const outcome: ReadOutcome = last?.end === 'open' ? 'probe' : 'zeros';
  return { block, visited, outcome, servedBy: null };
}

/** The active layers a guest write lands in: the disk's top, or every member's chain top below a quorum. */
export function writeLands(doc: DomainDoc, diskIndex: number): NodeView[] {
  const derived = derive(doc);
  const top = derived.disks[diskIndex]?.nodes[0];
  if (!top) return [];
  const out: NodeView[] = [];
  const work: NodeView[] = [top];
  while (work.length > 0) {
    const v = work.shift()!;
    if (!v.isQuorum) out.push(v);
    else for (const c of v.childUids) work.push(derived.byUid.get(c)!);
  }
  return out;
}

/** The block map after a write of `block` into `layers`. */
export function withWrite(blocks: BlockMap, layers: readonly NodeView[], block: number): BlockMap {
  const next: Record<string, readonly number[]> = { ...blocks };
  for (const v of layers) {
    const have = next[layerKey(v)] ?? [];
    if (!have.includes(block)) next[layerKey(v)] = [...have, block].sort((a, b) => a - b);
  }
  return next;
}

/** The first quorum of a disk (pre-order), with its members; null when the disk has none. */
export function quorumOf(doc: DomainDoc, diskIndex: number): { quorum: NodeView; members: NodeView[] } | null {
  const derived = derive(doc);
  const q = derived.disks[diskIndex]?.nodes.find((v) => v.isQuorum);
  if (!q) return null;
  return { quorum: q, members: q.childUids.map((u) => derived.byUid.get(u)!) };
}

export type MemberState = 'ok' | 'corrupt';

export interface Vote {
  readonly threshold: number;
  /** Members that returned the right data (they agree with each other). */
  readonly ok: number;
  readonly corrupt: number;
  /** Votes of the version that won (the biggest group of equal answers). */
  readonly winnerVotes: number;
  readonly outcome: VoteOutcome;
  /** One sentence for the learner. */
  readonly reason: string;
}

/**
 * A quorum read: every member is read and equal answers are grouped. The
 * biggest group wins if it has at least `threshold` votes; otherwise the read
 * fails with an I/O error. Corrupt members are assumed to return garbage that
 * agrees with nothing (each its own group of one), so with threshold 1 and
 * a single healthy member there is a tie QEMU breaks arbitrarily.
 */
export function quorumVote(members: readonly MemberState[], threshold: number): Vote {
  const ok = members.filter((m) => m === 'ok').length;
  const corrupt = members.length - ok;
  const base = { threshold, ok, corrupt };
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > members.length) {
    return { ...base, winnerVotes: 0, outcome: 'failed', reason: `A threshold of ${threshold} is not valid for ${members.length} members (it must be 1..${members.length}); QEMU would not open this quorum.` };
  }
  const winnerVotes = Math.max(ok, corrupt > 0 ? 1 : 0);
  if (winnerVotes < threshold) {
    return { ...base, winnerVotes, outcome: 'failed', reason: `Only ${winnerVotes} member${winnerVotes === 1 ? '' : 's'} agree, fewer than the threshold ${threshold}: the read fails with an I/O error.` };
  }
  if (ok === winnerVotes && (ok > 1 || corrupt === 0)) {
    const out = corrupt === 0 ? 'all members agree' : `the ${corrupt} corrupt member${corrupt === 1 ? ' is' : 's are'} outvoted (and reported)`;
    return { ...base, winnerVotes, outcome: 'correct', reason: `${ok} members agree, at least the threshold ${threshold}: the read returns their data; ${out}.` };
  }
  if (ok === winnerVotes) {
    return { ...base, winnerVotes, outcome: 'ambiguous', reason: `Every answer has 1 vote and the threshold is 1: it is a tie, and QEMU returns one of the versions, possibly garbage.` };
  }
  return { ...base, winnerVotes, outcome: 'wrong', reason: `No healthy member answered, and with threshold 1 a single corrupt answer is enough: the read returns garbage.` };
}

export const NODE_NAME_RULE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
export const NODE_NAME_MAX_BYTES = 31;

export interface NameVerdict {
  readonly name: string;
  readonly legal: boolean;
  /** Why it is illegal (empty when legal). */
  readonly reasons: readonly string[];
}

/** QEMU's rule for a node-name (domain.md §5): `^[A-Za-z][A-Za-z0-9_.-]*$`, at most 31 bytes. */
export function checkNodeName(name: string): NameVerdict {
  const reasons: string[] = [];
  const bytes = new TextEncoder().encode(name).length;
  if (name.length === 0) reasons.push('It is empty.');
  else {
    const first = name[0]!;
    if (!/[A-Za-z]/.test(first)) reasons.push(`It must start with a letter A–Z or a–z, not '${first}'.`);
    const bad = [...new Set([...name.slice(1)].filter((c) => !/[A-Za-z0-9_.-]/.test(c)))];
    if (bad.length > 0) reasons.push(`After the first letter only letters, digits, '_', '.' and '-' are allowed, not ${bad.map((c) => (c === ' ' ? 'a space' : `'${c}'`)).join(', ')}.`);
  }
  if (bytes > NODE_NAME_MAX_BYTES) reasons.push(`It is ${bytes} bytes long; QEMU allows at most ${NODE_NAME_MAX_BYTES}.`);
  return { name, legal: reasons.length === 0, reasons };
}

/** What libvirt calls a node in QEMU (domain.md §5): the format node, or the storage node for raw. */
export function qemuNodeName(node: Pick<SrcNode, 'id' | 'format'>): string | null {
  if (node.id === null) return null;
  return node.format === 'raw' ? `libvirt-${node.id}-storage` : `libvirt-${node.id}-format`;
}
