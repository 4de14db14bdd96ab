/**
 * Problems: the parse error first (while the XML does not parse), then what
 * reading found and what validation finds, each a button that selects its
 * node in the graph and puts the XML cursor on its line and column.
 */
import { useMemo } from 'react';
import type { Diagnostic, Severity } from '../core/model/diagnostics';
import { useDiagnostics } from '../state/diagnostics';
import { select, useEditor } from '../state/store';
import { shownFindings, useHostCompare } from '../state/hostCompare';
import { focusXmlAt } from './XmlPane';
import './panels.css';

/** Rendering thousands of rows would stall typing; the rest are summarised. */
const MAX_ROWS = 500;

const ICONS: Record<Severity, string> = { error: '✕', warning: '▲', info: 'i' };
const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(list: readonly Diagnostic[]): string {
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) count[d.severity] += 1;
  const words: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
  return ORDER.filter((s) => count[s] > 0)
    .map((s) => plural(count[s], words[s]))
    .join(', ');
}

function goTo(d: Diagnostic): void {
  if (d.node !== undefined) select(d.node, 'problems');
  focusXmlAt(d.line, d.col);
}

function Row({ d, stale }: { d: Diagnostic; stale: boolean }) {
  return (
    <li>
      <button type="button" className={`prob-row prob-${d.severity}${stale ? ' prob-stale' : ''}`} onClick={() => goTo(d)} title={d.message}>
        <span className="prob-icon" role="img" aria-label={d.severity}>
          {ICONS[d.severity]}
        </span>{' '}
        <span className="prob-code">{d.code}</span> <span className="prob-message">{d.message}</span>{' '}
        <span className="prob-loc">
          {d.line}:{d.col}
        </span>
      </button>
    </li>
  );
}

export function ProblemsPanel() {
  const parseError = useEditor((s) => s.parseError);
  const modelProblems = useDiagnostics();
  // "Compare with host" findings sit with the others while the comparison is open (their fixes are in the Import dialog).
  const host = useHostCompare(shownFindings);
  const all = useMemo(() => [...(parseError ? [parseError] : []), ...modelProblems, ...(host ?? [])], [parseError, modelProblems, host]);
  const shown = all.slice(0, MAX_ROWS);
  const worst = ORDER.find((s) => all.some((d) => d.severity === s));

  return (
    <section className="problems" aria-label="Problems">
      <header className="prob-header">
        <h2>Problems</h2>
        {/* The empty state says "No problems" below; the header stays quiet then. */}
        <span className={`prob-summary${worst ? ` prob-summary-${worst}` : ''}`} aria-live="polite">
          {all.length > 0 ? summarize(all) : ''}
        </span>
        {parseError && <span className="prob-stale-note">the rest describe the last XML that parsed</span>}
      </header>
      {all.length === 0 ? (
        <p className="prob-empty">No problems</p>
      ) : (
        <ul className="prob-list">
          {shown.map((d, i) => (
            <Row key={`${i}:${d.code}:${d.line}:${d.col}`} d={d} stale={parseError !== null && d !== parseError} />
          ))}
          {all.length > shown.length && <li className="prob-more">…and {all.length - shown.length} more</li>}
        </ul>
      )}
    </section>
  );
}
