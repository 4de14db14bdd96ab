/**
 * "Reading 4.1 MB…" with Cancel, while a big text is read in the worker
 * (state/bigRead.ts). Shown only after a moment (SHOW_AFTER_MS), so a read
 * that is quick does not flash. Cancel keeps the text in the XML pane as a
 * draft: nothing typed or pasted is lost.
 */
import { useEffect, useState } from 'react';
import { cancelRead, useReading } from '../state/bigRead';
import './reading.css';

export const SHOW_AFTER_MS = 300;

function size(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} MB` : `${Math.round(chars / 1e3)} KB`;
}

export function ReadProgress() {
  const reading = useReading((s) => s.reading);
  const [shown, setShown] = useState<typeof reading>(null);
  useEffect(() => {
    if (!reading) return;
    const t = setTimeout(() => setShown(reading), Math.max(0, SHOW_AFTER_MS - (performance.now() - reading.since)));
    return () => clearTimeout(t);
  }, [reading]);
  if (!reading || shown !== reading) return null;
  return (
    <div className="read-progress" role="status" aria-live="polite">
      <span className="read-progress-spinner" aria-hidden="true" />
      <span>Reading {size(reading.chars)}…</span>
      <button type="button" onClick={cancelRead} title="Stop reading; the XML stays in the pane as a draft">
        Cancel
      </button>
    </div>
  );
}
