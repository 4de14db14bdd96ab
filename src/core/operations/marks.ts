/**
 * What the graph marks after an operation, until the next change: the nodes
 * it added, the ones it renumbered (with what they were called), and, on
 * the node that used them, the ones it removed. So a learner sees the
 * before and the after on one canvas.
 */
import type { DerivedDoc, NodeView } from '../numbers/derive';
import { derive } from '../numbers/derive';
import type { DomainDoc } from '../model/types';
import type { OpSummary } from '../ops/types';

export interface ChangeMarks {
  readonly added: ReadonlySet<string>;
  /** uid → its node name before the operation (`vda[2]`, `ide0-0-0[1]`), for nodes whose id changed (not those that only moved down). */
  readonly renumbered: ReadonlyMap<string, string>;
  /** uid of a node still there → the labels of what was removed from below it. */
  readonly removedBelow: ReadonlyMap<string, readonly string[]>;
}

export const NO_MARKS: ChangeMarks = { added: new Set(), renumbered: new Map(), removedBelow: new Map() };

const nameOf = (v: NodeView): string => v.name ?? (v.id === null ? v.headline : `[${v.id}]`);

/** The nearest node above `v` (in the document before) that is still there after. */
function survivor(before: DerivedDoc, after: DerivedDoc, v: NodeView): string | null {
  let p = v.parentUid;
  while (p !== null && !after.byUid.has(p)) p = before.byUid.get(p)?.parentUid ?? null;
  return p;
}

export function changeMarks(before: DomainDoc, after: DomainDoc, summary: Pick<OpSummary, 'added' | 'removed'>): ChangeMarks {
  const a = derive(after);
  const b = derive(before);
  const added = new Set(summary.added.filter((u) => a.byUid.has(u)));
  const renumbered = new Map<string, string>();
  for (const [uid, v] of a.byUid) {
    const old = b.byUid.get(uid);
    // A position that changes (an overlay on top moves every layer down one) is not a renumber: only a changed id is.
    if (old && !added.has(uid) && old.id !== v.id) renumbered.set(uid, nameOf(old));
  }
  const removedBelow = new Map<string, string[]>();
  for (const uid of summary.removed) {
    const v = b.byUid.get(uid);
    if (!v) continue;
    const at = survivor(b, a, v);
    if (at === null) continue;
    const list = removedBelow.get(at) ?? [];
    list.push(`${v.headline}${v.source ? ` ${v.source.slice(v.source.lastIndexOf('/') + 1)}` : ''}`);
    removedBelow.set(at, list);
  }
  return { added, renumbered, removedBelow };
}
