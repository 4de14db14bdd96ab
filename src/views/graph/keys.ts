/** Keyboard in the graph: arrows walk the tree, Delete removes, letters run node actions. */
import { useCallback } from 'react';
import type { KeyboardEvent } from 'react';
import type { DerivedDoc, NodeView } from '../../core/derive';
import { notify, select } from '../../state/store';
import { NODE_ACTIONS, removeWithConfirm } from './actions';

function neighbour(derived: DerivedDoc, v: NodeView, key: string): string | null {
  if (key === 'ArrowUp') return v.parentUid;
  if (key === 'ArrowDown') return v.childUids[0] ?? null;
  const siblings = v.parentUid ? derived.byUid.get(v.parentUid)!.childUids : derived.disks.map((d) => d.nodes[0]!.uid);
  const i = siblings.indexOf(v.uid);
  const j = key === 'ArrowLeft' ? i - 1 : i + 1;
  return siblings[j] ?? null;
}

export function useGraphKeys(derived: DerivedDoc, selected: string | null) {
  return useCallback(
    (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, .cm-editor')) return;
      const v = selected ? derived.byUid.get(selected) : undefined;
      if (!v) {
        if (e.key.startsWith('Arrow') && derived.disks[0]) {
          select(derived.disks[0].nodes[0]!.uid, 'keyboard');
          e.preventDefault();
        }
        return;
      }
      if (e.key.startsWith('Arrow')) {
        const next = neighbour(derived, v, e.key);
        if (next) select(next, 'keyboard');
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        removeWithConfirm(v);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = NODE_ACTIONS.find((a) => a.shortcut?.toLowerCase() === e.key.toLowerCase());
      if (!action) return;
      e.preventDefault();
      if (action.enabled(v, derived)) action.run(v, derived);
      else if (action.why) notify('error', action.why(v, derived));
    },
    [derived, selected],
  );
}
