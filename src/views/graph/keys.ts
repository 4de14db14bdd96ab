/**
 * Keyboard in the graph: arrows walk the tree, letters and Delete run the
 * node actions (src/core/operations/nodeActions) on the node that has the
 * keyboard focus, else on the selection. Focus follows a keyboard move, so
 * what the focus ring shows is what a key acts on. On a focused link, Enter
 * selects it and Delete asks how to remove it.
 */
import { useCallback } from 'react';
import type { KeyboardEvent } from 'react';
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';
import { actionForKey, nodeActions } from '../../core/operations/nodeActions';
import { findByUid } from '../../core/ops/locate';
import { askLinkRemoval, select, selectEdge, useEditor } from '../../state/store';
import { edgeEnds } from './useLinks';
import { runAction } from '../shared/actions';

function neighbour(derived: DerivedDoc, v: NodeView, key: string): string | null {
  if (key === 'ArrowUp') return v.parentUid;
  if (key === 'ArrowDown') return v.childUids[0] ?? null;
  const siblings = v.parentUid ? derived.byUid.get(v.parentUid)!.childUids : derived.disks.map((d) => d.nodes[0]!.uid);
  const i = siblings.indexOf(v.uid);
  const j = key === 'ArrowLeft' ? i - 1 : i + 1;
  return siblings[j] ?? null;
}

/** The node whose box has the keyboard focus (React Flow puts `data-id` on it). */
function focusedNode(target: HTMLElement, derived: DerivedDoc): NodeView | undefined {
  const id = target.closest<HTMLElement>('.react-flow__node')?.dataset.id;
  return id ? derived.byUid.get(id) : undefined;
}

function focusNode(uid: string, within: HTMLElement): void {
  const find = () => within.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(uid)}"]`);
  // At once when the node is drawn already (a walk with the arrows: the next key, even a fast repeat, must start from here);
  // a node the operation just created is drawn by the next frame.
  const now = find();
  if (now) now.focus();
  else requestAnimationFrame(() => find()?.focus());
}

export function useGraphKeys(derived: DerivedDoc, selected: string | null) {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, .cm-editor, [role=menu]')) return;
      // A focused link: Enter selects it (its meaning shows in the inspector), Delete asks how to remove it.
      const link = target.closest<HTMLElement>('.react-flow__edge')?.dataset.id;
      const ends = link ? edgeEnds(link) : null;
      if (ends) {
        if (e.key === 'Enter' || e.key === ' ') {
          selectEdge(ends);
          // The selection redraws the link; keep the keyboard on it so Delete (or Escape) acts next.
          // React Flow draws the selected link anew (the old element goes, with the focus), so look for it until it is back.
          const root = e.currentTarget;
          const refocus = (tries: number): void => {
            const el = root.querySelector<SVGElement>(`.react-flow__edge[data-id="${CSS.escape(link!)}"]`);
            if (el && document.activeElement !== el && el.isConnected) el.focus();
            if (tries > 0 && document.activeElement !== el) setTimeout(() => refocus(tries - 1), 30);
          };
          requestAnimationFrame(() => refocus(10));
        }
        else if (e.key === 'Delete' || e.key === 'Backspace') askLinkRemoval(ends);
        else return;
        e.preventDefault();
        return;
      }
      const picked = useEditor.getState().selectedEdge;
      if (picked && !focusedNode(target, derived) && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        askLinkRemoval(picked);
        return;
      }
      const v = focusedNode(target, derived) ?? (selected ? derived.byUid.get(selected) : undefined);
      if (!v) {
        if (e.key.startsWith('Arrow') && derived.disks[0]) {
          const first = derived.disks[0].nodes[0]!.uid;
          select(first, 'keyboard');
          focusNode(first, e.currentTarget);
          e.preventDefault();
        }
        return;
      }
      if (e.key.startsWith('Arrow')) {
        const next = neighbour(derived, v, e.key);
        if (next) {
          select(next, 'keyboard');
          focusNode(next, e.currentTarget);
        }
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = actionForKey(nodeActions(useEditor.getState().doc, derived, v), e.key);
      if (!action) return;
      e.preventDefault();
      const root = e.currentTarget;
      runAction(action, v.uid);
      // A removed node cannot keep the focus: it goes to its user (or what took its place), so the keyboard stays in the graph.
      const after = useEditor.getState();
      if (!findByUid(after.doc, v.uid)) {
        const next = [v.parentUid, ...v.childUids].find((u): u is string => u !== null && findByUid(after.doc, u) !== null);
        if (next) {
          select(next, 'keyboard');
          focusNode(next, root);
        } else root.focus();
      }
    },
    [derived, selected],
  );
}
