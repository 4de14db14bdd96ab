/**
 * Copy and backup (domain.md §6). A copy of a running disk is a two-phase
 * job (ready, then pivot or cancel; `<mirror>` meanwhile); a quorum
 * member's copy, or any copy offline, is applied at once. A backup writes a
 * point-in-time copy elsewhere and never changes the chain.
 */
import { useState } from 'react';
import type { OpRequest } from '../../core/ops/request';
import { perform } from '../../core/operations/registry';
import { freePath } from '../../core/operations/paths';
import { perform as run } from '../../state/store';
import { addressFor, chainTops, jobBlock, pick } from './choices';
import { JobControls } from './JobControls';
import type { FormProps } from './parts';
import { ApplyBar, Field, NodeSelect, refusal } from './parts';

export function CopyForm({ doc, derived, uid, onDone }: FormProps) {
  const tops = chainTops(derived);
  const [atUid, setAtUid] = useState(() => pick(derived, tops, uid)?.uid ?? '');
  const at = derived.byUid.get(atUid) ?? tops[0];
  const [dest, setDest] = useState<string | null>(null);
  const [shallow, setShallow] = useState(false);
  const [cancel, setCancel] = useState(false);
  if (!at) return <p className="ops-lead">Nothing to copy.</p>;

  const disk = derived.disks[at.disk]!;
  const path = dest ?? freePath(derived, at.source, 'copy');
  const address = addressFor(derived, at);
  const asJob = at.parentUid === null && doc.state === 'running';
  // A running guest's disk top copies as a job (its first phase); otherwise in one step.
  const req: OpRequest = asJob ? { kind: 'copy-start', at: address, dest: path, shallow } : { kind: 'copy', at: address, dest: path, shallow, cancel };
  const reason = refusal([disk.mirror?.job === 'copy' ? null : jobBlock(derived, at.disk)], () => perform(doc, req));

  return (
    <form className="ops-form" aria-label="Copy" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">Copies the disk to a new image. A copy never changes its source: the images it leaves behind stay valid.</p>
      <NodeSelect label="Copy of" nodes={tops} value={at.uid} onChange={(u) => { setAtUid(u); setDest(null); }} derived={derived} />
      {disk.mirror?.job === 'copy' ? (
        <JobControls derived={derived} disk={at.disk} onDone={onDone} />
      ) : (
        <>
          <Field label="Destination file">
            {(id) => <input id={id} type="text" className="ops-path" value={path} onChange={(e) => setDest(e.target.value)} />}
          </Field>
          <fieldset className="ops-group">
            <legend>What to copy</legend>
            <label className="ops-radio">
              <input type="radio" name="copy-kind" checked={!shallow} onChange={() => setShallow(false)} />
              <span>Full: the whole chain into one standalone image</span>
            </label>
            <label className="ops-radio">
              <input type="radio" name="copy-kind" checked={shallow} onChange={() => setShallow(true)} />
              <span>Shallow: the top only; the copy keeps the same backing chain</span>
            </label>
          </fieldset>
          {!asJob && (
            <fieldset className="ops-group">
              <legend>When the copy is ready</legend>
              <label className="ops-radio">
                <input type="radio" name="copy-end" checked={!cancel} onChange={() => setCancel(false)} />
                <span>Pivot: the disk runs on the copy</span>
              </label>
              <label className="ops-radio">
                <input type="radio" name="copy-end" checked={cancel} onChange={() => setCancel(true)} />
                <span>Cancel: keep the disk as it is (the copy stays on the host)</span>
              </label>
            </fieldset>
          )}
          <ApplyBar
            reason={reason}
            label={asJob ? 'Start copy' : 'Copy'}
            note={
              asJob
                ? 'The copy runs as a job: once ready, the graph shows it beside the disk, the XML shows <mirror>, and "What happened" offers Pivot and Cancel.'
                : doc.state === 'offline'
                  ? 'The guest is offline: no job runs; the copy is applied at once.'
                  : 'A quorum member is copied at once (the job view, <mirror>, belongs to the whole disk).'
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

export function BackupForm({ doc, derived, uid, onDone }: FormProps) {
  // Any node can be backed up (a backing layer alone through QMP); the disk's top is what virsh backs up.
  const tops = derived.disks.flatMap((d) => d.nodes);
  const [atUid, setAtUid] = useState(() => pick(derived, tops, uid)?.uid ?? '');
  const at = derived.byUid.get(atUid) ?? tops[0];
  const [dest, setDest] = useState<string | null>(null);
  if (!at) return <p className="ops-lead">Nothing to back up.</p>;

  const path = dest ?? freePath(derived, at.source, 'backup');
  const req: OpRequest = { kind: 'backup', at: addressFor(derived, at), dest: path };
  const reason = refusal([jobBlock(derived, at.disk)], () => perform(doc, req));
  return (
    <form className="ops-form" aria-label="Backup" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">
        A point-in-time copy of what the guest sees, written to a file outside the disk. <strong>The chain does not change</strong>, and every image stays valid.
      </p>
      <NodeSelect label="Back up" nodes={tops} value={at.uid} onChange={(u) => { setAtUid(u); setDest(null); }} derived={derived} />
      <Field label="Backup file">
        {(id) => <input id={id} type="text" className="ops-path" value={path} onChange={(e) => setDest(e.target.value)} />}
      </Field>
      <ApplyBar
        reason={reason}
        label="Back up"
        onApply={() => {
          const r = run(req);
          if (r === null) onDone();
          return r;
        }}
      />
    </form>
  );
}
