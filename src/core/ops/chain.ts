/** The part of one chain between a top and a base, shared by commit and pull. */
import type { DomainDoc, SrcNode } from '../model/types';
import { pathTo } from '../model/walk';
import type { Located } from './locate';
import { isQuorum, label } from './locate';

/**
 * The nodes from `top` down to the node just above `base` (top first), when
 * base is strictly below top through single backing links with no quorum
 * between; otherwise the reason. `topAt`/`baseAt` are the addresses as given.
 */
export function chainAbove(doc: DomainDoc, top: Located, base: Located, topAt: string, baseAt: string): SrcNode[] | string {
  const path = top.disk === base.disk ? pathTo(top.node, base.node) : null;
  if (path === null || path.length < 2) {
    const why = top.disk !== base.disk ? ' (they are on different disks)' : top.node === base.node ? ' (they are the same node)' : '';
    return `base ${baseAt} is not below top ${topAt}${why}.`;
  }
  const between = path.slice(0, -1);
  for (const n of between) {
    if (isQuorum(n)) {
      return `${label(doc, top.disk, n)} is a quorum between top ${topAt} and base ${baseAt}; these operations work along one chain, so run them on each member's chain.`;
    }
    if (n.backing.length !== 1) return `${label(doc, top.disk, n)} has ${n.backing.length} backing stores; a chain between top and base must have one per level.`;
  }
  return between;
}
