/**
 * The handles each node kind draws (nodes.tsx), declared up front. React Flow
 * renders every node it has not measured yet, even off screen, to find its
 * handles (`getNodesInside`: no handleBounds -> "force initial render"): a
 * pasted 2,000-disk domain mounted all 6,000 nodes, measured them and
 * unmounted most again, seconds of main thread (issue 12, CPU profile). With
 * the handles and the size (`measured`, flowModel.ts) given, only what is on
 * screen is mounted, and edges to nodes off screen still have their ends. A
 * mounted node whose size differs from the declared one is measured again.
 * Offsets are from the node's top-left corner, as measured in Chromium
 * (NODE_WIDTH x NODE_HEIGHT nodes, 10 px handles, 1 px job handles).
 */
import { Position } from '@xyflow/react';
import type { NodeHandle } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';

const HANDLE = 10;

/** Top target, bottom source, and the two job handles on the right (nodes.tsx ImageNode / QuorumNode). */
function chainHandles(inset: number): NodeHandle[] {
  const x = NODE_WIDTH / 2 - HANDLE / 2;
  const jobX = NODE_WIDTH - 1.5 - inset;
  const jobY = NODE_HEIGHT / 2 - 0.5;
  return [
    { type: 'target', position: Position.Top, x, y: -4 + inset, width: HANDLE, height: HANDLE },
    { type: 'source', position: Position.Bottom, x, y: NODE_HEIGHT - 6 - inset, width: HANDLE, height: HANDLE },
    { id: 'job-out', type: 'source', position: Position.Right, x: jobX, y: jobY, width: 1, height: 1 },
    { id: 'job-in', type: 'target', position: Position.Right, x: jobX, y: jobY, width: 1, height: 1 },
  ];
}

export const IMAGE_HANDLES: NodeHandle[] = chainHandles(0);
/** The quorum node's thicker border moves its handles 3 px inwards. */
export const QUORUM_HANDLES: NodeHandle[] = chainHandles(3);
/** A disk's frame has none. */
export const NO_HANDLES: NodeHandle[] = [];
