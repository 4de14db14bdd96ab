/**
 * "Compare with this document": every disagreement between the open
 * document and the tool outputs (core/check), each selecting its node when
 * clicked, with its Fix (the finding's registry request through the store's
 * gateway: one undo step; disabled, saying why, while the registry refuses
 * it) and, where the host is the one to change, its command to copy. The
 * list is the hostCompare store's, checked again after every change, so a
 * fixed finding leaves it and an undone fix brings it back.
 */
import { useState } from 'react';
import type { CheckFinding, CheckResult } from '../../core/check/index';
import { closeCompare } from '../../state/hostCompare';
import { copyText } from '../../state/share';
import { perform, select } from '../../state/store';
import { ICONS } from './ImportPreview';

function HostLine({ line }: { line: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => setState((await copyText(line)) ? 'copied' : 'manual');
  return (
    <div className="cmp-host">
      <span className="cmp-host-label">On the host instead:</span>
      {/* Where the clipboard is not available the line is selectable text, for Ctrl+C. */}
      <code className={state === 'manual' ? 'cmp-host-code cmp-host-manual' : 'cmp-host-code'}>{line}</code>
      <button type="button" onClick={() => void copy()} aria-label="Copy host command" title={state === 'manual' ? 'The clipboard is not available: select the line and press Ctrl+C' : 'Copy the command'}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

function FixButton({ f }: { f: CheckFinding }) {
  if (!f.fix) return <span className="cmp-nofix">No fix in the XML: the host has to change.</span>;
  const blocked = f.fix.blocked;
  const describe = blocked ? `Not yet: ${blocked}` : f.fix.label;
  return (
    <button
      type="button"
      className="cmp-fix"
      disabled={blocked !== undefined}
      title={describe}
      aria-description={describe}
      onClick={() => {
        perform(f.fix!.request);
      }}
    >
      Fix
    </button>
  );
}

function Finding({ f }: { f: CheckFinding }) {
  return (
    <li className={`cmp-finding imp-sev-${f.severity}`} data-code={f.code}>
      <button type="button" className="cmp-go" onClick={() => f.node !== undefined && select(f.node, 'problems')} title={f.node ? 'Select its node' : undefined}>
        <span className="imp-icon" role="img" aria-label={f.severity}>{ICONS[f.severity]}</span>
        <span className="imp-msg">
          {f.message} <span className="imp-code">{f.code}</span>
        </span>
      </button>
      <div className="cmp-actions">
        <FixButton f={f} />
        {f.fix?.blocked && <span className="cmp-blocked">{f.fix.blocked}</span>}
      </div>
      {f.host && <HostLine line={f.host} />}
    </li>
  );
}

export function CompareList({ result }: { result: CheckResult }) {
  return (
    <section className="cmp" aria-label="Comparison with the host">
      <header className="cmp-head">
        <h3>Compared with this document</h3>
        <button type="button" onClick={closeCompare}>Close comparison</button>
      </header>
      {!result.ok ? (
        <p className="imp-error" role="alert">{result.message}</p>
      ) : result.findings.length === 0 ? (
        <p className="imp-ok" role="status">The document agrees with these outputs: nothing to fix.</p>
      ) : (
        <>
          <p className="imp-note">
            {result.findings.length} {result.findings.length === 1 ? 'disagreement' : 'disagreements'}; on the graph, a dashed node is a layer only the host has, a dashed outline a layer that differs.
          </p>
          <ul className="cmp-list" aria-label="Disagreements">
            {result.findings.map((f, i) => (
              <Finding key={`${i}:${f.code}:${f.node ?? ''}`} f={f} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
