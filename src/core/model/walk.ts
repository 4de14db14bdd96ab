/**
 * Tree walks over a disk's source tree. All iterative: a chain may be
 * thousands of levels deep and a recursive walk would overflow the stack.
 */
import type { SrcNode } from './types';

export interface Visit {
  readonly node: SrcNode;
  /** Pre-order position in the disk (domain.md §2). */
  readonly position: number;
  readonly depth: number;
  /** Position of the node this one backs (its user), or null for the top. */
  readonly parent: number | null;
}

/** Every node of a disk in position (pre-order, document) order. */
export function preorder(root: SrcNode): Visit[] {
  const out: Visit[] = [];
  const stack: { node: SrcNode; depth: number; parent: number | null }[] = [{ node: root, depth: 0, parent: null }];
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop()!;
    const position = out.length;
    out.push({ node, position, depth, parent });
    for (let i = node.backing.length - 1; i >= 0; i--) stack.push({ node: node.backing[i]!, depth: depth + 1, parent: position });
  }
  return out;
}

/** Nodes in post-order: a node's backing stores first (document order, each recursively), then the node. */
export function postorder(root: SrcNode): SrcNode[] {
  const out: SrcNode[] = [];
  const stack: { node: SrcNode; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      out.push(top.node);
      continue;
    }
    stack.push({ node: top.node, expanded: true });
    for (let i = top.node.backing.length - 1; i >= 0; i--) stack.push({ node: top.node.backing[i]!, expanded: false });
  }
  return out;
}

/**
 * Rebuilds a tree bottom-up: `f` gets each node with its backing already
 * rebuilt (and the original node, for lookups keyed by it) and returns the
 * replacement. Unchanged nodes keep their identity.
 */
export function mapTree(root: SrcNode, f: (node: SrcNode, original: SrcNode) => SrcNode): SrcNode {
  const done = new Map<SrcNode, SrcNode>();
  for (const node of postorder(root)) {
    let backing = node.backing;
    if (node.backing.some((b) => done.get(b) !== b)) backing = node.backing.map((b) => done.get(b)!);
    const base = backing === node.backing ? node : { ...node, backing };
    done.set(node, f(base, node));
  }
  return done.get(root)!;
}

/** Finds the first node (pre-order) matching a predicate. */
export function findNode(root: SrcNode, pred: (n: SrcNode) => boolean): SrcNode | null {
  const stack: SrcNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (pred(n)) return n;
    for (let i = n.backing.length - 1; i >= 0; i--) stack.push(n.backing[i]!);
  }
  return null;
}

/** The chain of nodes from the top down to `target` (inclusive), or null. */
export function pathTo(root: SrcNode, target: SrcNode): SrcNode[] | null {
  const parent = new Map<SrcNode, SrcNode>();
  const stack: SrcNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === target) {
      const path = [n];
      for (let p = parent.get(n); p; p = parent.get(p)) path.push(p);
      return path.reverse();
    }
    for (const b of n.backing) {
      parent.set(b, n);
      stack.push(b);
    }
  }
  return null;
}

/** Replaces one node (by identity) with another, copying only the nodes above it. */
export function replaceNode(root: SrcNode, target: SrcNode, replacement: SrcNode): SrcNode {
  const path = pathTo(root, target);
  if (!path) return root;
  let next = replacement;
  for (let i = path.length - 2; i >= 0; i--) {
    const p = path[i]!;
    next = { ...p, backing: p.backing.map((b) => (b === path[i + 1] ? next : b)) };
  }
  return next;
}

export function countNodes(root: SrcNode): number {
  let n = 0;
  const stack: SrcNode[] = [root];
  while (stack.length > 0) {
    const x = stack.pop()!;
    n++;
    for (const b of x.backing) stack.push(b);
  }
  return n;
}
