/**
 * What the graph canvas shows, as plain geometry: disk frames, node boxes,
 * a running job's mirror chain, and the edges with the side each leaves and
 * enters by. The same arithmetic as the canvas (src/views/graph/flowModel.ts
 * and mirrorFlow.ts: frame padding and header, the mirror column right of
 * the disk), kept here so an export needs neither React Flow nor a DOM.
 */
import type { DomainDoc } from '../model/types';
import type { Severity } from '../model/diagnostics';
import type { DerivedDoc, DiskView, NodeView } from '../numbers/derive';
import { derive } from '../numbers/derive';
import type { MirrorLayer, MirrorView } from '../jobs/mirror';
import type { Point } from '../layout';
import { LEVEL_HEIGHT, MIRROR_GAP, NODE_HEIGHT, NODE_WIDTH } from '../layout';
import { rules } from '../dialect/rules';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** As the canvas draws a disk frame around its nodes (flowModel.ts FRAME_PAD, FRAME_HEAD). */
export const FRAME_PAD = 22;
export const FRAME_HEAD = 34;
/** How far below a node its chain-end mark reaches (nodes.tsx: `.sn-end { bottom: -22px }`). */
export const END_MARK_DEPTH = 22;

export interface SceneFrame {
  readonly disk: DiskView;
  readonly box: Box;
  /** `next id 5 (this disk)`. */
  readonly counter: string;
}

export interface SceneNode {
  readonly view: NodeView;
  readonly box: Box;
  /** A quorum's members by their labels. */
  readonly memberNames: readonly string[];
  readonly severity: Severity | null;
}

export interface SceneMirror {
  readonly layer: MirrorLayer;
  /** 0: the copy's own image, then its backing chain. */
  readonly index: number;
  readonly label: string;
  /** The job's label (`copy · ready`), shown on the copy's own image. */
  readonly job: string;
  readonly box: Box;
}

export type Side = 'top' | 'bottom' | 'left' | 'right';

export interface SceneEdge {
  readonly kind: 'backing' | 'member' | 'job';
  readonly from: Point;
  readonly fromSide: Side;
  readonly to: Point;
  readonly toSide: Side;
  readonly label: string | null;
  /** Where the label goes when not at the middle of the path. */
  readonly labelAt?: Point;
}

export interface Scene {
  readonly derived: DerivedDoc;
  readonly frames: readonly SceneFrame[];
  readonly nodes: readonly SceneNode[];
  readonly mirrors: readonly SceneMirror[];
  readonly edges: readonly SceneEdge[];
}

/** `copy · ready`, as the canvas labels a job (mirrorFlow.ts jobLabel). */
export function jobLabel(m: MirrorView): string {
  return `${m.job ?? 'job'} · ${m.isReady ? 'ready' : (m.ready ?? 'running')}`;
}

const boxAt = (p: Point): Box => ({ x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT });
const bottom = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h });
const top = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y });
const right = (b: Box): Point => ({ x: b.x + b.w, y: b.y + b.h / 2 });
const left = (b: Box): Point => ({ x: b.x, y: b.y + b.h / 2 });

/** A running job's dashed chain and its edges (mirrorFlow.ts: a copy's chain in a column; an active commit's edge to its base). */
function jobPieces(disk: DiskView, boxes: ReadonlyMap<string, Box>, column: number, topY: number): { mirrors: SceneMirror[]; edges: SceneEdge[] } {
  const m = disk.mirror;
  const head = disk.nodes[0];
  const headBox = head ? boxes.get(head.uid) : undefined;
  if (!m || !head || !headBox) return { mirrors: [], edges: [] };
  if (m.job === 'active-commit') {
    const base = disk.nodes.find((v) => v.position > 0 && v.source === m.dest);
    const baseBox = base ? boxes.get(base.uid) : undefined;
    if (!baseBox) return { mirrors: [], edges: [] };
    return { mirrors: [], edges: [{ kind: 'job', from: right(headBox), fromSide: 'right', to: right(baseBox), toSide: 'right', label: jobLabel(m) }] };
  }
  const mirrors = m.chain.map((layer, index): SceneMirror => ({
    layer,
    index,
    label: index === 0 ? 'mirror' : `mirror +${index}`,
    job: jobLabel(m),
    box: boxAt({ x: column, y: topY + index * LEVEL_HEIGHT }),
  }));
  // The 60 px hop to the copy is narrower than its label: the label goes above the gap, in the frame's padding.
  const labelAt = { x: (headBox.x + headBox.w + column) / 2, y: headBox.y - 11 };
  const edges: SceneEdge[] = [{ kind: 'job', from: right(headBox), fromSide: 'right', to: left(mirrors[0]!.box), toSide: 'left', label: jobLabel(m), labelAt }];
  for (let i = 1; i < mirrors.length; i++) {
    edges.push({ kind: 'job', from: bottom(mirrors[i - 1]!.box), fromSide: 'bottom', to: top(mirrors[i]!.box), toSide: 'top', label: null });
  }
  // A shallow copy keeps the disk's own backing chain: the canvas links the copy to it.
  const shared = head.childUids[0];
  const sharedBox = shared === undefined ? undefined : boxes.get(shared);
  if (m.shallow && m.chain.length === 1 && sharedBox) {
    edges.push({ kind: 'job', from: bottom(mirrors[0]!.box), fromSide: 'bottom', to: right(sharedBox), toSide: 'right', label: 'backed by' });
  }
  return { mirrors, edges };
}

/** The canvas's picture of `doc` with nodes at `positions` (src/core/layout.ts placeNodes). */
export function buildScene(doc: DomainDoc, positions: ReadonlyMap<string, Point>, severities: ReadonlyMap<string, Severity> = new Map()): Scene {
  const derived = derive(doc);
  const frames: SceneFrame[] = [];
  const nodes: SceneNode[] = [];
  const mirrors: SceneMirror[] = [];
  const edges: SceneEdge[] = [];
  const scope = rules(doc).counterScope;
  for (const disk of derived.disks) {
    const boxes = new Map<string, Box>();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const v of disk.nodes) {
      const box = boxAt(positions.get(v.uid) ?? { x: 0, y: 0 });
      boxes.set(v.uid, box);
      minX = Math.min(minX, box.x);
      minY = Math.min(minY, box.y);
      maxX = Math.max(maxX, box.x + box.w);
      maxY = Math.max(maxY, box.y + box.h);
      const memberNames = v.isQuorum ? v.childUids.map((c) => derived.byUid.get(c)?.headline ?? '?') : [];
      nodes.push({ view: v, box, memberNames, severity: severities.get(v.uid) ?? null });
    }
    for (const v of disk.nodes) {
      v.childUids.forEach((c, i) => {
        const a = boxes.get(v.uid);
        const b = boxes.get(c);
        if (!a || !b) return;
        // An overlay points at its backing file: [A] <- [B] is drawn B -> A.
        edges.push({ kind: v.isQuorum ? 'member' : 'backing', from: bottom(a), fromSide: 'bottom', to: top(b), toSide: 'top', label: v.isQuorum ? `member ${i + 1}` : null });
      });
    }
    const headAt = disk.nodes[0] ? boxes.get(disk.nodes[0].uid) : undefined;
    const job = jobPieces(disk, boxes, maxX + MIRROR_GAP, headAt?.y ?? minY);
    for (const m of job.mirrors) {
      maxX = Math.max(maxX, m.box.x + m.box.w);
      maxY = Math.max(maxY, m.box.y + m.box.h);
    }
    mirrors.push(...job.mirrors);
    edges.push(...job.edges);
    if (disk.nodes.length === 0) continue;
    const box = { x: minX - FRAME_PAD, y: minY - FRAME_PAD - FRAME_HEAD, w: maxX - minX + 2 * FRAME_PAD, h: maxY - minY + 2 * FRAME_PAD + FRAME_HEAD };
    frames.push({ disk, box, counter: `next id ${disk.counter} (${scope})` });
  }
  return { derived, frames, nodes, mirrors, edges };
}
