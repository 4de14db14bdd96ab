/**
 * Edges of an exported graph, drawn as the canvas draws them (React Flow's
 * "smoothstep": straight segments with rounded corners, 20 px out of a
 * handle before turning), with a closed arrowhead at the end and the label
 * on a background patch at the middle of the path.
 */
import type { Point } from '../layout';
import type { SceneEdge, Side } from './graphScene';
import type { SvgPalette } from './svgPalette';
import { esc, num, sansWidth } from './svgText';

const OUT = 20;
const RADIUS = 5;
const LABEL_SIZE = 10;

const DIR: Record<Side, Point> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } };
const step = (p: Point, side: Side, d: number): Point => ({ x: p.x + DIR[side].x * d, y: p.y + DIR[side].y * d });

/** The corners an edge passes through, first and last its two ends. */
export function waypoints(e: Pick<SceneEdge, 'from' | 'fromSide' | 'to' | 'toSide'>): Point[] {
  const { from: a, to: b } = e;
  if (e.fromSide === 'bottom' && e.toSide === 'top') {
    if (b.y - a.y >= 2 * OUT) {
      const midY = (a.y + b.y) / 2;
      return [a, { x: a.x, y: midY }, { x: b.x, y: midY }, b];
    }
    // Backing store above its user (dragged there): go round beside the boxes.
    const aside = Math.abs(a.x - b.x) < 240 ? Math.max(a.x, b.x) + 130 : (a.x + b.x) / 2;
    return [a, step(a, 'bottom', OUT), { x: aside, y: a.y + OUT }, { x: aside, y: b.y - OUT }, step(b, 'top', OUT), b];
  }
  if (e.fromSide === 'right' && e.toSide === 'left' && b.x - a.x >= 2 * OUT) {
    const midX = (a.x + b.x) / 2;
    return [a, { x: midX, y: a.y }, { x: midX, y: b.y }, b];
  }
  if (e.fromSide === 'right' && e.toSide === 'right') {
    const x = Math.max(a.x, b.x) + OUT;
    return [a, { x, y: a.y }, { x, y: b.y }, b];
  }
  if (e.fromSide === 'bottom' && e.toSide === 'right' && b.y > a.y + OUT && b.x + OUT < a.x) return [a, { x: a.x, y: b.y }, b];
  const p = step(a, e.fromSide, OUT);
  const q = step(b, e.toSide, OUT);
  const vertical = e.fromSide === 'top' || e.fromSide === 'bottom';
  return [a, p, vertical ? { x: q.x, y: p.y } : { x: p.x, y: q.y }, q, b];
}

/** Drops repeated points and the middle of straight runs, so every remaining corner turns. */
function simplify(pts: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** An SVG path through the points with rounded corners. */
export function roundedPath(pts: readonly Point[]): string {
  const p = simplify(pts);
  if (p.length === 0) return '';
  let d = `M${num(p[0]!.x)} ${num(p[0]!.y)}`;
  for (let i = 1; i < p.length - 1; i++) {
    const [a, b, c] = [p[i - 1]!, p[i]!, p[i + 1]!];
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const into = { x: b.x - Math.sign(b.x - a.x) * r, y: b.y - Math.sign(b.y - a.y) * r };
    const out = { x: b.x + Math.sign(c.x - b.x) * r, y: b.y + Math.sign(c.y - b.y) * r };
    d += `L${num(into.x)} ${num(into.y)}Q${num(b.x)} ${num(b.y)} ${num(out.x)} ${num(out.y)}`;
  }
  const z = p[p.length - 1]!;
  return `${d}L${num(z.x)} ${num(z.y)}`;
}

/** The point halfway along the path (where the label goes). */
export function midpoint(pts: readonly Point[]): Point {
  const lens = pts.slice(1).map((p, i) => Math.hypot(p.x - pts[i]!.x, p.y - pts[i]!.y));
  let half = lens.reduce((s, l) => s + l, 0) / 2;
  for (let i = 0; i < lens.length; i++) {
    if (half <= lens[i]! && lens[i]! > 0) {
      const t = half / lens[i]!;
      return { x: pts[i]!.x + (pts[i + 1]!.x - pts[i]!.x) * t, y: pts[i]!.y + (pts[i + 1]!.y - pts[i]!.y) * t };
    }
    half -= lens[i]!;
  }
  return pts[0] ?? { x: 0, y: 0 };
}

const STYLE: Record<SceneEdge['kind'], (p: SvgPalette) => { stroke: string; width: number; dash: string | null; marker: string }> = {
  backing: (p) => ({ stroke: p.edge, width: 1.8, dash: null, marker: 'strata-arrow-backing' }),
  member: (p) => ({ stroke: p.quorum, width: 1.8, dash: '6 4', marker: 'strata-arrow-member' }),
  job: (p) => ({ stroke: p.accent, width: 2, dash: '7 5', marker: 'strata-arrow-job' }),
};

/** One arrowhead per edge colour (a marker cannot take its colour from the line in SVG 1.1). */
export function markerDefs(p: SvgPalette): string {
  return (Object.keys(STYLE) as SceneEdge['kind'][])
    .map((k) => {
      const s = STYLE[k](p);
      return `<marker id="${s.marker}" viewBox="-10 -10 20 20" markerWidth="26" markerHeight="26" markerUnits="userSpaceOnUse" orient="auto"><path d="M-6 -4.2L0 0L-6 4.2Z" fill="${esc(s.stroke)}"/></marker>`;
    })
    .join('');
}

export interface DrawnEdge {
  readonly svg: string;
  /** Drawn after every edge, as the canvas draws labels above the lines (a member's label sits where the lines fork). */
  readonly label: string;
  /** The corners and the label's box, for the picture's bounds. */
  readonly extent: readonly Point[];
}

export function drawEdge(e: SceneEdge, p: SvgPalette): DrawnEdge {
  const pts = waypoints(e);
  const s = STYLE[e.kind](p);
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  const svg = `<path class="edge edge-${e.kind}" d="${roundedPath(pts)}" fill="none" stroke="${esc(s.stroke)}" stroke-width="${s.width}"${dash} marker-end="url(#${s.marker})"/>`;
  const extent = [...pts];
  let label = '';
  if (e.label) {
    const w = sansWidth(e.label, LABEL_SIZE) + 8;
    const h = LABEL_SIZE + 6;
    const mid = e.labelAt ?? midpoint(pts);
    // An active commit's loop runs down beside the boxes: its label goes right of the line, not over the boxes.
    const m = e.fromSide === 'right' && e.toSide === 'right' && !e.labelAt ? { x: mid.x + w / 2 + 4, y: mid.y } : mid;
    label += `<rect x="${num(m.x - w / 2)}" y="${num(m.y - h / 2)}" width="${num(w)}" height="${h}" rx="3" fill="${esc(p.bg)}"/>`;
    label += `<text class="elabel" x="${num(m.x)}" y="${num(m.y + LABEL_SIZE * 0.35)}" text-anchor="middle">${esc(e.label)}</text>`;
    extent.push({ x: m.x - w / 2, y: m.y - h / 2 }, { x: m.x + w / 2, y: m.y + h / 2 });
  }
  return { svg, label, extent };
}
