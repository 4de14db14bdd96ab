/** The operations dialog's tabs, in order. */
import type { DialogTab } from '../../core/operations/nodeActions';

export type OpTab = DialogTab;

export const OP_TABS: readonly { readonly id: OpTab; readonly label: string }[] = [
  { id: 'snapshot', label: 'Snapshot' },
  { id: 'commit', label: 'Commit' },
  { id: 'pull', label: 'Pull' },
  { id: 'copy', label: 'Copy' },
  { id: 'backup', label: 'Backup' },
  { id: 'quorum', label: 'Quorum' },
  { id: 'renumber', label: 'Renumber' },
];
