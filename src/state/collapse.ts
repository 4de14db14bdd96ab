/**
 * Which collapsed chain groups the user opened (view state, like the
 * viewport: not part of the document, not undone). The plan itself is
 * computed from the document each time (core/collapse.ts).
 */
import { create } from 'zustand';

interface CollapseState {
  readonly expanded: ReadonlySet<string>;
}

export const useCollapse = create<CollapseState>(() => ({ expanded: new Set<string>() }));

export function expandGroup(id: string): void {
  useCollapse.setState((s) => ({ expanded: new Set([...s.expanded, id]) }));
}
