/**
 * Node actions shared by the context menu, the keyboard and the inspector's
 * buttons: one definition each, so they cannot drift apart.
 */
import type { DerivedDoc, NodeView } from '../../core/derive';
import { insertBelow, quorumAdd, removeNode, setEnd, wrapInQuorum } from '../../core/ops';
import { runOp } from '../../state/store';
import { freeMemberPath } from '../inspector/model';
import { openOperations } from '../ops/store';

export interface NodeAction {
  readonly id: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly enabled: (v: NodeView, derived: DerivedDoc) => boolean;
  /** Why it is not available, when that is not obvious (shown on the menu item; a shortcut says it). */
  readonly why?: (v: NodeView, derived: DerivedDoc) => string;
  readonly run: (v: NodeView, derived: DerivedDoc) => void;
}

/** Removing a node with several backing stores drops a whole subtree: ask first. */
export function removeWithConfirm(v: NodeView): void {
  if (v.childUids.length > 1) {
    const ok = window.confirm(`Remove ${v.headline} and everything below it (${v.childUids.length} members and their chains)?`);
    if (!ok) return;
    runOp('Remove subtree', (d) => removeNode(d, v.uid, { subtree: true }));
    return;
  }
  runOp('Remove node', (d) => removeNode(d, v.uid));
}

export const NODE_ACTIONS: readonly NodeAction[] = [
  {
    id: 'insert-below',
    label: 'Add backing image below',
    shortcut: 'B',
    enabled: () => true,
    run: (v) => runOp(v.isQuorum ? 'Add member' : 'Add backing image', (d) => insertBelow(d, v.uid)),
  },
  {
    id: 'add-member',
    label: 'Add quorum member',
    enabled: (v) => v.isQuorum,
    run: (v, derived) => runOp('Add member', (d) => quorumAdd(d, { at: v.address, file: freeMemberPath(derived, v) })),
  },
  {
    id: 'wrap',
    label: 'Wrap in a new quorum',
    shortcut: 'Q',
    // libvirt cannot express a quorum; the operation would only be refused.
    enabled: (_v, derived) => derived.dialect === 'proposal',
    why: () => 'libvirt XML cannot express a quorum (libvirt never merged it): switch to the proposal dialect first.',
    run: (v) => runOp('Wrap in quorum', (d) => wrapInQuorum(d, v.uid)),
  },
  {
    id: 'toggle-end',
    label: 'Toggle chain end (terminated / open)',
    shortcut: 'E',
    enabled: (v) => v.end !== null,
    run: (v) => runOp('Toggle chain end', (d) => setEnd(d, v.uid, v.end === 'terminated' ? 'open' : 'terminated')),
  },
  {
    id: 'remove',
    label: 'Remove',
    shortcut: 'Del',
    enabled: () => true,
    run: (v) => removeWithConfirm(v),
  },
  // Live operations (domain.md §6) open the operations dialog on this node; the dialog offers only valid choices.
  // Snapshot and copy take a chain top: the disk's top or a quorum member (an active layer with a user).
  { id: 'op-snapshot', label: 'Snapshot…', shortcut: 'S', enabled: (v) => v.parentUid === null || v.isActive, run: (v) => openOperations('snapshot', v.uid) },
  { id: 'op-commit', label: 'Commit…', shortcut: 'C', enabled: (v) => !v.isQuorum && v.childUids.length === 1, run: (v) => openOperations('commit', v.uid) },
  { id: 'op-pull', label: 'Pull…', shortcut: 'P', enabled: (v) => !v.isQuorum && v.childUids.length === 1, run: (v) => openOperations('pull', v.uid) },
  { id: 'op-copy', label: 'Copy…', enabled: (v) => v.parentUid === null || v.isActive, run: (v) => openOperations('copy', v.uid) },
  { id: 'op-backup', label: 'Backup…', enabled: () => true, run: (v) => openOperations('backup', v.uid) },
  {
    id: 'op-quorum',
    label: 'Quorum members and threshold…',
    // A quorum, or one of its members (an active layer with a user is a member: its user is a quorum).
    enabled: (v) => v.isQuorum || (v.isActive && v.parentUid !== null),
    run: (v) => openOperations('quorum', v.uid),
  },
];
