/**
 * Export: to QEMU (the blockdev-add sequence that builds the whole
 * topology, or a qemu-img script that makes the image files; both from the
 * core, exactly as `strata export qmp|qemu-img` prints them), and the graph
 * as a picture (SVG, or PNG at 2x) in the theme on screen (views/share/graphImage.ts).
 */
import { exportQemuImg } from '../core/export/qemuImg';
import { exportQmp } from '../core/export/qmp';
import { defaultFileName, downloadBlob, downloadText } from '../state/files';
import { notify, useEditor } from '../state/store';
import { currentGraphSvg, graphFileName, pngScale, svgToPng } from './share/graphImage';
import { thousands } from '../core/text/thousands';

const TEXT_EXPORTS = {
  qmp: {
    label: 'QMP blockdev-add (JSON)',
    ext: '.qmp.json',
    type: 'application/json',
    make: () => JSON.stringify(exportQmp(useEditor.getState().doc), null, 2) + '\n',
  },
  'qemu-img': {
    label: 'qemu-img create script',
    ext: '.images.sh',
    type: 'text/x-shellscript',
    make: () => exportQemuImg(useEditor.getState().doc),
  },
} as const;

const IMAGE_EXPORTS = { 'graph-svg': 'Graph as SVG', 'graph-png': 'Graph as PNG' } as const;

type TextExport = keyof typeof TEXT_EXPORTS;
type ImageExport = keyof typeof IMAGE_EXPORTS;
export type ExportKind = TextExport | ImageExport;

const isImage = (k: ExportKind): k is ImageExport => k in IMAGE_EXPORTS;
const kb = (bytes: number): string => `${thousands(Math.max(1, Math.round(bytes / 1024)))} KB`;

/** While the XML has an error the graph shows the last good version: so does the picture, and the notice says so. */
const staleNote = (): string => (useEditor.getState().parseError ? ' The XML has an error: the picture shows the last good version, as the graph does.' : '');

async function exportImage(kind: ImageExport): Promise<void> {
  const { svg, box } = currentGraphSvg();
  if (kind === 'graph-svg') {
    downloadText(svg, graphFileName('svg'), 'image/svg+xml');
    notify('info', `Exported the graph as SVG (${box.w} × ${box.h}, ${kb(svg.length)}).${staleNote()}`);
    return;
  }
  const scale = pngScale(box.w, box.h);
  const png = await svgToPng(svg, box.w, box.h, scale);
  downloadBlob(png, graphFileName('png'));
  const size = `${Math.round(box.w * scale)} × ${Math.round(box.h * scale)} px`;
  const scaled = scale < 2 ? `, drawn at ${scale.toFixed(2)}x: at 2x it would pass the browser's canvas limit` : ', 2x';
  notify('info', `Exported the graph as PNG (${size}${scaled}, ${kb(png.size)}).${staleNote()}`);
}

export async function exportAs(kind: ExportKind): Promise<void> {
  try {
    if (isImage(kind)) return await exportImage(kind);
    const e = TEXT_EXPORTS[kind];
    const base = defaultFileName(useEditor.getState().doc).replace(/\.xml$/, '');
    downloadText(e.make(), base + e.ext, e.type);
    notify('info', `Exported ${e.label}.`);
  } catch (err) {
    // ExportError says why QEMU could not open the document as written (raw with a backing file, ...).
    notify('error', `Export refused: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function ExportMenu() {
  return (
    <label className="tb-select">
      <span className="sr-only">Export</span>
      <select
        aria-label="Export"
        value=""
        onChange={(e) => {
          const kind = e.target.value as ExportKind | '';
          if (kind) void exportAs(kind);
        }}
      >
        <option value="">Export…</option>
        <optgroup label="To QEMU">
          {(Object.keys(TEXT_EXPORTS) as TextExport[]).map((k) => (
            <option key={k} value={k}>{TEXT_EXPORTS[k].label}</option>
          ))}
        </optgroup>
        <optgroup label="Picture of the graph">
          {(Object.keys(IMAGE_EXPORTS) as ImageExport[]).map((k) => (
            <option key={k} value={k}>{IMAGE_EXPORTS[k]}</option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
