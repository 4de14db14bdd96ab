/**
 * A big graph's window (issue 12): React Flow is handed only the nodes near
 * what is on screen, not all of them. Even with only visible nodes mounted,
 * every update of its store runs selectors over all nodes and edges (which are
 * visible, which edges to draw): for a 2,000-disk domain's 6,000 nodes that was
 * ~50 ms of each change, and building them ~20 ms more (CPU profile of the
 * longest task). The window is the view plus one screen on each side, moved
 * when the view leaves it; graphs of MAX_ON_SCREEN nodes or fewer are not
 * windowed at all.
 */
import type { Edge } from '@xyflow/react';
import type { FlowNode } from './flowModel';
import type { Box } from './viewLimits';

export interface Built {
  readonly nodes: FlowNode[];
  readonly edges: Edge[];
}

export interface ViewRect {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** The flow-space rectangle on screen in a `w`×`h` pane at viewport `v`. */
export function visibleArea(v: ViewRect, w: number, h: number): Box {
  return { x: -v.x / v.zoom, y: -v.y / v.zoom, width: w / v.zoom, height: h / v.zoom };
}

/** `a` grown by `f` times its own size on every side. */
export function grow(a: Box, f = 1): Box {
  return { x: a.x - a.width * f, y: a.y - a.height * f, width: a.width * (1 + 2 * f), height: a.height * (1 + 2 * f) };
}

export function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

const meets = (a: Box, n: FlowNode): boolean =>
  n.position.x < a.x + a.width && n.position.x + (n.width ?? 0) > a.x && n.position.y < a.y + a.height && n.position.y + (n.height ?? 0) > a.y;

/** The nodes that meet `area` (and those in `keep`, such as the selection), and the edges between them. */
export function windowOf(built: Built, area: Box, keep: ReadonlySet<string>): Built {
  const nodes = built.nodes.filter((n) => keep.has(n.id) || meets(area, n));
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: built.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}
