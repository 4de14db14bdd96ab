/**
 * Export to QEMU: the blockdev-add sequence that builds the whole topology,
 * or a qemu-img script that makes the image files. Both come from the core,
 * exactly as `strata export qmp|qemu-img` prints them.
 */
import { exportQemuImg } from '../core/export/qemuImg';
import { exportQmp } from '../core/export/qmp';
import { defaultFileName, downloadText } from '../state/files';
import { notify, useEditor } from '../state/store';

const EXPORTS = {
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

type ExportKind = keyof typeof EXPORTS;

export function exportAs(kind: ExportKind): void {
  const e = EXPORTS[kind];
  try {
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
          if (kind) exportAs(kind);
        }}
      >
        <option value="">Export…</option>
        {(Object.keys(EXPORTS) as ExportKind[]).map((k) => (
          <option key={k} value={k}>{EXPORTS[k].label}</option>
        ))}
      </select>
    </label>
  );
}
