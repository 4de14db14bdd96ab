/**
 * What the document was when it was opened and when it was last saved: the
 * two texts the Changes view compares the current text with.
 *
 * An opening is a load (New, Open, a drop, an example, a shared link, a
 * lesson, a restore: `loadDocument`, whose record is a `replace-text` with a
 * label). Every later record belongs to the opening it was made under, kept
 * in a WeakMap keyed by the record, so undo and redo, which bring back an
 * earlier record, bring back its opening too: undoing past a load compares
 * with the document opened before it again, not with one no longer on
 * screen. "Saved" belongs to its opening as well (Save XML of another
 * document says nothing about this one), and is not undone: the file stays
 * saved on the user's disk.
 *
 * The current opening is also stored beside this tab's session, so a reload
 * (which restores the session through a load of its own) still compares with
 * the document as the user opened it, not as it was at the reload. A session
 * stored without one (before this existed, or too big to store) counts as
 * opened when it was restored.
 */
import { create } from 'zustand';
import { DEFAULT_EXAMPLE } from '../core/examples';
import type { ChangeRecord } from './store';
import { useEditor } from './store';
import { heldElsewhere } from './liveTabs';
import { sessionKey, tabSessionId } from './sessions';
import { keysWithPrefix, readRaw, removeRaw, writeRaw } from './storage';

export interface Snapshot {
  readonly text: string;
  /** The load's label (a file name, an example's title, New, Restore) or the saved file's name. */
  readonly name: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface Baseline {
  readonly opened: Snapshot;
  readonly saved: Snapshot | null;
}

/** One opening of a document; `saved` changes in place when that document is saved. */
interface Opening {
  opened: Snapshot;
  saved: Snapshot | null;
}

export const BASELINE_PREFIX = 'strata.baseline.';
export const BASELINE_FORMAT = 'strata-baseline';
/**
 * Above this many characters (both texts) the baseline is not stored: the
 * session's own autosave must never fail for lack of room because of it.
 */
export const MAX_STORED_CHARS = 1_000_000;

const isLoad = (r: ChangeRecord): r is ChangeRecord & { readonly request: { readonly kind: 'replace-text'; readonly text: string; readonly label: string } } =>
  r.request.kind === 'replace-text' && r.request.label !== undefined;

let openings = new WeakMap<ChangeRecord, Opening>();
/** The document the store starts with (the built-in example), before any load. */
let root: Opening = rootOpening();
let current: Opening = root;

function rootOpening(): Opening {
  const s = useEditor.getInitialState();
  return { opened: { text: s.savedText, name: s.savedText === DEFAULT_EXAMPLE.text ? DEFAULT_EXAMPLE.title : 'the document at start', at: Date.now() }, saved: null };
}

/** The Changes view reads this (not tracked by undo: it follows the record, which is). */
export const useBaseline = create<Baseline>()(() => ({ opened: current.opened, saved: current.saved }));

function publish(): void {
  useBaseline.setState({ opened: current.opened, saved: current.saved });
  storeBaseline();
}

/** Which opening the store's record belongs to; a record seen for the first time is a load or an edit of the current one. */
function follow(record: ChangeRecord | null): void {
  let o = record === null ? root : openings.get(record);
  if (o === undefined) {
    o = isLoad(record!) ? { opened: { text: record!.request.text, name: record!.request.label, at: Date.now() }, saved: null } : current;
    openings.set(record!, o);
  }
  if (o === current) return;
  current = o;
  publish();
}

// Subscribed when the module loads (persist.ts imports it, before the session is restored), so no record goes unseen.
useEditor.subscribe((s, prev) => {
  if (s.record !== prev.record) follow(s.record);
});

/** Save XML wrote `text` to a file called `name`. */
export function markSaved(text: string, name: string): void {
  current.saved = { text, name, at: Date.now() };
  publish();
}

// ---- beside the session -----------------------------------------------------------

const keyOf = (sessionId: string): string => BASELINE_PREFIX + sessionId;

function snapshotOf(v: unknown): Snapshot | null {
  if (typeof v !== 'object' || v === null) return null;
  const { text, name, at } = v as Record<string, unknown>;
  return typeof text === 'string' && typeof name === 'string' && typeof at === 'number' && Number.isFinite(at) ? { text, name, at } : null;
}

/** A stored baseline, or null for anything else (missing, foreign, broken, newer). */
export function parseBaseline(raw: string | null): Baseline | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (v?.format !== BASELINE_FORMAT || v.version !== 1) return null;
    const opened = snapshotOf(v.opened);
    const saved = v.saved === null ? null : snapshotOf(v.saved);
    if (opened === null || (v.saved !== null && saved === null)) return null;
    return { opened, saved };
  } catch {
    return null;
  }
}

/** Writes the current opening under this tab's session id (after a load, a save, an undo past a load, a fork). */
export function storeBaseline(): void {
  // Read, never made here: restoreSession gives the tab its id before any load (a new one would steal the tab's session).
  const id = tabSessionId();
  if (id === null) return;
  const key = keyOf(id);
  const size = current.opened.text.length + (current.saved?.text.length ?? 0);
  if (size > MAX_STORED_CHARS) {
    removeRaw(key); // an older, smaller one would be the wrong document
    return;
  }
  // A refused write (storage full) only costs the baseline after a reload; the session warns for itself.
  writeRaw(key, JSON.stringify({ format: BASELINE_FORMAT, version: 1, opened: current.opened, saved: current.saved }));
}

/**
 * Restores a stored session with `restore` (its load becomes the current
 * opening); then that session's stored baseline, read before the load
 * overwrote it, replaces the restore as the opening. Baselines of sessions
 * no longer stored are dropped. A restore that lands later (`later`: read in
 * the worker, state/restoreLater.ts) is handed the stored baseline and adopts
 * it itself when it lands.
 */
export function keepingBaseline<T extends { readonly restored: boolean; readonly later?: boolean }>(sessionId: string, restore: (stored: Baseline | null) => T): T {
  const stored = parseBaseline(readRaw(keyOf(sessionId)));
  const result = restore(stored);
  pruneBaselines();
  if (result.restored && !result.later && stored !== null) adoptBaseline(stored);
  return result;
}

/** The current opening becomes `b` (a restored session's own, or the text it restored, when none was stored). */
export function adoptBaseline(b: Baseline): void {
  current.opened = b.opened;
  current.saved = b.saved;
  publish();
}

function pruneBaselines(): void {
  const keep = heldElsewhere();
  const me = tabSessionId();
  for (const key of keysWithPrefix(BASELINE_PREFIX)) {
    const id = key.slice(BASELINE_PREFIX.length);
    if (id !== me && !keep.has(id) && readRaw(sessionKey(id)) === null) removeRaw(key);
  }
}

/** For tests, before the store is reset to its initial state (a new page): every opening forgotten. */
export function resetBaseline(): void {
  openings = new WeakMap();
  root = rootOpening();
  current = root;
  useBaseline.setState({ opened: current.opened, saved: current.saved });
}
