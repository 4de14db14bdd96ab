/**
 * Node actions shared by the context menu, the keyboard and the inspector's
 * buttons: one definition each, so they cannot drift apart.
 */
import type { DerivedDoc, NodeView } from '../../core/derive';
import { insertBelow, quorumAdd, removeNode, setEnd, wrapInQuorum } from '../../core/ops';
import { runOp } from '../../state/store';
import { freeMemberPath } from '../inspector/model';

export interface NodeAction {
  readonly id: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly enabled: (v: NodeView) => boolean;
  readonly run: (v: NodeView, derived: DerivedDoc) => void;
}

/** Removing a node with several backing stores drops a whole subtree: ask first. */
export function removeWithConfirm(v: NodeView): void {
  if (v.childUids.length > 1) {
    const ok = window.confirm(`Remove ${v.positionLabel} and everything below it (${v.childUids.length} members and their chains)?`);
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
    enabled: () => true,
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
];
