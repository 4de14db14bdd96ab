/**
 * The graph as an SVG file: what the canvas shows (disk frames, nodes with
 * their labels, backing and member edges, chain ends, a running job's mirror
 * chain), in the colours of a theme, as a standalone document with real
 * <text> in system fonts, a <title>, and a viewBox fitted to the content with
 * a margin (1 unit = 1 CSS pixel, so `width`/`height` are the picture's size
 * at 1×). Pure: the view passes the positions (layout.ts placeNodes with the
 * dragged ones) and the palette it read from the theme.
 */
import type { DomainDoc } from '../model/types';
import type { Severity } from '../model/diagnostics';
import type { Point } from '../layout';
import type { Box, Scene } from './graphScene';
import { END_MARK_DEPTH, buildScene } from './graphScene';
import type { SvgPalette } from './svgPalette';
import { LIGHT, checkedPalette } from './svgPalette';
import { drawEdge, markerDefs } from './svgEdges';
import { drawFrame, drawMirror, drawNode } from './svgNodes';
import { MONO, SANS, esc, num } from './svgText';

export interface SvgInput {
  readonly doc: DomainDoc;
  readonly positions: ReadonlyMap<string, Point>;
  readonly palette: SvgPalette;
  /** The picture's <title> (the document's name, say); a default says what it is. */
  readonly title?: string;
  /** Nodes with problems, drawn with a red or amber border as on the canvas. */
  readonly severities?: ReadonlyMap<string, Severity>;
}

export interface SvgOutput {
  readonly svg: string;
  /** The viewBox: every frame, node, edge and label inside, plus the margin. */
  readonly box: Box;
  readonly scene: Scene;
}

export const MARGIN = 24;

function styleSheet(p: SvgPalette): string {
  const mono = `font-family:${MONO}`;
  const rules = [
    `text{font-family:${SANS};fill:${p.text}}`,
    `.pos{${mono};font-size:15px;font-weight:700;fill:${p.text}}`,
    `.aside{${mono};font-size:14px;font-weight:700;fill:${p.accent}}`,
    `.badge{font-size:10px;font-weight:700;letter-spacing:.04em}`,
    `.badge-active{fill:${p.active}}.badge-quorum{fill:${p.quorum}}.badge-job{fill:${p.accent}}`,
    `.type{font-size:12.5px;fill:${p.muted}}`,
    `.chip{${mono};font-size:10.5px;fill:${p.text}}.chip-none{fill:${p.danger}}`,
    `.src{${mono};font-size:12.5px;fill:${p.text}}`,
    `.vote{font-size:13px;fill:${p.text}}.vote-n{font-size:17px;font-weight:700;fill:${p.quorum}}`,
    `.members{${mono};font-size:12px;fill:${p.muted}}`,
    `.probe{font-size:11px;font-weight:700;fill:${p.muted}}`,
    `.frame-target{${mono};font-size:16px;font-weight:700;fill:${p.text}}`,
    `.frame-meta{font-size:13px;fill:${p.muted}}.frame-counter{${mono};font-size:11px;fill:${p.muted}}`,
    `.elabel{font-size:10px;fill:${p.muted}}.empty{font-size:14px;fill:${p.muted}}`,
  ];
  // Colours that passed checkedPalette and constant font names: nothing here needs escaping.
  return `<style>${rules.join('')}</style>`;
}

/** The smallest box holding all these boxes and points. */
function bounds(boxes: readonly Box[], points: readonly Point[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return x0 === Infinity ? { x: 0, y: 0, w: 0, h: 0 } : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function renderGraphSvg(input: SvgInput): SvgOutput {
  const scene = buildScene(input.doc, input.positions, input.severities);
  const p = checkedPalette(input.palette, LIGHT);
  const drawn = scene.edges.map((e) => drawEdge(e, p));
  const empty = scene.nodes.length === 0;
  // Chain-end marks hang below their node; edges may route outside the frames when nodes were dragged far.
  const marks = scene.nodes.map((n) => ({ ...n.box, h: n.box.h + END_MARK_DEPTH }));
  const content = empty ? { x: 0, y: 0, w: 240, h: 60 } : bounds([...scene.frames.map((f) => f.box), ...marks, ...scene.mirrors.map((m) => m.box)], drawn.flatMap((d) => d.extent));
  const box = { x: Math.floor(content.x - MARGIN), y: Math.floor(content.y - MARGIN), w: Math.ceil(content.w + 2 * MARGIN), h: Math.ceil(content.h + 2 * MARGIN) };
  const disks = scene.derived.disks.length;
  const count = scene.nodes.length;
  const title = input.title ?? 'Strata graph';
  const desc = `${disks} disk${disks === 1 ? '' : 's'}, ${count} node${count === 1 ? '' : 's'}; ${input.doc.dialect} dialect, guest ${input.doc.state}. Exported from Strata.`;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.w}" height="${box.h}" viewBox="${num(box.x)} ${num(box.y)} ${box.w} ${box.h}" role="img" aria-labelledby="strata-title strata-desc">`,
    `<title id="strata-title">${esc(title)}</title><desc id="strata-desc">${esc(desc)}</desc>`,
    `<defs>${styleSheet(p)}${markerDefs(p)}</defs>`,
    `<rect class="background" x="${num(box.x)}" y="${num(box.y)}" width="${box.w}" height="${box.h}" fill="${esc(p.bg)}"/>`,
    ...scene.frames.map((f) => drawFrame(f, p)),
    ...drawn.map((d) => d.svg),
    ...drawn.map((d) => d.label).filter(Boolean),
    ...scene.nodes.map((n) => drawNode(n, p)),
    ...scene.mirrors.map((m) => drawMirror(m, p)),
  ];
  if (empty) parts.push(`<text class="empty" x="120" y="36" text-anchor="middle">No disks in this document</text>`);
  parts.push('</svg>\n');
  return { svg: parts.join('\n'), box, scene };
}
