/**
 * The operations UI's own state, apart from the editor store (which stays
 * the one gateway for the document): whether the dialog is open and on
 * which operation, the last operation's record for the "What happened"
 * panel (the document before it, the request, the host commands). Each phase
 * of a two-phase job is its own operation with its own commands.
 */
import { create } from 'zustand';
import type { DomainDoc } from '../../core/model/types';
import type { OpRequest } from '../../core/ops/request';
import type { HostCommands } from '../../core/commands/types';
import type { EditorState } from '../../state/store';

export type OpTab = 'snapshot' | 'commit' | 'pull' | 'copy' | 'backup' | 'quorum' | 'renumber';

export const OP_TABS: readonly { readonly id: OpTab; readonly label: string }[] = [
  { id: 'snapshot', label: 'Snapshot' },
  { id: 'commit', label: 'Commit' },
  { id: 'pull', label: 'Pull' },
  { id: 'copy', label: 'Copy' },
  { id: 'backup', label: 'Backup' },
  { id: 'quorum', label: 'Quorum' },
  { id: 'renumber', label: 'Renumber' },
];

export type LastChange = NonNullable<EditorState['lastChange']>;

/** One applied operation as the "What happened" panel shows it. */
export interface ChangeRecord {
  /** The store's `lastChange` this record explains (compared by identity). */
  readonly change: LastChange;
  readonly before: DomainDoc;
  readonly after: DomainDoc;
  readonly commands: HostCommands | null;
  /** What the commands cover when they are not the whole operation (a job that has not ended yet). */
  readonly commandsNote: string | null;
}

/** The requests that run as two-phase jobs on a disk's top. */
export type JobRequest = Extract<OpRequest, { kind: 'copy' | 'commit' }>;

interface OpsState {
  readonly open: { readonly tab: OpTab; readonly uid: string | null; readonly seq: number } | null;
  readonly record: ChangeRecord | null;
}

export const useOps = create<OpsState>()(() => ({ open: null, record: null }));

/** Opens the dialog on an operation, for a node when given (the context menu passes the node it was opened on). */
export function openOperations(tab: OpTab = 'snapshot', uid: string | null = null): void {
  useOps.setState((s) => ({ open: { tab, uid, seq: (s.open?.seq ?? 0) + 1 } }));
}

/** Another tab of the open dialog (same opening: focus stays where the user is). */
export function switchTab(tab: OpTab): void {
  useOps.setState((s) => (s.open ? { open: { ...s.open, tab } } : s));
}

export function closeOperations(): void {
  useOps.setState({ open: null });
}

export function setRecord(record: ChangeRecord): void {
  useOps.setState({ record });
}
