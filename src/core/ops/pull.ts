/**
 * Pull (domain.md §6; `blockpull`, `block-stream`): copies the data of the
 * layers below top up into it and drops them. With a base, top then backs
 * onto base; without one, top becomes standalone (`<backingStore/>`). The
 * pulled-out images are not changed and stay valid.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { chainAbove } from './chain';
import { isQuorum, label, labels, ok, replaceIn, resolveAt } from './locate';
import type { OpResult } from './types';
import { busyReason } from './guards';
import { refuse } from './types';

export interface PullArgs {
  readonly top: string;
  /** Keep the chain from here down; default: pull everything (top becomes standalone). */
  readonly base?: string;
}

export function pull(doc: DomainDoc, args: PullArgs): OpResult {
  const top = resolveAt(doc, args.top);
  if (typeof top === 'string') return refuse(top);
  const t = top.node;
  const di = top.disk;
  const blocked = busyReason(doc, di, 'pull');
  if (blocked) return refuse(blocked);
  if (isQuorum(t)) return refuse(`${args.top} is a quorum, which holds no data of its own; pull into a member or into an overlay on the quorum.`);
  if (t.backing.length === 0) return refuse(`${label(doc, di, t)} has no backing store; there is nothing to pull.`);
  if (t.backing.length > 1) return refuse(`${label(doc, di, t)} has ${t.backing.length} backing stores but is not a quorum; fix the chain first.`);

  let dropped: SrcNode[];
  let next: SrcNode;
  let rest: string;
  if (args.base !== undefined) {
    const base = resolveAt(doc, args.base);
    if (typeof base === 'string') return refuse(base);
    const above = chainAbove(doc, top, base, args.top, args.base);
    if (typeof above === 'string') return refuse(above);
    dropped = above.slice(1);
    if (dropped.length === 0) return refuse(`${label(doc, di, base.node)} already backs ${label(doc, di, t)} directly; there is nothing to pull.`);
    next = { ...t, backing: [base.node] };
    rest = `${label(doc, di, t)} now backs onto ${label(doc, di, base.node)}`;
  } else {
    dropped = preorder(t).slice(1).map((v) => v.node);
    next = { ...t, backing: [], end: 'terminated' };
    rest = `${label(doc, di, t)} is now standalone (its chain ends with <backingStore/>)`;
  }
  const many = dropped.length > 1;
  const message =
    `Pulled the data of ${labels(doc, di, dropped)} into ${label(doc, di, t)}; ${rest}. ` +
    `The pulled-out image${many ? 's remain valid images' : ' remains a valid image'}, unchanged; keep or delete ${many ? 'them' : 'it'}.`;
  return ok(replaceIn(doc, di, t, next), [], dropped.map((n) => n.uid), message);
}
