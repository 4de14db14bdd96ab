/** A running block job (the disk's `<mirror>`): its state, and the two ways to end it. */
import { useState } from 'react';
import type { DerivedDoc } from '../../core/numbers/derive';
import { perform } from '../../state/store';

export function JobControls({ derived, disk, onDone }: { derived: DerivedDoc; disk: number; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const d = derived.disks[disk];
  const job = d?.mirror;
  if (!d || !job) return null;
  const copy = job.job === 'copy';
  const head = job.chain[0];
  const end = (how: 'pivot' | 'cancel' | 'keep-overlay') => {
    const r = perform({ kind: 'job-end', disk: d.target, end: how });
    setError(r);
    if (r === null) onDone();
  };
  return (
    <section className="ops-job" aria-label={`Block job on ${d.target}`}>
      <p className="ops-job-state">
        <strong>{d.target}</strong>: {job.job ?? 'block'} job{' '}
        <span className={job.isReady ? 'ops-ready' : 'ops-running'}>{job.isReady ? 'ready' : (job.ready ?? 'running')}</span>
        {copy ? ' → ' : ' into '}
        <code>{job.dest ?? '?'}</code>
        {copy && head?.id !== null && head?.id !== undefined ? ` [${head.id}]` : ''}
      </p>
      <p className="ops-note">
        {copy
          ? 'The copy is in step with the disk and the guest writes to both (the dashed nodes in the graph, <mirror> in the XML). Pivot to run the disk on the copy, or cancel to keep the disk as it is (the copy stays on the host).'
          : 'The base holds the committed data and the guest writes to both. Pivot to run the disk on the base (the committed images become invalid), or keep the overlay active.'}
      </p>
      <div className="ops-buttons">
        <button type="button" className="ops-primary" disabled={!job.isReady} onClick={() => end('pivot')}>
          Pivot
        </button>
        {copy ? (
          <button type="button" onClick={() => end('cancel')}>Cancel copy</button>
        ) : (
          <button type="button" onClick={() => end('keep-overlay')}>Keep overlay</button>
        )}
      </div>
      {error && (
        <p className="ops-refusal" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
