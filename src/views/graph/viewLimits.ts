/**
 * How far out a big graph may zoom, and where it opens (issue 12). React Flow
 * mounts every node on screen, about 1 ms of main thread each: zoomed out over
 * a 2,000-disk domain that is 6,000 nodes and seconds of freeze. So:
 * - the least zoom is the one at which about MAX_ON_SCREEN nodes are in view
 *   (a graph of that many nodes or fewer is not limited, and fits whole);
 * - a bigger graph opens at its start (the first disks, top left) with about
 *   OPEN_ON_SCREEN nodes in view, where nodes show their position labels
 *   (nodes.tsx FarNode); zooming out, the address bar and Problems reach the rest.
 */
export const BASE_MIN_ZOOM = 0.05;
/** Nodes in view at the least zoom: a graph this big still fits whole (10 chains of 50, the drag bench's 510). */
export const MAX_ON_SCREEN = 600;
/** Nodes in view when a bigger graph opens, at most: about 0.1 s of mounting (CPU profile of the 2,000-disk paste). */
export const OPEN_ON_SCREEN = 160;
/** ...and at least this zoom, where the far view's position labels (30 px) read at 12 px: a row of disks is thin. */
export const OPEN_ZOOM = 0.4;

/** The zoom a graph too big to fit whole opens at (its start in view). */
export function openZoomFor(bounds: Box, count: number, w: number, h: number): number {
  return Math.max(OPEN_ZOOM, minZoomFor(bounds, count, w, h, OPEN_ON_SCREEN));
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** About how many of `count` nodes spread over `bounds` are in a `w`×`h` pane at `zoom`. */
export function onScreen(bounds: Box, count: number, w: number, h: number, zoom: number): number {
  if (bounds.width <= 0 || bounds.height <= 0) return count;
  const fx = Math.min(1, w / zoom / bounds.width);
  const fy = Math.min(1, h / zoom / bounds.height);
  return count * fx * fy;
}

/** The least zoom at which no more than `max` nodes are in view (BASE_MIN_ZOOM when the whole graph is few enough). */
export function minZoomFor(bounds: Box, count: number, w: number, h: number, max = MAX_ON_SCREEN): number {
  if (count <= max || w <= 0 || h <= 0) return BASE_MIN_ZOOM;
  let lo = BASE_MIN_ZOOM;
  let hi = 2;
  if (onScreen(bounds, count, w, h, lo) <= max) return lo;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (onScreen(bounds, count, w, h, mid) <= max) hi = mid;
    else lo = mid;
  }
  return Math.min(hi, 1);
}
