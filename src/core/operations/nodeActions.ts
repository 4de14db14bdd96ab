/**
 * The actions on one node, for the context menu, the keyboard and the
 * inspector: one catalogue, so one action has one label, one shortcut, one
 * refusal text. An action either is one registered request (run through
 * the gateway) or opens the operations dialog on a tab for this node.
 */
import type { DerivedDoc, NodeView } from '../numbers/derive';
import type { DomainDoc } from '../model/types';
import { freeMemberPath } from './paths';
import { available, titleOf } from './registry';
import type { OpRequest } from '../ops/request';

export type DialogTab = 'snapshot' | 'commit' | 'pull' | 'copy' | 'backup' | 'quorum' | 'renumber';

export interface NodeAction {
  readonly id: string;
  readonly label: string;
  /** The key that runs it when the node has the keyboard focus. */
  readonly shortcut?: string;
  /** Yes, or why not (shown on hover and to screen readers on a disabled item). */
  readonly available: true | string;
  /** What it does: one request, or the dialog on a tab. */
  readonly run: { readonly request: OpRequest; readonly confirm?: string } | { readonly dialog: DialogTab };
}

function requestAction(doc: DomainDoc, id: string, request: OpRequest, shortcut?: string, confirm?: string): NodeAction {
  return { id, label: titleOf(request, doc), shortcut, available: available(doc, request), run: { request, confirm } };
}

/** A dialog is offered where its operation can start on this node; otherwise the reason. */
function dialogAction(id: string, label: string, tab: DialogTab, ok: boolean, why: string, shortcut?: string): NodeAction {
  return { id, label, shortcut, available: ok ? true : why, run: { dialog: tab } };
}

export function nodeActions(doc: DomainDoc, derived: DerivedDoc, v: NodeView): NodeAction[] {
  const top = v.parentUid === null;
  const chainTop = top || v.isActive || (v.parentUid !== null && derived.byUid.get(v.parentUid)?.isQuorum === true);
  const oneBelow = !v.isQuorum && v.childUids.length === 1;
  const several = v.childUids.length > 1;
  const remove: OpRequest = { kind: 'remove', uid: v.uid, subtree: several };
  const actions: NodeAction[] = [
    // On a quorum, B adds a member the way a host does it (quorum-add has host commands; insert-below has none).
    v.isQuorum
      ? requestAction(doc, 'add-member', { kind: 'quorum-add', at: v.address, file: freeMemberPath(derived, v) }, 'B')
      : requestAction(doc, 'insert-below', { kind: 'insert-below', uid: v.uid }, 'B'),
    requestAction(doc, 'wrap', { kind: 'wrap-quorum', uid: v.uid }, 'Q'),
    ...(v.end !== null ? [requestAction(doc, 'toggle-end', { kind: 'set-end', uid: v.uid, end: v.end === 'terminated' ? 'open' : 'terminated' }, 'E')] : []),
    requestAction(doc, 'remove', remove, 'Delete', several ? `Remove ${v.headline} and everything below it (${v.childUids.length} members and their chains)?` : undefined),
    dialogAction('op-snapshot', 'Snapshot…', 'snapshot', chainTop, `${v.headline} is a backing file: a snapshot goes on a chain top (the disk's top or a quorum member).`, 'S'),
    dialogAction('op-commit', 'Commit…', 'commit', oneBelow, `${v.headline} has ${v.isQuorum ? 'members, not a backing file' : 'no backing file'} to commit into.`, 'C'),
    dialogAction('op-pull', 'Pull…', 'pull', oneBelow, `${v.headline} has ${v.isQuorum ? 'members, not a backing file' : 'no backing file'} to pull from.`, 'P'),
    dialogAction('op-copy', 'Copy…', 'copy', chainTop, `${v.headline} is a backing file: a copy starts at a chain top.`),
    dialogAction('op-backup', 'Backup…', 'backup', true, ''),
    dialogAction('op-quorum', 'Quorum members and threshold…', 'quorum', v.isQuorum || (!top && chainTop), `${v.headline} is neither a quorum nor one of its members.`),
  ];
  return actions;
}

/** The action a key runs on a node, if any (Backspace removes too). */
export function actionForKey(actions: readonly NodeAction[], key: string): NodeAction | undefined {
  const k = key === 'Backspace' ? 'delete' : key.toLowerCase();
  return actions.find((a) => a.shortcut?.toLowerCase() === k);
}
