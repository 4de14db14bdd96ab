/**
 * Autosave and restore of this tab's editor session, and the actions of the
 * recent-sessions list. What is stored is in sessionFormat.ts, where (one
 * session per tab) in sessions.ts, which tabs are open in liveTabs.ts, this
 * tab's id and the write in tabSession.ts.
 *
 * Restore never throws: a broken, foreign or newer stored value gives a
 * message and a working editor (the default example). A draft that does not
 * parse is restored beside the last good document, so the graph shows that
 * document (stale) and undo goes back to it.
 */
import { loadText } from '../core/io/document';
import { discardDraft, errorAt, loadDocument, notify, useEditor } from './store';
import type { Session, SessionView, Theme, Viewport } from './sessionFormat';
import { isTheme, parseSession, viewportOf } from './sessionFormat';
import { readsOffThread } from './bigRead';
import type { RestoreResult } from './restoreLater';
import { finishRestore, restoreLater } from './restoreLater';
import type { Choice, SessionEntry } from './sessions';
import { UNREADABLE_KEY, chooseSession, entryOf, forgetTabSessionId, listSessions, migrateLegacy, newSessionId, sessionKey, tabSessionId } from './sessions';
import { claim, heldElsewhere, newPage, release, startLiveness } from './liveTabs';
import { readRaw, writeRaw } from './storage';
import { currentView, isTouched, markTouched, rememberTheme, resetTabSession, setSessionId, setView, writeSession } from './tabSession';
// Changes view: the document as opened is kept beside the session (state/baseline.ts).
import { keepingBaseline, storeBaseline } from './baseline';
import type { Baseline } from './baseline';

export { MIGRATIONS, SESSION_FORMAT, SESSION_VERSION, parseSession, sessionOf } from './sessionFormat';
export type { Migration, ParsedSession, Session, SessionView, Theme, Viewport } from './sessionFormat';
export { INDEX_KEY, LEGACY_KEY, MAX_SESSIONS, TAB_KEY, UNREADABLE_KEY, sessionKey } from './sessions';
export { draggedFromKeys, draggedToKeys, stableKey, uidOfKey } from './stableKeys';
/** The key of session format 1 (one session for every tab); now read once and moved to a per-tab key. */
export { LEGACY_KEY as SESSION_KEY } from './sessions';

export const AUTOSAVE_DELAY_MS = 300;

let autosaveActive = false;
/** Writes a pending autosave now (before a switch to another session). */
let flushPending: () => void = () => {};

/**
 * For tests. By default a reload of this tab: its page closes cleanly (so its
 * session is no longer held) and the next `restoreSession` finds it again.
 * `newTab`: the next restore runs in another tab; `keepOpen`: the previous
 * page stays open (a live tab), as when a second tab is opened beside it.
 */
export function resetPersistState(opts: { readonly newTab?: boolean; readonly keepOpen?: boolean } = {}): void {
  if (!opts.keepOpen) release();
  resetTabSession();
  autosaveActive = false;
  flushPending = () => {};
  newPage();
  if (opts.newTab) forgetTabSessionId();
}

// ---- restore ------------------------------------------------------------------

export type { RestoreResult } from './restoreLater';

function fail(message: string): RestoreResult {
  notify('error', message);
  return { restored: false, message };
}

const keptAside = (kept: boolean): string => (kept ? ` The stored data was kept under '${UNREADABLE_KEY}'.` : '');

/** Picks this tab's session (its own, or the most recent one no open tab holds) and restores it. Never throws. */
export function restoreSession(): RestoreResult {
  try {
    const legacy = migrateLegacy();
    const choice = chooseSession(heldElsewhere());
    claim(choice.id);
    setSessionId(choice.id, false);
    const result = restoreChoice(choice);
    if (legacy.kind !== 'unreadable') return result;
    const message = `Your last session could not be restored: ${legacy.reason}.${result.restored ? '' : ' The example is loaded instead.'}${keptAside(legacy.kept)}`;
    notify('error', message);
    return { restored: result.restored, message };
  } catch (e) {
    return fail(`Your last session could not be restored (${e instanceof Error ? e.message : String(e)}). The example is loaded instead.`);
  }
}

function restoreChoice(choice: Choice): RestoreResult {
  if (choice.kind === 'fresh') {
    // Sessions exist, yet none was free: every one is open in another tab.
    if (listSessions().length > 0) notify('info', 'This tab starts with the example: the work open in your other tabs is saved separately, under Recent….');
    return { restored: false };
  }
  const result = restoreStored(choice.kind === 'forked' ? choice.from : choice.id);
  if (!result.restored) return result;
  markTouched();
  if (choice.kind === 'forked') {
    // Stored at once, so a reload of this tab finds its copy.
    writeSession();
    if (!result.message) notify('info', 'This tab is a copy of another open tab: it now saves its work separately (Recent… lists both).');
  }
  return result;
}

function restoreStored(id: string): RestoreResult {
  const raw = readRaw(sessionKey(id));
  const parsed = parseSession(raw);
  if (parsed.kind === 'empty') return { restored: false };
  if (parsed.kind === 'error') {
    return fail(`Your last session could not be restored: ${parsed.reason}. The example is loaded instead.${keptAside(raw !== null && writeRaw(UNREADABLE_KEY, raw))}`);
  }
  const { theme, viewport } = parsed.session.view;
  setView({ theme, ...(viewport ? { viewport } : {}) });
  // A reload goes on comparing with the document as opened, not as restored.
  return keepingBaseline(id, (stored) => applySession(parsed.session, stored));
}

/**
 * Loads a session into the store: its last good document (positions, selection), then its draft on top. History
 * starts afresh. A big document is read in the worker and finishes when it lands (restoreLater.ts).
 */
function applySession(session: Session, stored: Baseline | null): RestoreResult {
  const good = session.saved ?? session.text;
  if (readsOffThread(good)) return restoreLater(session, good, stored);
  const loaded = loadText(good);
  if (!loaded.ok) {
    // No good document is known (format 1 stored only the editor's text): the example stays the
    // document and the text is kept as an unapplied draft, so nothing is lost.
    loadDocument(session.text, 'Restore');
    return fail(
      `Your last session's XML does not parse (${errorAt(loaded.error)}). The example is loaded; your text is in the XML pane as an unapplied draft: fix it, or Undo to discard it.`,
    );
  }
  if (!loadDocument(good, 'Restore')) return fail('Your last session could not be restored: the current XML has unapplied errors.');
  return finishRestore(session, good);
}

// ---- autosave -------------------------------------------------------------------

/** Another tab holds this tab's session and this one must give way: it goes on as a new session. */
function forkSession(): void {
  const next = newSessionId();
  setSessionId(next, true);
  claim(next);
  writeSession();
  storeBaseline(); // under the new id too
  notify('info', 'Another tab opened the same session, so this tab now saves its work as a separate session (Recent… lists both).');
}

/** Saves the text (a draft too, beside the last good text), dragged positions and selection 300 ms after the last change. */
export function startAutosave(delay: number = AUTOSAVE_DELAY_MS): () => void {
  autosaveActive = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    flushView();
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    writeSession();
  };
  flushPending = flush;
  const unsubscribe = useEditor.subscribe((s, prev) => {
    const content = s.text !== prev.text || s.doc !== prev.doc || s.dragged !== prev.dragged;
    if (!content && s.selection === prev.selection) return;
    if (content) markTouched();
    // A selection alone does not make a session worth storing.
    if (!isTouched()) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      writeSession();
    }, delay);
  });
  const stopLiveness = startLiveness(forkSession);
  // Closing the tab within the debounce window must not lose the last keystrokes.
  const target = typeof window === 'undefined' ? null : window;
  target?.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    target?.removeEventListener('pagehide', flush);
    flush();
    stopLiveness();
    autosaveActive = false;
    flushPending = () => {};
  };
}

// ---- recent sessions ------------------------------------------------------------

export interface RecentSession extends SessionEntry {
  /** This tab's own session. */
  readonly current: boolean;
  /** Open in another live tab (it can be copied here, not taken over). */
  readonly open: boolean;
}

/** Every stored session, newest first, marked this tab's or open elsewhere. */
export function recentSessions(): RecentSession[] {
  const held = heldElsewhere();
  const me = tabSessionId();
  return listSessions().map((e) => ({ ...e, current: e.id === me, open: e.id !== me && held.has(e.id) }));
}

function readSession(id: string): Session | string {
  const parsed = parseSession(readRaw(sessionKey(id)));
  return parsed.kind === 'ok' ? parsed.session : parsed.kind === 'error' ? parsed.reason : 'it is no longer stored';
}

/**
 * This tab continues a session no open tab holds. Its own work is saved
 * first (refused if that fails) and stays listed; nothing is lost.
 */
export function openSession(id: string): boolean {
  if (id === tabSessionId()) return true;
  if (heldElsewhere().has(id)) return notify('error', 'That session is open in another tab: copy it here, or switch to that tab.'), false;
  const session = readSession(id);
  if (typeof session === 'string') return notify('error', `That session could not be opened: ${session}.`), false;
  flushPending();
  if (!writeSession()) return notify('error', "This tab's work could not be saved, so it stays here: use Save XML to keep it, then try again."), false;
  const title = entryOf(id)?.title ?? 'the session';
  // The tab keeps its theme; the graph fits the opened document (a load asks for a fit).
  setView({ theme: currentView().theme });
  setSessionId(id, true);
  claim(id);
  discardDraft(); // saved with this tab's previous session just above
  const result = keepingBaseline(id, (stored) => applySession(session, stored));
  writeSession();
  if (!result.message) notify('info', `Opened “${title}”. This tab's previous work is saved under Recent….`);
  return true;
}

/** Loads another session's last good document here as one undoable step (for a session open in another tab). */
export function copySession(id: string): boolean {
  const session = readSession(id);
  if (typeof session === 'string') return notify('error', `That session could not be copied: ${session}.`), false;
  const title = entryOf(id)?.title ?? 'a session';
  if (!loadDocument(session.saved ?? session.text, `Copy of “${title}”`)) return false;
  notify('info', `Copied “${title}” into this tab. Undo brings back what was here.`);
  return true;
}

// ---- view settings ----------------------------------------------------------------

/** Updates one view setting, in storage too when this tab's session is stored. */
/**
 * A pan or zoom is written once the view has rested: the view is stored inside the session beside the text, and a
 * 4 MB text made every move end a ~70 ms write (CPU profile, issue 12). Autosave's flush (tab closing) writes it too.
 */
const VIEW_WRITE_DELAY_MS = 1000;
let viewTimer: ReturnType<typeof setTimeout> | null = null;

function flushView(): void {
  if (viewTimer === null) return;
  clearTimeout(viewTimer);
  viewTimer = null;
  writeSession();
}

function patchStoredView(patch: Partial<SessionView>): void {
  setView({ ...currentView(), ...patch });
  if (autosaveActive) {
    // Writing does nothing until the session is worth storing.
    if (Object.keys(patch).every((k) => k === 'viewport')) {
      if (viewTimer !== null) clearTimeout(viewTimer);
      viewTimer = setTimeout(flushView, VIEW_WRITE_DELAY_MS);
    } else writeSession();
    return;
  }
  const sid = tabSessionId();
  const parsed = sid === null ? null : parseSession(readRaw(sessionKey(sid)));
  if (sid !== null && parsed?.kind === 'ok') writeRaw(sessionKey(sid), JSON.stringify({ ...parsed.session, view: { ...parsed.session.view, ...patch } }));
}

export function saveViewport(v: Viewport): void {
  const viewport = viewportOf(v);
  if (viewport) patchStoredView({ viewport });
}

export function loadViewport(): Viewport | null {
  return currentView().viewport ?? null;
}

export function saveTheme(theme: Theme): void {
  if (!isTheme(theme)) return;
  rememberTheme(theme);
  patchStoredView({ theme });
}

export function loadTheme(): Theme {
  return currentView().theme;
}
