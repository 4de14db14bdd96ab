/**
 * What the document is: its dialect (libvirt's XML or the 2014 proposal's)
 * and its guest's state (offline or running). Each change is an operation
 * through the gateway (convert, set-state), refused with the reason when it
 * cannot be done (a quorum has no libvirt XML).
 */
import type { Dialect, GuestState } from '../core/model/types';
import { perform, useEditor } from '../state/store';

export function DocumentMode() {
  const dialect = useEditor((s) => s.doc.dialect);
  const state = useEditor((s) => s.doc.state);
  return (
    <div className="doc-mode" role="group" aria-label="Document">
      <label title="Which XML: libvirt's own (what virsh takes) or the 2014 proposal's (quorums, node='[N]')">
        <span className="lbl">Dialect</span>
        <select aria-label="Dialect" value={dialect} onChange={(e) => perform({ kind: 'convert', dialect: e.target.value as Dialect })}>
          <option value="libvirt">libvirt</option>
          <option value="proposal">proposal</option>
        </select>
      </label>
      <label title="A running guest keeps its node ids; a stopped libvirt guest is numbered afresh at its next start">
        <span className="lbl">Guest</span>
        <select aria-label="Guest state" value={state} onChange={(e) => perform({ kind: 'set-state', state: e.target.value as GuestState })}>
          <option value="offline">offline</option>
          <option value="running">running</option>
        </select>
      </label>
    </div>
  );
}
