/**
 * The lesson bench ("lab"): what the panel's own buttons do, as pure
 * functions over the document and a small lab state. The panel calls these
 * and animates the result; `perform` strings them together the way "Do it
 * for me" does, so the unit tests can run a lesson without a browser.
 */
import type { DomainDoc } from '../model/types';
import type { NodeView } from '../numbers/derive';
import { resolveAddress } from '../numbers/address';
import type { BlockMap, LessonAction, LessonChange, LessonEvent, LessonState } from './types';
import type { MemberState, NameVerdict, ReadTrace, Vote } from './simulate';
import { checkNodeName, quorumOf, quorumVote, readFallsThrough, withWrite, writeLands } from './simulate';
import { perform as performOp, titleOf } from '../operations/registry';
import type { OpRequest } from '../ops/request';

export interface Lab {
  readonly blocks: BlockMap;
  /** uids of quorum members the learner marked corrupt. */
  readonly corrupt: readonly string[];
  readonly events: readonly LessonEvent[];
}

export const EMPTY_LAB: Lab = { blocks: {}, corrupt: [], events: [] };

const withEvent = (lab: Lab, e: LessonEvent, patch: Partial<Lab> = {}): Lab => ({ ...lab, ...patch, events: [...lab.events, e] });

export function labRead(doc: DomainDoc, lab: Lab, block: number, disk = 0): { lab: Lab; trace: ReadTrace } {
  const trace = readFallsThrough(doc, disk, lab.blocks, block);
  const e: LessonEvent = { type: 'read-block', block, outcome: trace.outcome, servedAt: trace.servedBy?.position ?? null };
  return { lab: withEvent(lab, e), trace };
}

export function labWrite(doc: DomainDoc, lab: Lab, block: number, disk = 0): { lab: Lab; layers: NodeView[] } {
  const layers = writeLands(doc, disk);
  const e: LessonEvent = { type: 'write-block', block, layers: layers.length };
  return { lab: withEvent(lab, e, { blocks: withWrite(lab.blocks, layers, block) }), layers };
}

export function labSetCorrupt(lab: Lab, uid: string, corrupt: boolean): Lab {
  const rest = lab.corrupt.filter((u) => u !== uid);
  return { ...lab, corrupt: corrupt ? [...rest, uid] : rest };
}

/** The members of the disk's quorum with their states, and its threshold (NaN when it is not a number). */
export function voters(doc: DomainDoc, lab: Lab, disk = 0): { members: NodeView[]; states: MemberState[]; threshold: number } | null {
  const q = quorumOf(doc, disk);
  if (!q) return null;
  const t = q.quorum.threshold?.trim() ?? '';
  return {
    members: q.members,
    states: q.members.map((m) => (lab.corrupt.includes(m.uid) ? 'corrupt' : 'ok')),
    threshold: /^\d+$/.test(t) ? Number(t) : NaN,
  };
}

export function labVote(doc: DomainDoc, lab: Lab, disk = 0): { lab: Lab; vote: Vote; members: NodeView[]; states: MemberState[] } | null {
  const v = voters(doc, lab, disk);
  if (!v) return null;
  const vote = quorumVote(v.states, v.threshold);
  const e: LessonEvent = { type: 'quorum-read', threshold: v.threshold, ok: vote.ok, corrupt: vote.corrupt, outcome: vote.outcome };
  return { lab: withEvent(lab, e), vote, members: v.members, states: v.states };
}

export function labName(lab: Lab, name: string): { lab: Lab; verdict: NameVerdict } {
  const verdict = checkNodeName(name);
  return { lab: withEvent(lab, { type: 'name-check', name, legal: verdict.legal }), verdict };
}

/** A lesson's world without the editor: the document, its last change, the selection and the lab. */
export interface World {
  readonly doc: DomainDoc;
  readonly lastChange: LessonChange | null;
  readonly selected: string | null;
  readonly lab: Lab;
}

export function stateOf(w: World): LessonState {
  return { doc: w.doc, lastChange: w.lastChange, events: w.lab.events, selected: w.selected };
}

/** One "Do it for me" action on a world; a string is why it could not be done. */
/** The request an `op` action stands for on this document, or why there is none. */
export function requestOf(a: Extract<LessonAction, { kind: 'op' }>, doc: DomainDoc): OpRequest | string {
  return typeof a.request === 'function' ? a.request(doc) : a.request;
}

export function perform(w: World, a: LessonAction): World | string {
  switch (a.kind) {
    case 'op': {
      const req = requestOf(a, w.doc);
      if (typeof req === 'string') return req;
      const r = performOp(w.doc, req);
      if (!r.ok) return r.reason;
      return { ...w, doc: r.doc, lastChange: { label: titleOf(req, w.doc), ...r.summary } };
    }
    case 'select': {
      const r = resolveAddress(w.doc, a.address);
      return r.ok ? { ...w, selected: r.value.node.uid } : r.message;
    }
    case 'read':
      return { ...w, lab: labRead(w.doc, w.lab, a.block).lab };
    case 'write':
      return { ...w, lab: labWrite(w.doc, w.lab, a.block).lab };
    case 'corrupt': {
      const member = quorumOf(w.doc, 0)?.members[a.member];
      return member ? { ...w, lab: labSetCorrupt(w.lab, member.uid, a.corrupt) } : `The disk's quorum has no member ${a.member + 1}.`;
    }
    case 'vote': {
      const r = labVote(w.doc, w.lab);
      return r ? { ...w, lab: r.lab } : 'The disk has no quorum to read from.';
    }
    case 'name':
      return { ...w, lab: labName(w.lab, a.name).lab };
  }
}

/** Runs actions in order; throws on the first that cannot be done (tests want to know which). */
export function performAll(w: World, actions: readonly LessonAction[]): World {
  let cur = w;
  for (const a of actions) {
    const next = perform(cur, a);
    if (typeof next === 'string') throw new Error(`${a.kind}: ${next}`);
    cur = next;
  }
  return cur;
}
