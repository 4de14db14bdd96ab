/**
 * Which operations dialog is open: view state in the one store (not
 * tracked by undo: opening a dialog changes nothing in the document).
 */
import type { DialogTab } from '../core/operations/nodeActions';
import { useEditor } from './store';

/** Opens the dialog on an operation, for a node when given (the context menu passes the node it was opened on). */
export function openOperations(tab: DialogTab = 'snapshot', uid: string | null = null): void {
  useEditor.setState((s) => ({ opsDialog: { tab, uid, seq: (s.opsDialog?.seq ?? 0) + 1 } }));
}

/** Another tab of the open dialog (same opening: focus stays where the user is). */
export function switchTab(tab: DialogTab): void {
  useEditor.setState((s) => (s.opsDialog ? { opsDialog: { ...s.opsDialog, tab } } : s));
}

export function closeOperations(): void {
  useEditor.setState({ opsDialog: null });
}
