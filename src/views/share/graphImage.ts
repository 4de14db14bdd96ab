/**
 * The graph as an image file, the browser's side: the theme's colours read
 * from the page (getComputedStyle of the CSS variables), the positions as
 * the canvas has them (auto layout with the dragged ones), the SVG from the
 * core (src/core/export/svg.ts), and the PNG rasterised from that SVG: an
 * <img> of it drawn on a canvas at 2x, so the PNG is the same picture.
 */
import { placeNodes } from '../../core/layout';
import type { Severity } from '../../core/model/diagnostics';
import type { SvgOutput } from '../../core/export/svg';
import { renderGraphSvg } from '../../core/export/svg';
import type { SvgPalette } from '../../core/export/svgPalette';
import { DARK, LIGHT, paletteFrom } from '../../core/export/svgPalette';
import { documentDiagnostics } from '../../state/diagnostics';
import { defaultFileName } from '../../state/files';
import { useEditor } from '../../state/store';
import { describeDoc } from '../../state/titles';

export const PNG_SCALE = 2;
/**
 * Chromium refuses canvases over 32,767 px a side or 268 M pixels (and a
 * canvas that large needs 1 GB); a graph of a few hundred nodes gets there
 * at 2x. Past these, the PNG is drawn at a smaller scale (and says so).
 */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 64 * 1024 * 1024;

/** The colours of the theme on screen now; a missing variable falls back to the built-in light or dark value. */
export function currentPalette(): SvgPalette {
  const root = document.documentElement;
  const style = getComputedStyle(root);
  return paletteFrom((v) => style.getPropertyValue(v), root.dataset.theme === 'dark' ? DARK : LIGHT);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The graph as the canvas shows it now, as SVG (the last good document while the XML has an error). */
export function currentGraphSvg(): SvgOutput {
  const s = useEditor.getState();
  const severities = new Map<string, Severity>();
  for (const d of documentDiagnostics(s.doc, s.readDiagnostics)) {
    if (!d.node) continue;
    const cur = severities.get(d.node);
    if (!cur || RANK[d.severity] > RANK[cur]) severities.set(d.node, d.severity);
  }
  const { title, detail } = describeDoc(s.doc);
  return renderGraphSvg({ doc: s.doc, positions: placeNodes(s.doc, s.dragged), palette: currentPalette(), severities, title: `${title} (${detail}): Strata graph` });
}

/** `demo.graph.svg`, from the document's name as Save XML names it. */
export function graphFileName(ext: 'svg' | 'png'): string {
  return defaultFileName(useEditor.getState().doc).replace(/\.xml$/i, '') + `.graph.${ext}`;
}

/** The scale the PNG is drawn at: 2x, or less where the browser's canvas limits would refuse it. */
export function pngScale(w: number, h: number): number {
  return Math.min(PNG_SCALE, MAX_SIDE / Math.max(w, h, 1), Math.sqrt(MAX_PIXELS / Math.max(w * h, 1)));
}

/** The SVG drawn on a canvas at `scale`, as PNG bytes. */
export async function svgToPng(svg: string, w: number, h: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('the browser gave no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`the browser could not encode a ${canvas.width} × ${canvas.height} PNG`);
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

