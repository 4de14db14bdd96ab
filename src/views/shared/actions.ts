/**
 * Running a node action (src/core/operations/nodeActions) from any view:
 * the context menu, the keyboard, the inspector. A request goes through the
 * store's gateway (asking first when the action says so); a dialog action
 * opens the operations dialog on its tab for the node.
 */
import type { NodeAction } from '../../core/operations/nodeActions';
import { openOperations } from '../../state/dialogs';
import { notify, perform } from '../../state/store';

/** Runs the action; returns the refusal reason (also shown as a notice), null when done or declined. */
export function runAction(a: NodeAction, uid: string): string | null {
  if (a.available !== true) {
    notify('error', a.available);
    return a.available;
  }
  if ('dialog' in a.run) {
    openOperations(a.run.dialog, uid);
    return null;
  }
  if (a.run.confirm && !window.confirm(a.run.confirm)) return null;
  return perform(a.run.request);
}
