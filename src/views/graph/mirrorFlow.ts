/**
 * A running block job in the graph. A copy's `<mirror>` chain is drawn as
 * dashed nodes in a column right of its disk (not nodes of the tree: the
 * guest does not run on them until the job pivots); an active commit's
 * mirror is the base, already in the tree, so it is drawn as a dashed edge
 * from the active layer to the base.
 */
import type { Edge, Node } from '@xyflow/react';
import type { DiskView } from '../../core/numbers/derive';
import type { MirrorLayer, MirrorView } from '../../core/jobs/mirror';
import type { Point } from '../../core/layout';
import { LEVEL_HEIGHT, MIRROR_GAP, NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';

export interface MirrorNodeData extends Record<string, unknown> {
  readonly layer: MirrorLayer;
  /** 0 for the copy's own image, then its backing chain. */
  readonly index: number;
  readonly target: string;
  readonly job: string;
  readonly ready: string | null;
}
export type MirrorFlowNode = Node<MirrorNodeData, 'mirror'>;

export function jobLabel(m: MirrorView): string {
  const job = m.job ?? 'job';
  return `${job} · ${m.isReady ? 'ready' : (m.ready ?? 'running')}`;
}

/** Dashed nodes for a copy job's chain, right of the disk's nodes (`right` is their right edge). */
export function mirrorNodes(disk: DiskView, top: Point, right: number, prev: ReadonlyMap<string, unknown>): MirrorFlowNode[] {
  const m = disk.mirror;
  if (!m || m.job === 'active-commit') return [];
  return m.chain.map((layer, index) => {
    const id = `mirror:${disk.uid}:${index}`;
    const position = { x: right + MIRROR_GAP, y: top.y + index * LEVEL_HEIGHT };
    const data: MirrorNodeData = { layer, index, target: disk.target, job: m.job ?? 'job', ready: m.ready };
    const old = prev.get(id) as MirrorFlowNode | undefined;
    if (old && old.position.x === position.x && old.position.y === position.y && JSON.stringify(old.data) === JSON.stringify(data)) return old;
    return {
      id,
      type: 'mirror',
      position,
      data,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // A declared size: React Flow counts the graph initialised (and fits it) without mounting every node.
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      draggable: false,
      selectable: false,
      focusable: false,
      ariaLabel: `${index === 0 ? 'Copy destination' : 'Copy backing'} ${layer.source ?? ''}, id ${layer.id ?? 'none'} (${jobLabel(m)})`,
      domAttributes: {
        'data-mirror': disk.target,
        'data-mirror-index': String(index),
        'data-node-id': layer.id === null ? '' : String(layer.id),
      } as Record<string, string>,
    };
  });
}

const DASHED = { type: 'smoothstep', focusable: false, markerEnd: { type: 'arrowclosed' as never, width: 18, height: 18 } } as const;

/** Edges of a job: top -> copy (or top -> base for an active commit), and down the copy's chain. */
export function mirrorEdges(disk: DiskView): Edge[] {
  const m = disk.mirror;
  const top = disk.nodes[0];
  if (!m || !top) return [];
  if (m.job === 'active-commit') {
    const base = disk.nodes.find((v) => v.position > 0 && v.source === m.dest);
    if (!base) return [];
    return [{ ...DASHED, id: `mirror:${disk.uid}:commit`, source: top.uid, sourceHandle: 'job-out', target: base.uid, targetHandle: 'job-in', label: jobLabel(m), className: 'edge-mirror' }];
  }
  const out: Edge[] = [{ ...DASHED, id: `mirror:${disk.uid}:job`, source: top.uid, sourceHandle: 'job-out', target: `mirror:${disk.uid}:0`, targetHandle: 'side', label: jobLabel(m), className: 'edge-mirror' }];
  for (let i = 1; i < m.chain.length; i++) {
    out.push({ ...DASHED, id: `mirror:${disk.uid}:${i - 1}->${i}`, source: `mirror:${disk.uid}:${i - 1}`, target: `mirror:${disk.uid}:${i}`, className: 'edge-mirror' });
  }
  // A shallow copy keeps the disk's own backing chain (libvirt writes its mirror without one): link it there.
  const shared = top.childUids[0];
  if (m.shallow && m.chain.length === 1 && shared !== undefined) {
    out.push({ ...DASHED, id: `mirror:${disk.uid}:shares`, source: `mirror:${disk.uid}:0`, target: shared, targetHandle: 'job-in', label: 'backed by', className: 'edge-mirror edge-mirror-shared' });
  }
  return out;
}
