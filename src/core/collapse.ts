/**
 * Long chains drawn as people read them (issue 12): beyond a threshold, a
 * straight run of layers shows its top layers, its base, and one "… N layers
 * …" node for the middle, which expands on demand. What the user is looking
 * at (the selection, the address bar's matches, what the last operation
 * touched) is never hidden: a collapsed run splits around it, with one layer
 * of context each side. Pure: the graph view asks this which nodes to draw;
 * the document, the XML, the address bar and the operations still see every
 * layer.
 */
import type { DomainDoc, SrcNode } from './model/types';
import { preorder } from './model/walk';

/** A run longer than this many layers is collapsed. */
export const COLLAPSE_AT = 12;
/** Layers shown above a collapsed middle (the top of the run, where snapshots land). */
export const KEEP_TOP = 3;
/** Layers shown below it (the base). */
export const KEEP_BASE = 1;
/** Layers shown each side of a node that must stay visible inside a collapsed run. */
const CONTEXT = 1;

export interface CollapsedGroup {
  /** Stable while the run keeps its first hidden layer: `collapsed:<uid of that layer>`. */
  readonly id: string;
  readonly disk: number;
  /** The layer drawn above the group (its edge goes from there to the group). */
  readonly above: string;
  /** The layer drawn below it, or null when the hidden layers reach the end of the chain. */
  readonly below: string | null;
  /** The hidden layers, top first. */
  readonly uids: readonly string[];
}

export interface CollapsePlan {
  readonly hidden: ReadonlySet<string>;
  readonly groups: readonly CollapsedGroup[];
}

export const NO_COLLAPSE: CollapsePlan = { hidden: new Set(), groups: [] };

/** Straight runs: maximal paths of nodes with exactly one backing node (no quorum), top first. */
function runsOf(top: SrcNode): SrcNode[][] {
  const runs: SrcNode[][] = [];
  const starts: SrcNode[] = [top];
  while (starts.length > 0) {
    let n: SrcNode | undefined = starts.pop()!;
    const run: SrcNode[] = [];
    while (n) {
      run.push(n);
      if (n.backing.length === 1 && n.type !== 'quorum') n = n.backing[0];
      else {
        // A quorum (or the end): its members each start a run of their own.
        starts.push(...n.backing);
        n = undefined;
      }
    }
    runs.push(run);
  }
  return runs;
}

/** The index ranges [from, to) of `run` to hide, given which indexes must show. */
function hiddenRanges(length: number, mustShow: readonly number[]): [number, number][] {
  const show = new Set<number>();
  for (let i = 0; i < Math.min(KEEP_TOP, length); i++) show.add(i);
  for (let i = Math.max(0, length - KEEP_BASE); i < length; i++) show.add(i);
  for (const m of mustShow) for (let i = Math.max(0, m - CONTEXT); i <= Math.min(length - 1, m + CONTEXT); i++) show.add(i);
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const hide = i < length && !show.has(i);
    if (hide && start < 0) start = i;
    if (!hide && start >= 0) {
      // Hiding one layer behind a "1 layer" node saves nothing: draw it.
      if (i - start > 1) out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

/**
 * Which layers to draw. `expanded` holds group ids the user opened; `visible`
 * holds uids that must show (selection, matches, the last change's nodes).
 */
export function collapsePlan(doc: DomainDoc, expanded: ReadonlySet<string>, visible: ReadonlySet<string>): CollapsePlan {
  const hidden = new Set<string>();
  const groups: CollapsedGroup[] = [];
  doc.disks.forEach((disk, d) => {
    for (const run of runsOf(disk.src)) {
      if (run.length <= COLLAPSE_AT) continue;
      const must = run.flatMap((n, i) => (visible.has(n.uid) ? [i] : []));
      for (const [from, to] of hiddenRanges(run.length, must)) {
        const id = `collapsed:${run[from]!.uid}`;
        if (expanded.has(id)) continue;
        const uids = run.slice(from, to).map((n) => n.uid);
        for (const u of uids) hidden.add(u);
        groups.push({ id, disk: d, above: run[from - 1]!.uid, below: run[to]?.uid ?? null, uids });
      }
    }
  });
  return groups.length === 0 ? NO_COLLAPSE : { hidden, groups };
}

/** How far each drawn node moves up because groups above it stand for many levels in one. */
export function collapsedShift(doc: DomainDoc, plan: CollapsePlan): Map<string, number> {
  const out = new Map<string, number>();
  if (plan.groups.length === 0) return out;
  const saved = new Map<string, number>();
  for (const g of plan.groups) saved.set(g.uids[0]!, g.uids.length - 1);
  for (const disk of doc.disks) {
    const levels = new Map<string, number>([[disk.src.uid, 0]]);
    for (const v of preorder(disk.src)) {
      const own = levels.get(v.node.uid) ?? 0;
      out.set(v.node.uid, own);
      // Below the first hidden layer of a group, everything is that many levels higher.
      const extra = saved.get(v.node.uid) ?? 0;
      for (const b of v.node.backing) levels.set(b.uid, own + extra);
    }
  }
  return out;
}
