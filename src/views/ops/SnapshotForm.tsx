/**
 * Snapshot (domain.md §6): a new overlay on a chain top. On a quorum, the
 * design mail's three ways: one overlay on the quorum, one per member in one
 * transaction, or a chosen subset of the members.
 */
import { useState } from 'react';
import type { NodeView } from '../../core/numbers/derive';
import type { SnapshotTarget } from '../../core/ops';
import type { OpRequest } from '../../core/ops/request';
import { perform } from '../../core/operations/registry';
import { perform as run } from '../../state/store';
import { loadNamePattern, saveNamePattern, today } from '../../state/namePattern';
import { patternReason } from '../../core/ops/overlayName';
import { derive } from '../../core/numbers/derive';
import { addressFor, chainTops, isQuorumView, jobBlock, membersOf, pick } from './choices';
import type { FormProps } from './parts';
import { ApplyBar, Field, NodeSelect, refusal } from './parts';

type Mode = 'quorum' | 'each' | 'subset';

/** The default file of each target's new overlay under this request, by the target's uid (none when the request is refused). */
function defaultNames(doc: FormProps['doc'], req: OpRequest, on: readonly NodeView[]): Map<string, string> {
  const out = new Map<string, string>();
  const r = perform(doc, req);
  if (!r.ok) return out;
  const after = derive(r.doc);
  for (const v of on) {
    const overlay = [...after.byUid.values()].find((n) => n.childUids.includes(v.uid) && r.summary.added.includes(n.uid));
    if (overlay?.source) out.set(v.uid, overlay.source);
  }
  return out;
}

export function SnapshotForm({ doc, derived, uid, onDone }: FormProps) {
  const tops = chainTops(derived);
  const [topUid, setTopUid] = useState(() => pick(derived, tops, uid)?.uid ?? '');
  const top = derived.byUid.get(topUid) ?? tops[0];
  const [mode, setMode] = useState<Mode>('quorum');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [files, setFiles] = useState<Readonly<Record<string, string>>>({});
  const [pattern, setPattern] = useState(() => loadNamePattern());
  if (!top) return <p>No chain top to snapshot.</p>;

  const quorum = isQuorumView(top);
  const members = quorum ? membersOf(derived, top) : [];
  const on: NodeView[] = !quorum || mode === 'quorum' ? [top] : mode === 'each' ? members : members.filter((m) => chosen.has(m.uid));
  const targets: SnapshotTarget[] = on.map((v) => {
    const file = files[v.uid]?.trim();
    return file ? { at: addressFor(derived, v), file } : { at: addressFor(derived, v) };
  });
  const req: OpRequest = { kind: 'snapshot', targets, names: { pattern, date: today() } };
  const reason = refusal([jobBlock(derived, top.disk), targets.length === 0 ? 'Choose at least one member to snapshot.' : null], () => perform(doc, req));
  // The names the pattern gives, shown in each empty file field: a dry run of the very request.
  const preview = defaultNames(doc, req, on);

  return (
    <form className="ops-form" aria-label="Snapshot" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">A new qcow2 overlay becomes the active layer; the old top becomes its read-only backing file. Every image stays valid.</p>
      <NodeSelect label="Snapshot of" nodes={tops} value={top.uid} onChange={setTopUid} derived={derived} />
      {quorum && (
        <fieldset className="ops-group">
          <legend>On a quorum</legend>
          <label className="ops-radio">
            <input type="radio" name="snap-mode" checked={mode === 'quorum'} onChange={() => setMode('quorum')} />
            <span>One overlay on the quorum <code>Q[a, b, c] ← snap</code></span>
          </label>
          <label className="ops-radio">
            <input type="radio" name="snap-mode" checked={mode === 'each'} onChange={() => setMode('each')} />
            <span>One overlay per member, in one transaction <code>Q[a ← snapA, b ← snapB, …]</code></span>
          </label>
          <label className="ops-radio">
            <input type="radio" name="snap-mode" checked={mode === 'subset'} onChange={() => setMode('subset')} />
            <span>Chosen members only</span>
          </label>
          {mode === 'subset' && (
            <div className="ops-checks" role="group" aria-label="Members to snapshot">
              {members.map((m) => (
                <label key={m.uid} className="ops-check">
                  <input
                    type="checkbox"
                    checked={chosen.has(m.uid)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(m.uid);
                      else next.delete(m.uid);
                      setChosen(next);
                    }}
                  />
                  <span>{m.headline} ({m.aside}) · {m.source ?? m.type}</span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
      )}
      {on.map((v) => (
        <Field key={v.uid} label={`Overlay file for ${v.headline}`} hint={on.length === 1 ? 'Empty: named by the pattern below, next to the image.' : undefined}>
          {(id) => (
            <input id={id} type="text" className="ops-path" placeholder={preview.get(v.uid) ?? '(default name)'} value={files[v.uid] ?? ''} onChange={(e) => setFiles({ ...files, [v.uid]: e.target.value })} />
          )}
        </Field>
      ))}
      <Field label="Name pattern" hint="{name} the image's name without its .snapN, {n} the next number, {id} the node id, {date} today, {ext} from the format">
        {(id) => (
          <input
            id={id}
            type="text"
            className="ops-path"
            value={pattern}
            spellCheck={false}
            onChange={(e) => {
              setPattern(e.target.value);
              if (patternReason(e.target.value) === null) saveNamePattern(e.target.value);
            }}
          />
        )}
      </Field>
      <ApplyBar
        reason={reason}
        label={targets.length > 1 ? `Snapshot ${targets.length} nodes` : 'Snapshot'}
        onApply={() => {
          const r = run(req);
          if (r === null) onDone();
          return r;
        }}
      />
    </form>
  );
}
