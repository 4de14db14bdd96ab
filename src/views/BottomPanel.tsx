/**
 * Problems and "What happened", under the graph. They take room only when
 * they have something to say (a problem, an operation's record, a job
 * waiting for the user); otherwise one line says all is quiet, and the user
 * can still open them. The choice to open or close sticks until the next
 * operation (which has something new to say).
 */
import { useState } from 'react';
import { derive } from '../core/numbers/derive';
import { useDiagnostics } from '../state/diagnostics';
import { useEditor } from '../state/store';
import { shownFindings, useHostCompare } from '../state/hostCompare';
import { ChangePanel } from './ops/ChangePanel';
import { ProblemsPanel } from './ProblemsPanel';
import { Splitter } from './Splitter';

function useSomethingToShow(): { problems: number; happened: boolean } {
  const parseError = useEditor((s) => s.parseError);
  const diagnostics = useDiagnostics();
  // A load records itself too, but says nothing a user needs under the graph.
  const happened = useEditor((s) => (s.record !== null && s.record.request.kind !== 'replace-text') || derive(s.doc).disks.some((d) => d.mirror !== null));
  const host = useHostCompare(shownFindings)?.length ?? 0;
  return { problems: diagnostics.length + (parseError ? 1 : 0) + host, happened };
}

export function BottomPanel({ height, onHeight }: { height: number; onHeight: (h: number) => void }) {
  const { problems, happened } = useSomethingToShow();
  const record = useEditor((s) => s.record);
  const [choice, setChoice] = useState<{ open: boolean; for: typeof record } | null>(null);
  const auto = problems > 0 || happened;
  const open = choice && choice.for === record ? choice.open : auto;
  const toggle = () => setChoice({ open: !open, for: record });
  if (!open) {
    return (
      <div className="bottom-strip" role="region" aria-label="Status">
        <span>{problems === 0 ? 'No problems' : `${problems} problem${problems === 1 ? '' : 's'}`}</span>
        <span className="bottom-strip-sep">·</span>
        <span className="bottom-strip-quiet">Run an operation to see what it changes and its host commands.</span>
        <button type="button" className="bottom-toggle" aria-expanded={false} onClick={toggle}>Show panels</button>
      </div>
    );
  }
  return (
    <>
      <Splitter orientation="horizontal" value={height} onChange={onHeight} min={70} max={520} invert label="Resize the problems panel" className="split-bottom" />
      <div className="pane pane-bottom" style={{ height }}>
        <ProblemsPanel />
        <div className="pane-change">
          <ChangePanel />
        </div>
        <button type="button" className="bottom-toggle bottom-hide" aria-expanded={true} onClick={toggle} title="Hide the panels">Hide</button>
      </div>
    </>
  );
}
