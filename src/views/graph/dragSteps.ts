/**
 * The steps of a node drag, applied once per animation frame; the drop's
 * own change goes through GraphView's state as any other change.
 *
 * Why not through GraphView's state like any other change: that re-rendered
 * GraphView, the <ReactFlow> props and React Flow's prop-to-store sync at
 * every mouse step; among 500 nodes that was most of a step's script.
 * Why once per frame, in requestAnimationFrame: the browser acknowledges a
 * mouse event only when its handlers return, and sends the next one after;
 * applying the step inside the handler (store update, ~1,000 subscribers,
 * a synchronous render) held the acknowledgement ~5 ms, enough that the
 * next step missed the next frame and the node moved every other frame
 * (bench row 3, "gap between frames showing a move"). The rAF callback runs
 * in the same frame, after input, so the node still moves in that frame.
 *
 * Two ways to apply a step:
 * - near (a handful of nodes drawn in full): into React Flow's own store, as
 *   its uncontrolled mode would, so edges, labels and handles follow;
 * - far (below FAR_ZOOM, where hundreds of nodes can be on screen): the
 *   dragged nodes' transforms and their links' paths (FarEdgeLayer) are
 *   written in place, and React Flow's store hears of the move only at the
 *   drop. A store update costs ~500 node subscribers, a render and the
 *   browser re-layerizing the graph; among 500 nodes that alone was longer
 *   than a frame (bench row 3). React Flow's drag keeps its own positions
 *   (its drag items), so it does not need the store updated between steps.
 */
import { applyNodeChanges } from '@xyflow/react';
import type { NodeChange, XYPosition } from '@xyflow/react';
import type { FlowNode } from './flowModel';
import type { FarEdgeLayer } from './farEdgeLayer';

interface FlowStore {
  getState(): { nodes: FlowNode[]; setNodes(nodes: FlowNode[]): void; domNode: HTMLDivElement | null };
}

export class DragSteps {
  private pending: NodeChange<FlowNode>[] = [];
  private frame: number | null = null;
  private far: FarEdgeLayer | null = null;
  /** The layer whose live set this drag filled (ended on drop). */
  private began: FarEdgeLayer | null = null;
  /** Nodes written in place during this drag (far), with their own z-index (React Flow's), given back at the drop. */
  private placed = new Map<string, { readonly el: HTMLElement; readonly zIndex: string }>();

  constructor(private readonly store: FlowStore) {}

  /** Zoomed far out, steps are written in place and the links are this layer's; null: through the store. */
  setFar(layer: FarEdgeLayer | null): void {
    this.far = layer;
  }

  add(changes: NodeChange<FlowNode>[]): void {
    this.pending.push(...changes);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /**
   * The drop (or anything else) supersedes steps not yet drawn: a late step must not move a dropped node back. The
   * drop's own positions are written in place too when steps were: React then renders the same places from the
   * store, and where a node came back to where it started (no prop change, nothing rendered) the page still shows it
   * there.
   */
  drop(changes: readonly NodeChange<FlowNode>[]): void {
    // A node measured mid-drag (its dimensions) is not a drop: the drag goes on.
    if (!changes.some((c) => c.type === 'position')) return;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
    if (this.placed.size > 0) {
      this.place(changes);
      // The layer the drag began in: the zoom may have crossed FAR_ZOOM since.
      this.began?.end();
      this.began = null;
    }
    for (const { el, zIndex } of this.placed.values()) {
      el.style.willChange = '';
      el.style.zIndex = zIndex;
    }
    this.placed.clear();
  }

  private flush(): void {
    this.frame = null;
    const changes = this.pending;
    this.pending = [];
    if (changes.length === 0) return;
    if (this.far) return this.place(changes);
    const { nodes, setNodes } = this.store.getState();
    setNodes(applyNodeChanges(changes, nodes));
  }

  /** Writes the nodes' transforms (React Flow's own form) and redraws their links. Nodes are not nested here. */
  private place(changes: readonly NodeChange<FlowNode>[]): void {
    const moved = new Map<string, XYPosition>();
    for (const c of changes) if (c.type === 'position' && c.position) moved.set(c.id, c.position);
    const root = this.store.getState().domNode;
    if (this.placed.size === 0) {
      this.began = this.far;
      this.far?.begin(moved.keys());
    }
    for (const [id, at] of moved) {
      let el = this.placed.get(id)?.el;
      if (!el) {
        el = root?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? undefined;
        if (!el) continue;
        this.placed.set(id, { el, zIndex: el.style.zIndex });
        // Its own compositor layer, above the other nodes: a step changes that layer's transform and repaints nothing.
        el.style.willChange = 'transform';
        el.style.zIndex = '1000';
      }
      el.style.transform = `translate(${at.x}px,${at.y}px)`;
    }
    this.far?.move(moved);
  }
}
