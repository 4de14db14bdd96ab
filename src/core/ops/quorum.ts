/**
 * Quorum membership (domain.md §5; `x-blockdev-change`): add a member, remove
 * one (never down to fewer than the threshold), set the vote threshold.
 */
import type { DomainDoc } from '../model/types';
import { preorder } from '../model/walk';
import { takeId } from '../numbers/ids';
import { isQuorum, label, labels, memberLeaveReason, ok, replaceIn, resolveAt } from './locate';
import { makeImage, newFileReason } from './nodes';
import type { OpResult } from './types';
import { refuse } from './types';

export function quorumAdd(doc: DomainDoc, args: { readonly at: string; readonly file: string }): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const q = at.node;
  if (!isQuorum(q)) return refuse(`${args.at} is not a quorum; members can be added only to a quorum.`);
  const bad = newFileReason(doc, args.file);
  if (bad) return refuse(bad);
  const [id, next] = takeId(doc, at.disk);
  const member = makeImage({ id, format: 'raw', file: args.file, end: 'terminated' });
  const out = replaceIn(next, at.disk, q, { ...q, backing: [...q.backing, member] });
  const n = q.backing.length + 1;
  return ok(
    out,
    [member.uid],
    [],
    `Added ${label(out, at.disk, member)} as member ${n} of ${label(doc, at.disk, q)}; the threshold stays ${q.threshold ?? 'unset'}. It must have the same virtual size as the other members; all existing images remain valid.`,
  );
}

export function quorumRemove(doc: DomainDoc, args: { readonly at: string }): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const q = at.parent;
  if (q === null || !isQuorum(q)) return refuse(`${args.at} is not a quorum member.`);
  const why = memberLeaveReason(doc, at.disk, q, at.node);
  if (why) return refuse(why);
  const gone = preorder(at.node).map((v) => v.node);
  const out = replaceIn(doc, at.disk, q, { ...q, backing: q.backing.filter((m) => m !== at.node) });
  const many = gone.length > 1;
  return ok(
    out,
    [],
    gone.map((n) => n.uid),
    `Removed ${labels(doc, at.disk, gone)} from ${label(doc, at.disk, q)}, which now has ${q.backing.length - 1} members and threshold ${q.threshold}. ` +
      `The removed image${many ? 's remain valid images' : ' remains a valid image'} as of the removal, no longer kept in sync.`,
  );
}

export function setThreshold(doc: DomainDoc, args: { readonly at: string; readonly value: number | string }): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const q = at.node;
  if (!isQuorum(q)) return refuse(`${args.at} is not a quorum; only a quorum has a threshold.`);
  const n = q.backing.length;
  const text = String(args.value).trim();
  const v = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(v >= 1 && v <= n)) return refuse(`The threshold must be a whole number from 1 to ${n} (the number of members), not '${text}'.`);
  const out = replaceIn(doc, at.disk, q, q.threshold === String(v) ? q : { ...q, threshold: String(v) });
  return ok(out, [], [], `${label(doc, at.disk, q)} now needs ${v} of ${n} members to agree. All images remain valid.`);
}
