/**
 * The last steps of every restore (positions, selection, history, the unapplied
 * draft), and a big session's restore in the background (issue 12).
 *
 * A stored document of BIG_TEXT_CHARS or more is read in the worker, like a
 * pasted one, so start-up is not one long main-thread task. Until it lands:
 *   - the XML pane shows its text (a draft) and the graph says it is being
 *     restored; "Reading…" has Cancel, as for a paste;
 *   - nothing of this tab is written (`holdWrites`): the store still holds
 *     the example and no positions, and the stored session, untouched, is
 *     what a reload must find again;
 *   - it lands when a document read from that very text is recorded, from
 *     this read or from Ctrl+S after a Cancel: then its positions, selection
 *     and baseline come back, as in a restore on the main thread;
 *   - any other change (typing over the text, opening something else) is the
 *     user's own: the restore gives way and autosave stores what they did.
 */
import { create } from 'zustand';
import type { Baseline } from './baseline';
import { adoptBaseline } from './baseline';
import { pendingRead, useReading } from './bigRead';
import { applyDraft, clearHistory, errorAt, loadDocument, moveNodes, notify, select, setDraft, useEditor } from './store';
import type { Session } from './sessionFormat';
import { draggedFromKeys, uidOfKey } from './stableKeys';
import { holdWrites } from './tabSession';

export type RestoreResult = { readonly restored: boolean; readonly message?: string; readonly later?: boolean };

/**
 * `reading`: the stored document is being read (the graph pane says so).
 * `keepView`: it has just landed, and the graph keeps the view the session
 * stored instead of fitting the new nodes (taken once by the graph view).
 */
export const useRestoring = create<{ reading: boolean; keepView: boolean }>(() => ({ reading: false, keepView: false }));

/** True once after a background restore landed: the graph shows the stored view, not a fit. */
export function takeKeptView(): boolean {
  if (!useRestoring.getState().keepView) return false;
  useRestoring.setState({ keepView: false });
  return true;
}

/** Positions, selection and the draft of `session`, whose last good text `good` is now the document. History starts afresh. */
export function finishRestore(session: Session, good: string): RestoreResult {
  const doc = useEditor.getState().doc;
  moveNodes(draggedFromKeys(doc, session.dragged));
  const sel = session.view.selection ? uidOfKey(doc, session.view.selection) : null;
  if (sel !== null) select(sel, 'op');
  clearHistory();
  if (session.text === good) return { restored: true };
  setDraft(session.text);
  // Typing saved before it was applied: applied now (one undo step back to the last good document).
  if (applyDraft()) return { restored: true };
  // A big draft is being read in the worker: it lands, or shows its error, by itself.
  if (pendingRead() === session.text) return { restored: true };
  const e = useEditor.getState().parseError;
  const message = `Your last session's XML does not parse (${e ? errorAt(e) : 'an error'}). The graph shows your last good version; your text is in the XML pane: fix it, or Undo to go back to that version.`;
  notify('error', message);
  return { restored: true, message };
}

/** Starts reading `good` (the session's last good text) in the worker; the restore finishes when it lands. */
export function restoreLater(session: Session, good: string, stored: Baseline | null): RestoreResult {
  const start = useEditor.getState().doc;
  holdWrites(true);
  useRestoring.setState({ reading: true, keepView: false });
  let open = true;
  const end = (landed: boolean): void => {
    open = false;
    unsubscribe();
    unwatch();
    if (landed) return; // the rest when it is placed, below
    holdWrites(false);
    useRestoring.setState({ reading: false });
  };
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (!open || (s.doc === prev.doc && s.text === prev.text)) return;
    if (s.doc !== start && !s.draft && s.savedText === good) {
      end(true);
      useRestoring.setState({ keepView: true });
      // In a task of its own, after this one has drawn the document (under the note): a landing task that also
      // placed and selected was twice as long (Chromium trace, bench row 5). And after this store update is over:
      // undo history records it once its listeners (this one) have run, and the restore clears that history.
      setTimeout(() => {
        adoptBaseline(stored ?? { opened: { text: good, name: 'Restore', at: Date.now() }, saved: null });
        finishRestore(session, good);
        holdWrites(false); // only now: a write in between (the tab closing) would store it without its positions
        useRestoring.setState({ reading: false });
      }, 0);
    } else if (s.doc !== start || s.text !== good) end(false);
  });
  // A read that stops (Cancel, a failure) leaves the text as a draft, and the graph shows what the store holds (the
  // example) until Ctrl+S reads it again; writes stay held, as nothing has changed yet.
  const unwatch = useReading.subscribe((r) => {
    if (open && r.reading === null) useRestoring.setState({ reading: false });
  });
  loadDocument(good, 'Restore', { async: true, fit: false });
  return { restored: true, later: true };
}
