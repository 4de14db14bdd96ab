/**
 * Where nodes sit on the canvas. Positions are view state, never XML. A
 * direct tidy-tree layout (linear, iterative) places every disk's tree
 * top-down with quorum members side by side; dragged positions win, and an
 * unplaced node follows its nearest dragged ancestor so new nodes appear
 * next to what the user arranged.
 */
import type { DomainDoc } from './model/types';
import { postorder, preorder } from './model/walk';
import { mirrorAt } from './jobs/mirror';

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Placement = Readonly<Record<string, Point>>;

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 92;
const H_GAP = 28;
const V_GAP = 56;
/** From one level of a tree to the next. */
export const LEVEL_HEIGHT = NODE_HEIGHT + V_GAP;
const DISK_GAP = 90;
/** How far a running job's mirror chain sits right of its disk's nodes (the graph draws it there). */
export const MIRROR_GAP = 60;

const laidOut = new WeakMap<DomainDoc, ReadonlyMap<string, Point>>();

/** Positions worked out elsewhere for this document (the read worker lays out what it read: issue 12). */
export function primeLayout(doc: DomainDoc, layout: ReadonlyMap<string, Point>): void {
  laidOut.set(doc, layout);
}

/** Automatic positions for every node of every disk (absolute canvas coordinates); documents are immutable, so kept. */
export function autoLayout(doc: DomainDoc): ReadonlyMap<string, Point> {
  const hit = laidOut.get(doc);
  if (hit) return hit;
  const out = computeLayout(doc);
  laidOut.set(doc, out);
  return out;
}

function computeLayout(doc: DomainDoc): Map<string, Point> {
  const out = new Map<string, Point>();
  let offsetX = 0;
  for (const disk of doc.disks) {
    const width = new Map<string, number>();
    for (const n of postorder(disk.src)) {
      const kids = n.backing.reduce((s, b) => s + width.get(b.uid)!, 0) + H_GAP * Math.max(0, n.backing.length - 1);
      width.set(n.uid, Math.max(NODE_WIDTH, kids));
    }
    // Each node is centred over the span its subtree takes; children share it left to right.
    const left = new Map<string, number>([[disk.src.uid, offsetX]]);
    for (const v of preorder(disk.src)) {
      const n = v.node;
      const l = left.get(n.uid)!;
      const w = width.get(n.uid)!;
      out.set(n.uid, { x: l + (w - NODE_WIDTH) / 2, y: v.depth * (NODE_HEIGHT + V_GAP) });
      const kids = n.backing.reduce((s, b) => s + width.get(b.uid)!, 0) + H_GAP * Math.max(0, n.backing.length - 1);
      let x = l + (w - kids) / 2;
      for (const b of n.backing) {
        left.set(b.uid, x);
        x += width.get(b.uid)! + H_GAP;
      }
    }
    // A disk with a block job keeps a column free on its right for the mirror chain.
    offsetX += width.get(disk.src.uid)! + DISK_GAP + (mirrorAt(disk) >= 0 ? NODE_WIDTH + MIRROR_GAP : 0);
  }
  return out;
}

/** Final positions: dragged ones as they are, the rest auto-placed and shifted with their dragged ancestor. */
export function placeNodes(doc: DomainDoc, dragged: Placement): ReadonlyMap<string, Point> {
  const auto = autoLayout(doc);
  // Nothing dragged: the automatic layout itself (kept per document; primed by the read worker for a big one), not a
  // copy: for a 10,000-level chain the copy was ~10 ms of the task that draws a pasted document (CPU profile).
  if (isEmpty(dragged)) return auto;
  const out = new Map<string, Point>();
  for (const disk of doc.disks) {
    const shift = new Map<string, Point>();
    for (const v of preorder(disk.src)) {
      const a = auto.get(v.node.uid)!;
      const own = dragged[v.node.uid];
      const delta: Point = own ? { x: own.x - a.x, y: own.y - a.y } : shift.get(v.node.uid) ?? { x: 0, y: 0 };
      out.set(v.node.uid, own ?? { x: a.x + delta.x, y: a.y + delta.y });
      for (const b of v.node.backing) shift.set(b.uid, delta);
    }
  }
  return out;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Drops dragged positions of nodes that no longer exist, so storage does not grow forever. */
export function pruneDragged(doc: DomainDoc, dragged: Placement): Placement {
  const alive = new Set<string>();
  for (const d of doc.disks) for (const v of preorder(d.src)) alive.add(v.node.uid);
  const out: Record<string, Point> = {};
  let changed = false;
  for (const [uid, p] of Object.entries(dragged)) {
    if (alive.has(uid)) out[uid] = p;
    else changed = true;
  }
  return changed ? out : dragged;
}
