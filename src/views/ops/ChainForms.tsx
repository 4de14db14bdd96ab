/**
 * Commit and pull (domain.md §6): both work between a top and a base on one
 * chain, so both pick from dropdowns of valid nodes only. Commit on the
 * disk's active layer of a running guest is a two-phase job.
 */
import { useState } from 'react';
import type { OpRequest } from '../../core/ops/request';
import { perform } from '../../core/operations/registry';
import { perform as run } from '../../state/store';
import { addressFor, basesBelow, isQuorumView, jobBlock, pick, topsWithBases } from './choices';
import { JobControls } from './JobControls';
import type { FormProps } from './parts';
import { ApplyBar, NodeSelect, refusal } from './parts';

export function CommitForm({ doc, derived, uid, onDone }: FormProps) {
  const tops = topsWithBases(derived);
  const [topUid, setTopUid] = useState(() => pick(derived, tops, uid)?.uid ?? '');
  const top = derived.byUid.get(topUid) ?? tops[0];
  const bases = top ? basesBelow(derived, top) : [];
  const [baseUid, setBaseUid] = useState('');
  const base = bases.find((b) => b.uid === baseUid) ?? bases[0];
  const [keep, setKeep] = useState(false);
  if (!top || !base) return <p className="ops-lead">No node has a backing image to commit into.</p>;

  const disk = derived.disks[top.disk]!;
  const topAt = addressFor(derived, top);
  const baseAt = addressFor(derived, base);
  const job = disk.mirror !== null;
  const asJob = top.parentUid === null && doc.state === 'running';
  const chainTop = top.isActive;
  // The active layer of a running guest commits as a job (its first phase); otherwise in one step.
  const req: OpRequest = asJob ? { kind: 'commit-start', top: topAt, base: baseAt } : { kind: 'commit', top: topAt, base: baseAt, keepOverlay: chainTop ? keep : undefined };
  const reason = refusal([job && disk.mirror?.job !== 'active-commit' ? jobBlock(derived, top.disk) : null], () =>
    perform(doc, req),
  );

  return (
    <form className="ops-form" aria-label="Commit" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">
        Merges the layers from top down to just above base into base. The committed layers leave the chain and are <strong>no longer valid images</strong>; base and what is below it stay valid.
      </p>
      <NodeSelect label="Top" nodes={tops} value={top.uid} onChange={(u) => { setTopUid(u); setBaseUid(''); }} derived={derived} />
      {disk.mirror?.job === 'active-commit' ? (
        <JobControls derived={derived} disk={top.disk} onDone={onDone} />
      ) : (
        <>
          <NodeSelect label="Base" nodes={bases} value={base.uid} onChange={setBaseUid} derived={derived} />
          {chainTop && !asJob && (
            <fieldset className="ops-group">
              <legend>When the commit is ready</legend>
              <label className="ops-radio">
                <input type="radio" name="commit-end" checked={!keep} onChange={() => setKeep(false)} />
                <span>Pivot: base becomes the active layer</span>
              </label>
              <label className="ops-radio">
                <input type="radio" name="commit-end" checked={keep} onChange={() => setKeep(true)} />
                <span>Keep the overlay active</span>
              </label>
            </fieldset>
          )}
          <ApplyBar
            reason={reason}
            label={asJob ? 'Start commit job' : 'Commit'}
            note={
              asJob
                ? 'This is the active layer of a running guest: the commit runs as a job until it is ready; then "What happened" offers Pivot and Keep overlay.'
                : chainTop && doc.state === 'offline'
                  ? 'The guest is offline: no job runs; the commit is applied at once.'
                  : undefined
            }
            onApply={() => {
              const r = run(req);
              if (r === null) onDone();
              return r;
            }}
          />
        </>
      )}
    </form>
  );
}

export function PullForm({ doc, derived, uid, onDone }: FormProps) {
  const tops = topsWithBases(derived).filter((v) => !isQuorumView(v) && v.childUids.length === 1);
  const [topUid, setTopUid] = useState(() => pick(derived, tops, uid)?.uid ?? '');
  const top = derived.byUid.get(topUid) ?? tops[0];
  // The node right below top already backs it: pulling down to it would pull nothing.
  const bases = top ? basesBelow(derived, top).slice(1) : [];
  const [baseUid, setBaseUid] = useState('');
  const base = bases.find((b) => b.uid === baseUid);
  if (!top) return <p className="ops-lead">No image has a backing file to pull from.</p>;

  const req: OpRequest = base ? { kind: 'pull', top: addressFor(derived, top), base: addressFor(derived, base) } : { kind: 'pull', top: addressFor(derived, top) };
  const reason = refusal([jobBlock(derived, top.disk)], () => perform(doc, req));
  return (
    <form className="ops-form" aria-label="Pull" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">
        Copies the data of the layers below top up into it and drops them from the chain. The pulled-out images are not changed: <strong>they stay valid</strong>.
      </p>
      <NodeSelect label="Top" nodes={tops} value={top.uid} onChange={(u) => { setTopUid(u); setBaseUid(''); }} derived={derived} />
      <NodeSelect label="Base" nodes={bases} value={base?.uid ?? ''} onChange={setBaseUid} derived={derived} empty="(none: pull everything; top becomes standalone)" />
      <ApplyBar
        reason={reason}
        label="Pull"
        onApply={() => {
          const r = run(req);
          if (r === null) onDone();
          return r;
        }}
      />
    </form>
  );
}
