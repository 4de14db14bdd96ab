/**
 * The links of a graph zoomed far out: one <svg> under the nodes, its paths
 * from FarEdgeLayer (why: see farEdgeLayer.ts), and while a node is dragged
 * its links in a second <svg> above the nodes. GraphView hands React Flow
 * no edges while this is drawn.
 */
import { memo, useCallback, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { EdgeLabelRenderer, ViewportPortal, useStore } from '@xyflow/react';
import type { Edge, ReactFlowState } from '@xyflow/react';
import { shallow } from 'zustand/shallow';
import type { FarEdgeLayer } from './farEdgeLayer';

const ARROW = 'strata-far-arrow';

const FarEdge = memo(function FarEdge({ id, d, className, layer }: { id: string; d: string; className: string; layer: FarEdgeLayer }) {
  // The element is registered so a drag step can rewrite its `d` without a render.
  const ref = useCallback((el: SVGPathElement | null) => layer.attach(id, el), [id, layer]);
  return (
    <g className={className} data-id={id}>
      <path ref={ref} className="react-flow__edge-path" d={d} markerEnd={`url(#${ARROW})`} />
    </g>
  );
});

function drawn(edges: readonly Edge[], layer: FarEdgeLayer): ReactNode[] {
  return edges.map((e) => {
    const d = layer.d(e.id);
    return d ? <FarEdge key={e.id} id={e.id} d={d} className={`${e.className ?? ''}${e.selected ? ' selected' : ''}`} layer={layer} /> : null;
  });
}

export function FarEdges({ edges, layer }: { edges: readonly Edge[]; layer: FarEdgeLayer }) {
  // Re-renders when a path changes in React Flow's store; what is drawn is the layer's (a drag step's path included).
  useStore(useCallback((s: ReactFlowState) => layer.paths(edges, s.nodeLookup, s.connectionMode), [edges, layer]), shallow);
  const live = useSyncExternalStore(layer.live.subscribe, layer.live.get);
  const still = live.size === 0 ? edges : edges.filter((e) => !live.has(e.id));
  return (
    <>
      {/* React Flow's edge-label layer sits between its edges and its nodes, in flow coordinates. */}
      <EdgeLabelRenderer>
        <svg className="far-edges" aria-hidden="true">
          <defs>
            <marker id={ARROW} className="far-arrow" markerWidth="18" markerHeight="18" viewBox="-10 -10 20 20" markerUnits="strokeWidth" orient="auto-start-reverse" refX="0" refY="0">
              <polyline strokeLinecap="round" strokeLinejoin="round" points="-5,-4 0,0 -5,4 -5,-4" />
            </marker>
          </defs>
          {drawn(still, layer)}
        </svg>
      </EdgeLabelRenderer>
      {live.size > 0 && (
        <ViewportPortal>
          <svg className="far-edges far-edges-live" aria-hidden="true">
            {drawn(edges.filter((e) => live.has(e.id)), layer)}
          </svg>
        </ViewportPortal>
      )}
    </>
  );
}
