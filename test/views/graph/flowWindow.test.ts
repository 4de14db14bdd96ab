/** A big graph's window (src/views/graph/flowWindow.ts): what React Flow is handed around the view. */
import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import type { FlowNode } from '../../../src/views/graph/flowModel';
import { contains, grow, visibleArea, windowOf } from '../../../src/views/graph/flowWindow';

const node = (id: string, x: number, y: number): FlowNode => ({ id, type: 'image', position: { x, y }, width: 220, height: 92, data: {} }) as unknown as FlowNode;
const edge = (source: string, target: string): Edge => ({ id: `${source}->${target}`, source, target });

describe('flowWindow', () => {
  it('the visible area is the pane in flow coordinates; grow adds its own size on each side', () => {
    const a = visibleArea({ x: -500, y: -100, zoom: 0.5 }, 800, 600);
    expect(a).toEqual({ x: 1000, y: 200, width: 1600, height: 1200 });
    expect(grow(a)).toEqual({ x: -600, y: -1000, width: 4800, height: 3600 });
    expect(contains(grow(a), a)).toBe(true);
    expect(contains(a, grow(a))).toBe(false);
  });

  it('keeps the nodes that meet the area, the kept ones wherever they are, and only edges between kept nodes', () => {
    // A row of disks 310 px apart, two levels each.
    const nodes: FlowNode[] = [];
    const edges: Edge[] = [];
    for (let i = 0; i < 100; i++) {
      nodes.push(node(`t${i}`, i * 310, 0), node(`b${i}`, i * 310, 152));
      edges.push(edge(`t${i}`, `b${i}`));
    }
    const w = windowOf({ nodes, edges }, { x: 0, y: 0, width: 1000, height: 500 }, new Set(['b90']));
    // Disks 0..3 meet x < 1000 (disk 3 starts at 930); b90 is kept though far away.
    expect(w.nodes.map((n) => n.id)).toEqual(['t0', 'b0', 't1', 'b1', 't2', 'b2', 't3', 'b3', 'b90']);
    expect(w.edges.map((e) => e.id)).toEqual(['t0->b0', 't1->b1', 't2->b2', 't3->b3']);
    // A node only touching the area's edge does not meet it.
    expect(windowOf({ nodes: [node('x', 1000, 0)], edges: [] }, { x: 0, y: 0, width: 1000, height: 500 }, new Set()).nodes).toEqual([]);
  });
});
