/**
 * A disk's chain as check compares it: the layers from the top down along
 * the single backing link, and how it ends. A quorum ends the walk (its
 * members are several chains, which the tools and the XML may list in any
 * order), and then the end is unknown, so nothing below is compared.
 */
import type { ChainEnd, SrcNode } from '../model/types';
import { sourceText } from '../model/names';
import { isQuorum } from '../ops/locate';

export interface Chain {
  readonly nodes: readonly SrcNode[];
  /** 'terminated': nothing below the last layer; 'open': unknown (libvirt probes, or the tool did not say). */
  readonly end: ChainEnd;
}

export function chainOf(top: SrcNode): Chain {
  const nodes: SrcNode[] = [];
  let n: SrcNode | undefined = top;
  while (n) {
    nodes.push(n);
    if (isQuorum(n)) return { nodes, end: 'open' };
    n = n.backing[0];
  }
  const last = nodes[nodes.length - 1]!;
  return { nodes, end: last.end };
}

/** What identifies a layer across the two sides: its path (or other source text); null matches nothing. */
export function keyOf(n: SrcNode): string | null {
  return isQuorum(n) ? null : sourceText(n);
}
