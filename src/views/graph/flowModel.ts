/**
 * Model + derived numbers + positions -> React Flow nodes and edges. Pure,
 * and it reuses the previous node objects when nothing about a node changed:
 * that identity is what keeps React Flow fast on large graphs.
 */
import type { Edge, Node } from '@xyflow/react';
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';
import type { Point } from '../../core/layout';
import { NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';
import type { Severity } from '../../core/model/diagnostics';
import type { ChangeMarks } from '../../core/operations/marks';
import type { MirrorFlowNode } from './mirrorFlow';
import { mirrorEdges, mirrorNodes } from './mirrorFlow';
import type { GhostFlowNode } from './ghostFlow';
import type { CollapsePlan } from '../../core/collapse';
import { NO_COLLAPSE } from '../../core/collapse';
import type { CollapsedFlowNode } from './collapseFlow';
import { collapsedEdges, collapsedNodes } from './collapseFlow';
import { IMAGE_HANDLES, NO_HANDLES, QUORUM_HANDLES } from './handles';

export interface SrcNodeData extends Record<string, unknown> {
  readonly view: NodeView;
  readonly target: string;
  readonly severity: Severity | null;
  /** What the last operation did to this node, until the next change. */
  readonly mark: NodeMark | null;
  readonly highlighted: boolean;
  readonly memberNames: readonly string[];
}
/** `added`, or what it was called before (renumbered), and what was removed from below it. */
export interface NodeMark {
  readonly added: boolean;
  readonly was: string | null;
  readonly lost: readonly string[];
}
export interface DiskFrameData extends Record<string, unknown> {
  readonly target: string;
  readonly alias: string | null;
  readonly device: string | null;
  readonly counter: number;
  readonly dialectCounter: string;
}
export type SrcFlowNode = Node<SrcNodeData, 'image' | 'quorum'>;
export type FrameFlowNode = Node<DiskFrameData, 'disk'>;
export type FlowNode = SrcFlowNode | FrameFlowNode | MirrorFlowNode | GhostFlowNode | CollapsedFlowNode;

const FRAME_PAD = 22;
const NODE_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT } as const;
const FRAME_HEAD = 34;

export interface BuildInput {
  readonly derived: DerivedDoc;
  readonly positions: ReadonlyMap<string, Point>;
  readonly selected: string | null;
  readonly severities: ReadonlyMap<string, Severity>;
  /** What the last operation added, renumbered and removed. */
  readonly marks: ChangeMarks;
  readonly highlighted: ReadonlySet<string>;
  readonly counterLabel: string;
  /** The selected link's edge id (`user->backing`), or null. */
  readonly selectedEdge: string | null;
  /** Layers of long chains not drawn (one "… N layers …" node each run); none when absent. */
  readonly collapse?: CollapsePlan;
}

function sameData(a: SrcNodeData, b: SrcNodeData): boolean {
  return a.view.node === b.view.node && a.view.position === b.view.position && a.view.name === b.view.name &&
    a.view.address === b.view.address && a.view.isActive === b.view.isActive && a.severity === b.severity &&
    sameMark(a.mark, b.mark) && a.highlighted === b.highlighted && a.target === b.target && a.memberNames.join() === b.memberNames.join() &&
    a.view.parentUid === b.view.parentUid;
}

function markOf(m: ChangeMarks, uid: string): NodeMark | null {
  const added = m.added.has(uid);
  const was = m.renumbered.get(uid) ?? null;
  const lost = m.removedBelow.get(uid) ?? [];
  return added || was !== null || lost.length > 0 ? { added, was, lost } : null;
}

function sameMark(a: NodeMark | null, b: NodeMark | null): boolean {
  return a === b || (a !== null && b !== null && a.added === b.added && a.was === b.was && a.lost.join() === b.lost.join());
}

export function buildNodes(input: BuildInput, prev: readonly FlowNode[]): FlowNode[] {
  const old = new Map<string, FlowNode>();
  for (const n of prev) old.set(n.id, n);
  const out: FlowNode[] = [];
  const plan = input.collapse ?? NO_COLLAPSE;
  input.derived.disks.forEach((disk, d) => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const srcNodes: (SrcFlowNode | CollapsedFlowNode)[] = [];
    for (const v of disk.nodes) {
      if (plan.hidden.has(v.uid)) continue;
      const position = input.positions.get(v.uid) ?? { x: 0, y: 0 };
      minX = Math.min(minX, position.x);
      minY = Math.min(minY, position.y);
      maxX = Math.max(maxX, position.x + NODE_WIDTH);
      maxY = Math.max(maxY, position.y + NODE_HEIGHT);
      const data: SrcNodeData = {
        view: v,
        target: disk.target,
        severity: input.severities.get(v.uid) ?? null,
        mark: markOf(input.marks, v.uid),
        highlighted: input.highlighted.has(v.uid),
        memberNames: v.isQuorum ? v.childUids.map((c) => input.derived.byUid.get(c)?.headline ?? '?') : [],
      };
      const selected = input.selected === v.uid;
      const prevAny = old.get(v.uid);
      const prevNode = prevAny && (prevAny.type === 'image' || prevAny.type === 'quorum') ? prevAny : undefined;
      if (prevNode && sameData(prevNode.data, data) && prevNode.selected === selected &&
        prevNode.position.x === position.x && prevNode.position.y === position.y) {
        srcNodes.push(prevNode);
        continue;
      }
      srcNodes.push({
        id: v.uid,
        type: v.isQuorum ? 'quorum' : 'image',
        position,
        data,
        selected,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        // Declared, so React Flow need not mount an off-screen node to measure it (handles.ts); without `measured`
        // it counts the graph as not initialised until every node was mounted, and never fits the view.
        handles: v.isQuorum ? QUORUM_HANDLES : IMAGE_HANDLES,
        measured: NODE_SIZE,
        ariaLabel: `${v.isQuorum ? 'Quorum' : 'Image'} ${v.headline} (${v.aside.startsWith('#') ? `position ${v.position}` : `node ${v.aside}`})${v.source ? `, ${v.source}` : ''}`,
        domAttributes: {
          'data-disk': disk.target,
          'data-position': String(v.position),
          'data-node-id': v.id === null ? '' : String(v.id),
          'data-address': v.positionLabel,
        } as Record<string, string>,
      });
    }
    for (const c of collapsedNodes(input.derived, plan, d, input.positions, old)) {
      minX = Math.min(minX, c.position.x);
      maxY = Math.max(maxY, c.position.y + NODE_HEIGHT);
      srcNodes.push(c);
    }
    // A running copy job: its chain stands in a column right of the disk, inside the disk's frame.
    const mirror = mirrorNodes(disk, input.positions.get(disk.nodes[0]?.uid ?? '') ?? { x: minX, y: minY }, maxX, old);
    for (const m of mirror) {
      maxX = Math.max(maxX, m.position.x + NODE_WIDTH);
      maxY = Math.max(maxY, m.position.y + NODE_HEIGHT);
    }
    const frameId = `frame:${disk.uid}`;
    const frame: FrameFlowNode = {
      id: frameId,
      type: 'disk',
      position: { x: minX - FRAME_PAD, y: minY - FRAME_PAD - FRAME_HEAD },
      data: { target: disk.target, alias: disk.alias, device: disk.device, counter: disk.counter, dialectCounter: input.counterLabel },
      width: maxX - minX + 2 * FRAME_PAD,
      height: maxY - minY + 2 * FRAME_PAD + FRAME_HEAD,
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: -1,
      handles: NO_HANDLES,
      measured: { width: maxX - minX + 2 * FRAME_PAD, height: maxY - minY + 2 * FRAME_PAD + FRAME_HEAD },
      domAttributes: { 'data-frame': disk.target } as Record<string, string>,
    };
    const prevFrame = old.get(frameId) as FrameFlowNode | undefined;
    const sameFrame = prevFrame && prevFrame.position.x === frame.position.x && prevFrame.position.y === frame.position.y &&
      prevFrame.width === frame.width && prevFrame.height === frame.height && prevFrame.data.target === frame.data.target &&
      prevFrame.data.alias === frame.data.alias && prevFrame.data.counter === frame.data.counter && prevFrame.data.device === frame.data.device &&
      prevFrame.data.dialectCounter === frame.data.dialectCounter;
    out.push(sameFrame ? prevFrame : frame, ...srcNodes, ...mirror);
  });
  return out;
}

/** What a link means, in the words a user reads ("vda[2] web01.qcow2 is the backing file of vda[4] web01.snap1.qcow2"). */
export function linkText(derived: DerivedDoc, user: NodeView, backing: NodeView): string {
  const name = (v: NodeView) => `${v.headline}${v.source ? ` ${v.source.slice(v.source.lastIndexOf('/') + 1)}` : ''}`;
  if (user.isQuorum) return `${name(backing)} is member ${user.childUids.indexOf(backing.uid) + 1} of quorum ${user.headline}`;
  return `${name(backing)} is the backing file of ${name(user)}`;
}

export function buildEdges(derived: DerivedDoc, prev: readonly Edge[], selected: string | null = null, plan: CollapsePlan = NO_COLLAPSE): Edge[] {
  const old = new Map<string, Edge>();
  for (const e of prev) old.set(e.id, e);
  const out: Edge[] = collapsedEdges(plan);
  for (const disk of derived.disks) {
    for (const v of disk.nodes) {
      if (plan.hidden.has(v.uid)) continue;
      v.childUids.forEach((c, i) => {
        if (plan.hidden.has(c)) return;
        const id = `${v.uid}->${c}`;
        const member = v.isQuorum;
        const label = member ? `member ${i + 1}` : undefined;
        const backing = derived.byUid.get(c);
        const ariaLabel = backing ? linkText(derived, v, backing) : undefined;
        const isSelected = selected === id;
        const prevEdge = old.get(id);
        if (prevEdge && prevEdge.label === label && prevEdge.ariaLabel === ariaLabel && (prevEdge.selected ?? false) === isSelected) {
          out.push(prevEdge);
          return;
        }
        // An overlay points at its backing file: [A] <- [B] is drawn B -> A.
        out.push({
          id,
          source: v.uid,
          target: c,
          type: 'smoothstep',
          label,
          className: member ? 'edge-member' : 'edge-backing',
          markerEnd: { type: 'arrowclosed' as never, width: 18, height: 18 },
          // A link is a thing the user can select (Tab, click), delete, and re-point by dragging its arrow end.
          focusable: true,
          selectable: true,
          selected: isSelected,
          reconnectable: member ? false : 'target',
          interactionWidth: 16,
          ariaLabel,
        });
      });
    }
    out.push(...mirrorEdges(disk));
  }
  return out;
}

/** Remembers the last nodes and edges built so the next build can reuse unchanged objects. */
export class FlowCache {
  private nodes: FlowNode[] = [];
  private edges: Edge[] = [];
  build(input: BuildInput): { nodes: FlowNode[]; edges: Edge[] } {
    this.nodes = buildNodes(input, this.nodes);
    this.edges = buildEdges(input.derived, this.edges, input.selectedEdge, input.collapse);
    return { nodes: this.nodes, edges: this.edges };
  }
}
