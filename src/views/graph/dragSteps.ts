/**
 * The steps of a node drag, applied straight to React Flow's own store once
 * per animation frame (as its uncontrolled mode would, but batched).
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
 */
import { applyNodeChanges } from '@xyflow/react';
import type { NodeChange } from '@xyflow/react';
import type { FlowNode } from './flowModel';

interface FlowStore {
  getState(): { nodes: FlowNode[]; setNodes(nodes: FlowNode[]): void };
}

export class DragSteps {
  private pending: NodeChange<FlowNode>[] = [];
  private frame: number | null = null;

  constructor(private readonly store: FlowStore) {}

  add(changes: NodeChange<FlowNode>[]): void {
    this.pending.push(...changes);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** The drop (or anything else) supersedes steps not yet drawn: a late step must not move a dropped node back. */
  cancel(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
  }

  private flush(): void {
    this.frame = null;
    const changes = this.pending;
    this.pending = [];
    if (changes.length === 0) return;
    const { nodes, setNodes } = this.store.getState();
    setNodes(applyNodeChanges(changes, nodes));
  }
}
