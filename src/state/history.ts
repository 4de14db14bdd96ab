/** Whether Undo and Redo have anything to do, for the toolbar (read-only views of zundo's history). */
import { useStore } from 'zustand';
import { useEditor } from './store';

export function useCanUndo(): boolean {
  // Unapplied typing can always be undone (thrown away), even with no history (a restored broken draft).
  const draft = useEditor((s) => s.draft);
  return useStore(useEditor.temporal, (t) => t.pastStates.length > 0) || draft;
}

export function useCanRedo(): boolean {
  return useStore(useEditor.temporal, (t) => t.futureStates.length > 0);
}
