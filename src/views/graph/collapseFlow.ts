/**
 * A collapsed run of layers in the graph: one node "… N layers …" where the
 * middle of a long chain would be, edges through it, and the positions of
 * what is drawn below moved up by the levels the group stands for.
 */
import type { Edge, Node } from '@xyflow/react';
import type { CollapsePlan, CollapsedGroup } from '../../core/collapse';
import { collapsedShift } from '../../core/collapse';
import type { DomainDoc } from '../../core/model/types';
import type { DerivedDoc } from '../../core/numbers/derive';
import type { Point } from '../../core/layout';
import { LEVEL_HEIGHT, NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';
import { thousands } from '../../core/text/thousands';

export interface CollapsedNodeData extends Record<string, unknown> {
  readonly group: CollapsedGroup;
  /** The first and last hidden layers' labels (`vda[4]` … `vda[9999]`). */
  readonly first: string;
  readonly last: string;
  readonly target: string;
}
export type CollapsedFlowNode = Node<CollapsedNodeData, 'collapsed'>;

/** Positions with every drawn node moved up past the groups above it, and each group at its first hidden layer's place. */
export function collapsedPositions(doc: DomainDoc, plan: CollapsePlan, positions: ReadonlyMap<string, Point>): ReadonlyMap<string, Point> {
  if (plan.groups.length === 0) return positions;
  const shift = collapsedShift(doc, plan);
  const out = new Map<string, Point>();
  for (const [uid, p] of positions) {
    if (plan.hidden.has(uid)) continue;
    const s = shift.get(uid) ?? 0;
    out.set(uid, s === 0 ? p : { x: p.x, y: p.y - s * LEVEL_HEIGHT });
  }
  for (const g of plan.groups) {
    const p = positions.get(g.uids[0]!) ?? { x: 0, y: 0 };
    out.set(g.id, { x: p.x, y: p.y - (shift.get(g.uids[0]!) ?? 0) * LEVEL_HEIGHT });
  }
  return out;
}

export function collapsedNodes(derived: DerivedDoc, plan: CollapsePlan, disk: number, positions: ReadonlyMap<string, Point>, prev: ReadonlyMap<string, unknown>): CollapsedFlowNode[] {
  const out: CollapsedFlowNode[] = [];
  for (const g of plan.groups) {
    if (g.disk !== disk) continue;
    const position = positions.get(g.id) ?? { x: 0, y: 0 };
    const first = derived.byUid.get(g.uids[0]!)?.headline ?? '?';
    const last = derived.byUid.get(g.uids[g.uids.length - 1]!)?.headline ?? '?';
    const old = prev.get(g.id) as CollapsedFlowNode | undefined;
    if (old && old.position.x === position.x && old.position.y === position.y && old.data.group.uids.length === g.uids.length && old.data.first === first && old.data.last === last) {
      out.push(old);
      continue;
    }
    out.push({
      id: g.id,
      type: 'collapsed',
      position,
      data: { group: g, first, last, target: derived.disks[disk]?.target ?? '' },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // A declared size: React Flow counts the graph initialised (and fits it) without mounting every node.
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      draggable: false,
      ariaLabel: `${thousands(g.uids.length)} layers not drawn, ${first} to ${last}`,
      domAttributes: { 'data-collapsed': String(g.uids.length) } as Record<string, string>,
    });
  }
  return out;
}

/** The edges into and out of each group (the hidden layers' own edges are not drawn). */
export function collapsedEdges(plan: CollapsePlan): Edge[] {
  const out: Edge[] = [];
  for (const g of plan.groups) {
    out.push({ id: `${g.above}->${g.id}`, source: g.above, target: g.id, type: 'smoothstep', className: 'edge-backing edge-collapsed', markerEnd: { type: 'arrowclosed' as never, width: 18, height: 18 }, focusable: false, selectable: false });
    if (g.below) out.push({ id: `${g.id}->${g.below}`, source: g.id, target: g.below, type: 'smoothstep', className: 'edge-backing edge-collapsed', markerEnd: { type: 'arrowclosed' as never, width: 18, height: 18 }, focusable: false, selectable: false });
  }
  return out;
}

