/**
 * What the import would give, worked out as the user types: the refusal
 * (the importer's own message, which names the input and what was
 * expected), or the disks it reads and its findings. Opening it is the
 * dialog's button; nothing here changes the document.
 */
import type { ImportResult } from '../../core/import/index';
import type { Severity } from '../../core/model/diagnostics';
import { derive } from '../../core/numbers/derive';

export const ICONS: Record<Severity, string> = { error: '✕', warning: '▲', info: 'i' };

function disksOf(r: Extract<ImportResult, { ok: true }>): string {
  const disks = derive(r.doc).disks;
  const one = (d: (typeof disks)[number]): string => `${d.target} (${d.nodes.length} ${d.nodes.length === 1 ? 'layer' : 'layers'})`;
  return disks.map(one).join(', ');
}

export function ImportPreview({ result }: { result: ImportResult | null }) {
  if (result === null) return null;
  if (!result.ok) {
    return (
      <section className="imp-preview" aria-label="Import result">
        <p className="imp-error" role="alert">{result.message}</p>
      </section>
    );
  }
  return (
    <section className="imp-preview" aria-label="Import result">
      <p className="imp-reads">
        Reads as <strong>{disksOf(result)}</strong>
        {result.doc.state === 'running' ? ', a running guest' : ''}.
      </p>
      {result.diagnostics.length > 0 && (
        <ul className="imp-findings" aria-label="Import findings">
          {result.diagnostics.map((d, i) => (
            <li key={`${i}:${d.code}`} className={`imp-finding imp-sev-${d.severity}`}>
              <span className="imp-icon" role="img" aria-label={d.severity}>{ICONS[d.severity]}</span>
              <span className="imp-msg">
                {d.message} <span className="imp-code">{d.code}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
