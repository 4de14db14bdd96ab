/**
 * Commit (domain.md §6; `blockcommit`, `block-commit`): merges top..above-base
 * down into base. Below a chain top the committed layers leave the chain and
 * top's user backs onto base. On a chain top (the active layer) it is a
 * two-phase job: pivot (base takes top's place; the default) or keep the
 * overlay (the tree is unchanged).
 */
import type { DomainDoc } from '../model/types';
import { chainAbove } from './chain';
import { isChainTop, label, labels, ok, replaceIn, resolveAt, withSrc } from './locate';
import { promote } from './nodes';
import type { OpResult } from './types';
import { busyReason, rootOnlyReason } from './guards';
import { refuse } from './types';

export interface CommitArgs {
  readonly top: string;
  readonly base: string;
  /** Active commit only: keep the overlay active instead of pivoting to base. */
  readonly keepOverlay?: boolean;
}

export function commit(doc: DomainDoc, args: CommitArgs): OpResult {
  const top = resolveAt(doc, args.top);
  if (typeof top === 'string') return refuse(top);
  const base = resolveAt(doc, args.base);
  if (typeof base === 'string') return refuse(base);
  const committed = chainAbove(doc, top, base, args.top, args.base);
  if (typeof committed === 'string') return refuse(committed);
  const blocked = busyReason(doc, top.disk, 'commit') ?? rootOnlyReason(doc, top, 'a commit');
  if (blocked) return refuse(blocked);

  const di = top.disk;
  const b = base.node;
  const gone = labels(doc, di, committed);
  const baseName = label(doc, di, b);
  const invalid = `${gone} ${committed.length > 1 ? 'are' : 'is'} no longer ${committed.length > 1 ? 'valid images' : 'a valid image'} (delete ${committed.length > 1 ? 'them' : 'it'})`;
  const removed = committed.map((n) => n.uid);

  if (!isChainTop(top)) {
    if (args.keepOverlay) return refuse(`keepOverlay applies only to an active commit; ${args.top} is not a chain top.`);
    const user = top.parent!;
    const next = replaceIn(doc, di, user, { ...user, backing: user.backing.map((x) => (x === top.node ? b : x)) });
    return ok(next, [], removed, `Committed ${gone} into ${baseName}; ${label(doc, di, user)} now backs onto it. ${invalid}; ${baseName} and the images above it remain valid.`);
  }
  if (args.keepOverlay) {
    return ok(
      doc,
      [],
      [],
      `Committed ${gone} into ${baseName} and kept ${label(doc, di, top.node)} as the active layer: the tree is unchanged and the chain as a whole remains valid, but ${baseName} now holds the merged data, so anything else built on its old contents is no longer valid.`,
    );
  }
  const next = top.parent === null ? withSrc(doc, di, promote(b, top.node)) : replaceIn(doc, di, top.node, b);
  const where = top.parent === null ? 'the disk now runs on it' : `it replaces ${label(doc, di, top.node)} in its quorum`;
  return ok(next, [], removed, `Committed ${gone} into ${baseName} and pivoted: ${where}. ${invalid}; ${baseName} and the images below it remain valid.`);
}
