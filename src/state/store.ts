/**
 * The one store. Every change to the document is one registered operation
 * (src/core/operations) run through `perform`, the mutation gateway: it
 * records one undo step together with what happened (the record "What
 * happened" shows, with the host commands), keeps the XML text in step, and
 * is what autosave watches. Undo restores the document, its record and its
 * running jobs (the `<mirror>`s are in the document) together. The model is
 * the truth; the XML text is the truth only while `draft` is set (typing not
 * yet applied).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { DomainDoc } from '../core/model/types';
import type { Diagnostic } from '../core/model/diagnostics';
import type { OpResult } from '../core/ops/types';
import type { OpRequest } from '../core/ops/request';
import { commandsOf, perform as performOp, titleOf } from '../core/operations/registry';
import { applyLoadedText } from '../core/operations/replaceText';
import { shortText } from '../core/operations/shortText';
import { findByUid } from '../core/ops/locate';
import type { Point } from '../core/layout';
import type { ChangeRecord, EdgeSelection, EditorState, Highlight, Notice, Selection } from './types';
import { pruneDragged } from '../core/layout';
import { loadText, toText } from '../core/io/document';
import { DEFAULT_EXAMPLE } from '../core/examples';
import { pendingRead, readInWorker, readsOffThread } from './bigRead';
import type { ReadOutcome } from './bigRead';

export type { ChangeRecord, EdgeSelection, EditorState, Highlight, Notice, Selection } from './types';

type Tracked = Pick<EditorState, 'doc' | 'dragged' | 'savedText' | 'readDiagnostics' | 'record' | 'lastChange'>;

function initialState(): EditorState {
  const loaded = loadText(DEFAULT_EXAMPLE.text);
  if (!loaded.ok) throw new Error('The built-in example does not parse');
  return {
    doc: loaded.doc,
    readDiagnostics: loaded.diagnostics,
    text: DEFAULT_EXAMPLE.text,
    savedText: DEFAULT_EXAMPLE.text,
    draft: false,
    parseError: null,
    dragged: {},
    selection: null,
    selectedEdge: null,
    linkRemovalAsked: false,
    lastChange: null,
    record: null,
    opsDialog: null,
    notice: null,
    fitRequest: 0,
    highlight: null,
  };
}

export const useEditor = create<EditorState>()(
  temporal(() => initialState(), {
    partialize: (s): Tracked => ({ doc: s.doc, dragged: s.dragged, savedText: s.savedText, readDiagnostics: s.readDiagnostics, record: s.record, lastChange: s.lastChange }),
    equality: (a, b) => a.doc === b.doc && a.dragged === b.dragged && a.savedText === b.savedText,
    limit: 200,
  }),
);

const set = (patch: Partial<EditorState>): void => useEditor.setState(patch);
const get = (): EditorState => useEditor.getState();

/** One call, one undo step (what `record` and the view-state changes below use). */
function commit(patch: Partial<Tracked> & Partial<EditorState>): void {
  const next = { ...patch };
  if (next.doc && !next.dragged) next.dragged = pruneDragged(next.doc, get().dragged);
  if (next.savedText !== undefined && next.text === undefined) next.text = next.savedText;
  set({ draft: false, parseError: null, ...next });
}

/** `line 6:18: what is wrong` for a message in parentheses (the error's own final full stop dropped). */
export function errorAt(e: Pick<Diagnostic, 'line' | 'col' | 'message'>): string {
  return `line ${e.line}:${e.col}: ${e.message.replace(/\.$/, '')}`;
}

export function notify(kind: Notice['kind'], text: string): void {
  set({ notice: { kind, text, at: Date.now() } });
}

/** Typing: the text changes, nothing else until it is applied. */
export function setDraft(text: string): void {
  if (text === get().text) return;
  const draft = text !== get().savedText;
  // Typing back to the saved text leaves nothing to apply, and nothing broken.
  set(draft ? { text, draft } : { text, draft, parseError: null });
}

/** Applies the draft. Returns false when it does not parse (the graph stays as it was, marked stale). */
export function applyDraft(): boolean {
  const s = get();
  if (!s.draft) return s.parseError === null;
  if (readsOffThread(s.text)) {
    // Read in a worker, applied below when it answers (false meanwhile: not applied yet).
    readOffThread(s.text, s.doc, undefined, {});
    return false;
  }
  const loaded = loadText(s.text);
  if (!loaded.ok) {
    set({ parseError: loaded.error });
    return false;
  }
  const req: OpRequest = { kind: 'replace-text', text: s.text };
  record(req, s.doc, applyLoadedText(s.doc, loaded, undefined), s.text, {});
  return true;
}

/** Before any non-typing change: apply pending typing, or refuse so it is never overwritten. */
function flushDraft(): boolean {
  if (!get().draft) return true;
  if (applyDraft()) return true;
  if (pendingRead() !== null) {
    notify('info', 'The XML is still being read: wait for it, or Cancel.');
    return false;
  }
  notify('error', 'The XML has an error: fix it (or undo) before editing the graph, so your typing is not lost.');
  return false;
}

function commandsFor(before: DomainDoc, req: OpRequest, after: DomainDoc): Pick<ChangeRecord, 'commands' | 'commandsNote'> {
  try {
    return { commands: commandsOf(before, req, after), commandsNote: null };
  } catch (e) {
    return { commands: null, commandsNote: `The host commands could not be worked out: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Whether `backing` is still one of `user`'s backing stores. */
function isLink(doc: DomainDoc, e: EdgeSelection): boolean {
  return findByUid(doc, e.user)?.node.backing.some((b) => b.uid === e.backing) ?? false;
}

/** The one writer of the document: commits an applied operation with its record (one undo step). */
function record(req: OpRequest, before: DomainDoc, result: Extract<OpResult, { ok: true }>, text: string, extra: Partial<EditorState>): void {
  const title = titleOf(req, before);
  const rec: ChangeRecord = { request: req, title, before, after: result.doc, summary: result.summary, ...commandsFor(before, req, result.doc) };
  // A selection of something the operation removed goes with it (the panels follow the selection).
  const sel = get().selection;
  const edge = get().selectedEdge;
  commit({
    selection: sel && findByUid(result.doc, sel.uid) ? sel : null,
    selectedEdge: edge && isLink(result.doc, edge) ? edge : null,
    doc: result.doc,
    savedText: text,
    readDiagnostics: result.summary.diagnostics ?? [],
    record: rec,
    lastChange: { ...result.summary, label: title, at: Date.now() },
    ...extra,
  });
}

/**
 * Runs a registered operation through the gateway: pending typing is applied
 * first (or the operation is refused, so typing is never overwritten), then
 * the operation, then one undo step with its record. Returns the refusal
 * reason (also shown as a notice), or null.
 */
export function perform(req: OpRequest): string | null {
  if (!flushDraft()) return 'The XML has unapplied errors.';
  const before = get().doc;
  const result = performOp(before, req);
  if (!result.ok) {
    notify('error', result.reason);
    return result.reason;
  }
  record(req, before, result, req.kind === 'replace-text' ? req.text : toText(result.doc), {});
  // One short line; the whole message is in "What happened".
  if (result.summary.message) notify('info', shortText(titleOf(req, before), before, result.doc, result.summary));
  return null;
}

/**
 * A big text read in a worker (state/bigRead.ts) lands here and is applied
 * like a small one: through record(), one undo step. `label` set: a new
 * document (loadDocument: Open, a drop), else typing. A stale answer (the text or the
 * document changed meanwhile) is dropped; a cancel keeps the text as a draft.
 */
function readOffThread(text: string, before: DomainDoc, label: string | undefined, extra: Partial<EditorState>, onLoaded?: () => void): void {
  if (pendingRead() === text) return;
  void readInWorker({ text, before, label, keep: label === undefined }).then((r: ReadOutcome) => {
    const s = get();
    if (!s.draft || s.text !== text || s.doc !== before) return;
    if (r.ok) {
      record({ kind: 'replace-text', text, label }, before, r.result, text, extra);
      onLoaded?.();
    }
    else if ('error' in r) loadFailed(text, label, r.error);
    else if ('failed' in r) notify('error', `The XML could not be read (${r.failed}). It stays in the XML pane as a draft.`);
    else notify('info', 'Reading stopped. Your XML stays in the XML pane as a draft (not applied); Ctrl+S reads it again.');
  });
}

function loadFailed(text: string, label: string | undefined, error: Diagnostic): void {
  set({ text, draft: true, parseError: error });
  if (label === undefined) return;
  const what = `${label} does not parse (${errorAt(error)}). It is in the XML pane as a draft and the graph still shows`;
  notify('error', `${what} your previous document: fix the XML, or Undo to go back to it.`);
}

/**
 * New, Open, an example, a restore: one undoable step. Unreadable text is kept as a draft, never dropped. A big text
 * (`opts.async`: a caller that can wait, Open and a drop) is read in the worker: it shows in the XML pane as a draft
 * at once, and is applied when read (`onLoaded` then); true means it was taken. `fit: false` keeps the view.
 */
export function loadDocument(text: string, label: string, opts: { readonly async?: boolean; readonly onLoaded?: () => void; readonly fit?: boolean } = {}): boolean {
  if (!flushDraft()) return false;
  if (opts.async && readsOffThread(text)) {
    const before = get().doc;
    set({ text, draft: true, parseError: null });
    // `fit: false`: a restore, which keeps the view it stored (state/restoreLater.ts).
    const fit = opts.fit === false ? {} : { fitRequest: get().fitRequest + 1 };
    readOffThread(text, before, label, { dragged: {}, selection: null, selectedEdge: null, ...fit }, opts.onLoaded);
    return true;
  }
  const loaded = loadText(text);
  if (!loaded.ok) {
    // The current document stays (graph and savedText, which autosave keeps too): undo or a reload brings it back.
    loadFailed(text, label, loaded.error);
    return false;
  }
  const before = get().doc;
  // A new document: its own layout and no selection; its nodes are new, so nothing is reconciled.
  record({ kind: 'replace-text', text, label }, before, applyLoadedText(before, loaded, label, false), text, { dragged: {}, selection: null, selectedEdge: null, fitRequest: get().fitRequest + 1 });
  opts.onLoaded?.();
  return true;
}

/** A finished drag: one undo step for all nodes moved. */
export function moveNodes(moves: Readonly<Record<string, Point>>): void {
  if (Object.keys(moves).length === 0) return;
  commit({ dragged: { ...get().dragged, ...moves } });
}

export function tidy(): void {
  if (Object.keys(get().dragged).length === 0) {
    set({ fitRequest: get().fitRequest + 1 });
    return;
  }
  commit({ dragged: {}, fitRequest: get().fitRequest + 1 });
}

export function select(uid: string | null, from: Selection['from']): void {
  const cur = get().selection;
  if ((cur?.uid ?? null) === uid && get().selectedEdge === null) return;
  set({ selection: uid === null ? null : { uid, from }, selectedEdge: null });
}

/** Delete on a link: select it and have the inspector ask how the chain should end. */
export function askLinkRemoval(edge: EdgeSelection): void {
  set({ selectedEdge: edge, selection: null, linkRemovalAsked: true });
}

/** The question is answered or cancelled. */
export function endLinkRemoval(): void {
  set({ linkRemovalAsked: false });
}

/** Selects a link (the graph's edges); a node selection goes. */
export function selectEdge(edge: EdgeSelection | null): void {
  const cur = get().selectedEdge;
  if (cur?.user === edge?.user && cur?.backing === edge?.backing) return;
  set({ selectedEdge: edge, selection: null, linkRemovalAsked: false });
}

export function undo(): void {
  if (get().draft && !applyDraft()) {
    // Undo with broken typing throws the typing away: back to the last good text.
    set({ text: get().savedText, draft: false, parseError: null });
    return;
  }
  useEditor.temporal.getState().undo();
  set({ text: get().savedText, draft: false, parseError: null });
}

export function redo(): void {
  if (get().draft && !applyDraft()) return;
  useEditor.temporal.getState().redo();
  set({ text: get().savedText, draft: false, parseError: null });
}

/** Drops unapplied typing without an undo step: only for a caller that saved it first (a switch to another session). */
export function discardDraft(): void {
  set({ text: get().savedText, draft: false, parseError: null });
}

/** Lights up nodes (a query's matches, a lesson's focus); null clears. Not an undo step. */
export function setHighlight(highlight: Highlight | null): void {
  set({ highlight });
}

export function requestFit(): void {
  set({ fitRequest: get().fitRequest + 1 });
}

/** Forgets history (after restoring a saved session, so undo does not go back to the default example). */
export function clearHistory(): void {
  useEditor.temporal.getState().clear();
}
