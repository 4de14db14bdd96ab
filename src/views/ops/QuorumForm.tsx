/**
 * Quorum membership and votes (domain.md §5): add a member, remove one
 * (QEMU refuses when children ≤ threshold; the core says so), change the
 * threshold (1..members).
 */
import { useState } from 'react';
import type { OpRequest } from '../../core/ops/request';
import { perform } from '../../core/operations/registry';
import { freeMemberPath } from '../../core/operations/paths';
import { perform as performNow } from '../../state/store';
import { addressFor, jobBlock, membersOf, pick, quorums } from './choices';
import type { FormProps } from './parts';
import { ApplyBar, Field, NodeSelect, refusal } from './parts';

export function QuorumForm({ doc, derived, uid, onDone }: FormProps) {
  const qs = quorums(derived);
  // Opened on a member (or anything below one): the nearest quorum above it.
  const [qUid, setQUid] = useState(() => pick(derived, qs, uid)?.uid ?? '');
  const q = derived.byUid.get(qUid) ?? qs[0];
  const members = q ? membersOf(derived, q) : [];
  const [file, setFile] = useState<string | null>(null);
  const [memberUid, setMemberUid] = useState(() => (uid && members.some((m) => m.uid === uid) ? uid : ''));
  const [threshold, setThreshold] = useState<string | null>(null);
  if (!q) return <p className="ops-lead">The document has no quorum. (Wrap a node in a quorum from its context menu first.)</p>;

  const at = addressFor(derived, q);
  const blocked = jobBlock(derived, q.disk);
  const member = members.find((m) => m.uid === memberUid) ?? members[0];
  const path = file ?? freeMemberPath(derived, q);
  const value = threshold ?? q.threshold ?? '1';
  const add: OpRequest = { kind: 'quorum-add', at, file: path };
  const remove: OpRequest | null = member ? { kind: 'quorum-remove', at: addressFor(derived, member) } : null;
  const setT: OpRequest = { kind: 'threshold', at, value };
  const run = (label: string, req: OpRequest) => {
    const r = performNow(req);
    if (r === null) onDone();
    return r;
  };

  return (
    <form className="ops-form" aria-label="Quorum" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">
        A read succeeds when <strong>{q.threshold ?? '?'} of {q.members}</strong> members agree. Members must have the same virtual size.
      </p>
      <NodeSelect label="Quorum" nodes={qs} value={q.uid} onChange={(u) => { setQUid(u); setMemberUid(''); setFile(null); setThreshold(null); }} derived={derived} />
      <fieldset className="ops-group">
        <legend>Add a member</legend>
        <Field label="New member's file">
          {(id) => <input id={id} type="text" className="ops-path" value={path} onChange={(e) => setFile(e.target.value)} />}
        </Field>
        <ApplyBar reason={refusal([blocked], () => perform(doc, add))} label="Add member" onApply={() => run('Add member', add)} />
      </fieldset>
      <fieldset className="ops-group">
        <legend>Remove a member</legend>
        <NodeSelect label="Member" nodes={members} value={member?.uid ?? ''} onChange={setMemberUid} derived={derived} />
        <ApplyBar
          reason={refusal([blocked, remove ? null : 'The quorum has no members.'], remove ? () => perform(doc, remove) : null)}
          label="Remove member"
          note="The removed image stays valid as of the removal, but is no longer kept in sync."
          onApply={() => (remove ? run('Remove member', remove) : 'The quorum has no members.')}
        />
      </fieldset>
      <fieldset className="ops-group">
        <legend>Threshold</legend>
        <Field label={`Members that must agree (1–${q.members})`}>
          {(id) => <input id={id} type="number" min={1} max={Math.max(1, q.members)} value={value} onChange={(e) => setThreshold(e.target.value)} />}
        </Field>
        <ApplyBar
          reason={refusal([blocked, value === (q.threshold ?? '') ? `The threshold is already ${value}; choose another value.` : null], () => perform(doc, setT))}
          label="Set threshold"
          onApply={() => run('Set threshold', setT)}
        />
      </fieldset>
    </form>
  );
}
