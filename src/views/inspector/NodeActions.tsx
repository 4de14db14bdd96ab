/**
 * The inspector's action buttons: the node actions of the core's catalogue
 * that edit the graph (the same labels and refusals as the context menu and
 * the keys). A disabled button says why on hover and to screen readers; a
 * refusal at click time is shown under the buttons.
 */
import { useId, useState } from 'react';
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';
import { derive } from '../../core/numbers/derive';
import { nodeActions } from '../../core/operations/nodeActions';
import { select, useEditor } from '../../state/store';
import { runAction } from '../shared/actions';

interface Props {
  readonly view: NodeView;
  readonly derived: DerivedDoc;
}

const SHOWN = ['insert-below', 'add-member', 'wrap', 'remove'];

/** After a removal the inspector follows the node's user (or the disk's new top) instead of going blank. */
function selectAfterRemove(view: NodeView): void {
  const s = useEditor.getState();
  if (!s.lastChange?.removed.includes(view.uid)) return;
  const next = view.parentUid ?? derive(s.doc).disks[view.disk]?.nodes[0]?.uid ?? null;
  select(next, 'op');
}

export function NodeActions({ view, derived }: Props) {
  const doc = useEditor((s) => s.doc);
  const whyId = useId();
  const [error, setError] = useState<{ uid: string; text: string } | null>(null);
  const shown = error !== null && error.uid === view.uid ? error.text : null;
  // On a quorum "Add backing image below" adds a member too: show one of the two.
  const actions = nodeActions(doc, derived, view).filter((a) => SHOWN.includes(a.id) && !(view.isQuorum && a.id === 'insert-below'));

  return (
    <div className="insp-actions" role="group" aria-label="Node actions">
      <div className="insp-buttons">
        {actions.map((a, i) => {
          const why = a.available === true ? null : a.available;
          return (
            <button
              key={a.id}
              type="button"
              className={a.id === 'remove' ? 'insp-danger' : undefined}
              aria-disabled={why !== null}
              aria-describedby={why !== null ? `${whyId}-${i}` : undefined}
              title={why ?? undefined}
              onClick={() => {
                if (why !== null) return;
                const reason = runAction(a, view.uid);
                setError(reason === null ? null : { uid: view.uid, text: reason });
                if (reason === null && a.id === 'remove') selectAfterRemove(view);
              }}
            >
              {a.label}
              {why !== null && (
                <span id={`${whyId}-${i}`} className="sr-only">
                  {why}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {shown !== null && (
        <p className="insp-error" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
