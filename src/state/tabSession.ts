/**
 * This tab's session in storage: the id it is saved under, whether there is
 * anything worth saving yet, its view settings (theme, viewport) and the
 * write itself. A tab that only shows the example it started with stores
 * nothing, so opening tabs does not fill the recent list with copies of the
 * example (nor hide real work behind them).
 */
import { notify, useEditor } from './store';
import type { SessionView, Theme } from './sessionFormat';
import { isTheme, parseSession, sessionOf } from './sessionFormat';
import { newSessionId, noteSaved, sessionKey, setTabSessionId, tabSessionId } from './sessions';
import { heldElsewhere } from './liveTabs';
import { readRaw, writeRaw } from './storage';
import { describeDoc } from './titles';

/** The theme last chosen in any tab: what a tab without a stored session of its own starts with. */
export const THEME_KEY = 'strata.theme';

let id: string | null = null;
/** True once this tab's session is stored, or has changes worth storing. */
let touched = false;
/** View settings not held by the store (theme, viewport); read lazily from storage. */
let viewCache: SessionView | null = null;
let warnedWriteFailure = false;
/** Writes held back: this tab's stored session is being restored in the background. */
let held = false;

export function holdWrites(on: boolean): void {
  held = on;
}

/** This tab's session id (a new one, remembered in sessionStorage, if it has none yet). */
export function currentId(): string {
  if (id === null) {
    id = tabSessionId() ?? newSessionId();
    setTabSessionId(id);
  }
  return id;
}

/** This tab now saves under `next`; `stored` says whether that session is already stored (then later view changes are saved too). */
export function setSessionId(next: string, stored: boolean): void {
  id = next;
  setTabSessionId(next);
  touched = stored;
}

/** The document or layout changed: from now on this tab's session is worth storing. */
export function markTouched(): void {
  touched = true;
}

export const isTouched = (): boolean => touched;

export function currentView(): SessionView {
  if (viewCache) return viewCache;
  const own = id ?? tabSessionId();
  const parsed = own === null ? null : parseSession(readRaw(sessionKey(own)));
  if (parsed?.kind === 'ok') {
    const { theme, viewport } = parsed.session.view;
    viewCache = { theme, ...(viewport ? { viewport } : {}) };
  } else {
    const theme = readRaw(THEME_KEY);
    viewCache = { theme: isTheme(theme) ? theme : 'system' };
  }
  return viewCache;
}

export function setView(view: SessionView): void {
  viewCache = view;
}

export function rememberTheme(theme: Theme): void {
  writeRaw(THEME_KEY, theme);
}

/**
 * Writes this tab's session (if it is worth storing) and lists it as the
 * newest. A refused write (storage full or disabled) warns once, until a
 * write succeeds again. Returns false only when a needed write failed.
 */
export function writeSession(): boolean {
  // A stored session still being read back (state/restoreLater.ts) is the truth until it lands: nothing is written over it.
  if (!touched || held) return true;
  const s = useEditor.getState();
  const sid = currentId();
  const ok = writeRaw(sessionKey(sid), JSON.stringify(sessionOf(s, currentView())));
  if (ok) {
    noteSaved({ id: sid, ...describeDoc(s.doc), savedAt: Date.now() }, heldElsewhere());
    warnedWriteFailure = false;
  } else if (!warnedWriteFailure) {
    warnedWriteFailure = true;
    notify('error', 'Autosave failed: the browser storage is full or disabled. Save your XML with Download to keep it.');
  }
  return ok;
}

/** For tests: a new page of the same tab (sessionStorage kept) with nothing cached. */
export function resetTabSession(): void {
  id = null;
  touched = false;
  viewCache = null;
  warnedWriteFailure = false;
  held = false;
}
