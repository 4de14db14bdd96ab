/** The inspector's action buttons; a refusal is shown under them (and in the notice). */
import { useState } from 'react';
import type { DerivedDoc, NodeView } from '../../core/derive';
import { derive } from '../../core/derive';
import { insertBelow, quorumAdd, removeNode, wrapInQuorum } from '../../core/ops';
import { runOp, select, useEditor } from '../../state/store';
import { removeWithConfirm } from '../graph/actions';
import { freeMemberPath, latestError } from './model';

interface Props {
  readonly view: NodeView;
  readonly derived: DerivedDoc;
}

/** After a removal the inspector follows the node's user (or the disk's new top) instead of going blank. */
function selectAfterRemove(view: NodeView): void {
  const s = useEditor.getState();
  if (!s.lastChange?.removed.includes(view.uid)) return;
  const next = view.parentUid ?? derive(s.doc).disks[view.disk]?.nodes[0]?.uid ?? null;
  select(next, 'op');
}

export function NodeActions({ view, derived }: Props) {
  const [error, setError] = useState<{ uid: string; text: string } | null>(null);
  const run = (fn: () => string | null): void => {
    const reason = fn();
    setError(reason === null ? null : { uid: view.uid, text: reason });
  };
  const shown = error !== null && error.uid === view.uid ? error.text : null;

  return (
    <div className="insp-actions" role="group" aria-label="Node actions">
      <div className="insp-buttons">
        {view.isQuorum ? (
          <button type="button" onClick={() => run(() => runOp('Add member', (d) => quorumAdd(d, { at: view.address, file: freeMemberPath(derived, view) })))}>
            Add member
          </button>
        ) : (
          <button type="button" onClick={() => run(() => runOp('Add backing image', (d) => insertBelow(d, view.uid)))}>
            Add backing image
          </button>
        )}
        <button
          type="button"
          disabled={derived.dialect !== 'proposal'}
          title={derived.dialect !== 'proposal' ? 'libvirt XML cannot express a quorum: switch to the proposal dialect first' : undefined}
          onClick={() => run(() => runOp('Wrap in quorum', (d) => wrapInQuorum(d, view.uid)))}
        >
          Wrap in quorum
        </button>
        <button
          type="button"
          className="insp-danger"
          onClick={() =>
            run(() => {
              // The disk's top is never removed with its subtree: no point asking first, the refusal says why.
              const reason = view.parentUid === null ? runOp('Remove node', (d) => removeNode(d, view.uid)) : latestError(() => removeWithConfirm(view));
              if (reason === null) selectAfterRemove(view);
              return reason;
            })
          }
        >
          Remove
        </button>
      </div>
      {shown !== null && (
        <p className="insp-error" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
