/**
 * The links of a graph zoomed far out (below FAR_ZOOM), drawn as paths of one
 * SVG instead of React Flow's edges.
 *
 * Why: React Flow draws each edge in an <svg> of its own, each a store
 * subscriber. Among 500 nodes that was, at every drag step, ~4 ms of
 * subscriber and render work, ~2 ms of layout and most of ~1,000 paint
 * chunks for the browser to layerize (Chromium trace, bench row 3); with the
 * edges switched off a step took half the time. One <svg> is one paint chunk,
 * and a drag step rewrites only the `d` of the paths at the dragged nodes
 * (move(), called by DragSteps). At this zoom no label is readable and nobody
 * picks a link, so these paths carry no label, focus or pointer events.
 *
 * The geometry is React Flow's own (getEdgePosition + getSmoothStepPath), so
 * a link is drawn where React Flow would draw it, and moves to React Flow's
 * edges unchanged when the user zooms back in.
 */
import { getSmoothStepPath } from '@xyflow/react';
import type { Edge, InternalNode, XYPosition } from '@xyflow/react';
import { ConnectionMode, getEdgePosition } from '@xyflow/system';

type Lookup = ReadonlyMap<string, InternalNode>;

interface Cached {
  readonly edge: Edge;
  readonly source: InternalNode | undefined;
  readonly target: InternalNode | undefined;
  readonly d: string | null;
}

/** A node with its absolute position replaced (a drag step React Flow's store has not seen). */
function movedTo(node: InternalNode | undefined, moved: ReadonlyMap<string, XYPosition> | undefined): InternalNode | undefined {
  const at = node && moved?.get(node.id);
  return at ? { ...node, internals: { ...node.internals, positionAbsolute: at } } : node;
}

/** The SVG path React Flow's smoothstep edge draws between the two nodes' handles, or null before they are measured. */
export function farPath(edge: Edge, lookup: Lookup, mode: ConnectionMode, moved?: ReadonlyMap<string, XYPosition>): string | null {
  const sourceNode = movedTo(lookup.get(edge.source), moved);
  const targetNode = movedTo(lookup.get(edge.target), moved);
  if (!sourceNode || !targetNode) return null;
  const at = getEdgePosition({ id: edge.id, sourceNode, sourceHandle: edge.sourceHandle ?? null, targetNode, targetHandle: edge.targetHandle ?? null, connectionMode: mode });
  return at ? getSmoothStepPath(at)[0] : null;
}

export class FarEdgeLayer {
  private cache = new Map<string, Cached>();
  private byNode = new Map<string, Edge[]>();
  private indexed: readonly Edge[] = [];
  private elements = new Map<string, SVGPathElement>();
  private mode: ConnectionMode = ConnectionMode.Strict;
  private lookup: Lookup = new Map();

  /**
   * Every edge's path from React Flow's store. Run at every store change (a pan too), so a path is recomputed only
   * when its edge or one of its two nodes is a new object (React Flow replaces a node's object when it moves or is
   * measured).
   */
  paths(edges: readonly Edge[], lookup: Lookup, mode: ConnectionMode): (string | null)[] {
    this.lookup = lookup;
    this.mode = mode;
    if (edges !== this.indexed) this.index(edges);
    const next = new Map<string, Cached>();
    const out = edges.map((edge) => {
      const source = lookup.get(edge.source);
      const target = lookup.get(edge.target);
      const old = this.cache.get(edge.id);
      const hit = old && old.edge === edge && old.source === source && old.target === target ? old : null;
      const entry = hit ?? { edge, source, target, d: farPath(edge, lookup, mode) };
      next.set(edge.id, entry);
      return entry.d;
    });
    this.cache = next;
    return out;
  }

  private index(edges: readonly Edge[]): void {
    this.indexed = edges;
    this.byNode = new Map();
    for (const edge of edges) {
      for (const id of [edge.source, edge.target]) {
        const list = this.byNode.get(id);
        if (list) list.push(edge);
        else this.byNode.set(id, [edge]);
      }
    }
  }

  /** An edge's path as last drawn (a drag step's, until React Flow's store has the move), or null before it is measured. */
  d(id: string): string | null {
    return this.cache.get(id)?.d ?? null;
  }

  /**
   * The links at the nodes being dragged. They are drawn in an <svg> of their own while the drag lasts (FarEdges), a
   * compositor layer above the rest: a step then repaints two or three paths, not an <svg> of hundreds, whose
   * repaint made the browser rebuild the whole graph's layer at every step (Chromium trace: layerize 2.6-5.3 ms a
   * step with it, 1.9 ms without).
   */
  readonly live = new LiveEdges();

  /** A drag begins: the links at these nodes go to the live layer. */
  begin(nodes: Iterable<string>): void {
    const ids = new Set<string>();
    for (const n of nodes) for (const e of this.byNode.get(n) ?? []) ids.add(e.id);
    this.live.set(ids);
  }

  /** The drag ended: every link back in the one <svg>, drawn where the last step left it. */
  end(): void {
    this.live.set(new Set());
  }

  /** The drawn path of an edge, or null when it unmounts. */
  attach(id: string, el: SVGPathElement | null): void {
    if (el) this.elements.set(id, el);
    else this.elements.delete(id);
  }

  /** A drag step: redraws the links at the moved nodes in place (React catches up from the store on drop). */
  move(moved: ReadonlyMap<string, XYPosition>): void {
    const done = new Set<string>();
    for (const id of moved.keys()) {
      for (const edge of this.byNode.get(id) ?? []) {
        if (done.has(edge.id)) continue;
        done.add(edge.id);
        const d = farPath(edge, this.lookup, this.mode, moved);
        const el = this.elements.get(edge.id);
        if (d && el) el.setAttribute('d', d);
        // Remembered as drawn: a render before React Flow's store has the move must not draw the link back.
        const old = this.cache.get(edge.id);
        if (d && old) this.cache.set(edge.id, { ...old, d });
      }
    }
  }
}

/** The ids of the links drawn live, as a store React can subscribe to (useSyncExternalStore). */
export class LiveEdges {
  private ids: ReadonlySet<string> = new Set();
  private listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): ReadonlySet<string> => this.ids;

  set(ids: ReadonlySet<string>): void {
    if (ids.size === 0 && this.ids.size === 0) return;
    this.ids = ids;
    for (const l of this.listeners) l();
  }
}
