/**
 * Autosave and restore of the editor session in localStorage (editor-patterns
 * "Keeping users' work"): a versioned value with numbered migrations. A
 * broken, foreign or newer stored value gives a message and a working editor
 * (the default example), never an exception or a blank page.
 *
 * Editor uids are handed out afresh on every read, so dragged positions and
 * the selection are stored by a stable node key, `<disk index>.<position>`.
 */
import type { DomainDoc } from '../core/model/types';
import type { Placement, Point } from '../core/layout';
import { derive } from '../core/derive';
import { loadText } from '../core/document';
import { clearHistory, loadDocument, moveNodes, notify, select, useEditor } from './store';
import type { EditorState } from './store';

export const SESSION_KEY = 'strata.session';
/** Where an unreadable stored value is moved before autosave overwrites it. */
export const UNREADABLE_KEY = 'strata.session.unreadable';
export const SESSION_FORMAT = 'strata-session';
export const SESSION_VERSION = 1;
export const AUTOSAVE_DELAY_MS = 300;

export type Theme = 'light' | 'dark' | 'system';
export type Viewport = { readonly x: number; readonly y: number; readonly zoom: number };
export interface SessionView {
  readonly theme: Theme;
  readonly viewport?: Viewport;
  /** Stable key (`disk.position`) of the selected node. */
  readonly selection?: string;
}
/** Version 1, the current format. */
export interface Session {
  readonly format: typeof SESSION_FORMAT;
  readonly version: typeof SESSION_VERSION;
  /** The XML in the editor, unapplied typing included. */
  readonly text: string;
  /** Dragged positions by stable key (`disk.position`). */
  readonly dragged: Readonly<Record<string, Point>>;
  readonly view: SessionView;
}

type Json = Record<string, unknown>;
/** Turns a stored object of version N into version N+1 (it may throw on data it cannot read). */
export type Migration = (old: Json) => Json;
/**
 * `MIGRATIONS[N]` upgrades version N to N+1. Version 1 is current, so the
 * table is empty; when version 2 comes, add `1: (v1) => ({...v1, version: 2, ...})`.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type ParsedSession = { readonly kind: 'empty' } | { readonly kind: 'ok'; readonly session: Session } | { readonly kind: 'error'; readonly reason: string };

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const THEMES: readonly Theme[] = ['light', 'dark', 'system'];
const isTheme = (v: unknown): v is Theme => typeof v === 'string' && (THEMES as readonly string[]).includes(v);

function viewportOf(v: unknown): Viewport | undefined {
  return isObj(v) && isNum(v.x) && isNum(v.y) && isNum(v.zoom) && v.zoom > 0 ? { x: v.x, y: v.y, zoom: v.zoom } : undefined;
}

/** Upgrades and checks a stored value. `migrations`/`current` are parameters so tests can exercise the chain. */
export function parseSession(raw: string | null, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, current: number = SESSION_VERSION): ParsedSession {
  if (raw === null || raw === '') return { kind: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: 'error', reason: 'the stored data is corrupt (not valid JSON)' };
  }
  if (!isObj(value) || value.format !== SESSION_FORMAT) return { kind: 'error', reason: `the stored data is not a Strata session (no format '${SESSION_FORMAT}')` };
  let version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'error', reason: 'the stored session has no valid version number' };
  if (version > current) {
    return { kind: 'error', reason: `it was saved by a newer version of Strata (session format ${version}; this version reads up to ${current})` };
  }
  let obj: Json = value;
  while (version < current) {
    const step = migrations[version];
    if (!step) return { kind: 'error', reason: `there is no migration from session format ${version}` };
    try {
      obj = step(obj);
    } catch (e) {
      return { kind: 'error', reason: `upgrading it from session format ${version} failed (${e instanceof Error ? e.message : String(e)})` };
    }
    version += 1;
  }
  return checkCurrent(obj);
}

/** Shape check of a current-version object: text is required, the rest falls back to defaults. */
function checkCurrent(obj: Json): ParsedSession {
  if (typeof obj.text !== 'string') return { kind: 'error', reason: 'the stored session has no XML text' };
  const dragged: Record<string, Point> = {};
  if (isObj(obj.dragged)) {
    for (const [k, p] of Object.entries(obj.dragged)) if (/^\d+\.\d+$/.test(k) && isObj(p) && isNum(p.x) && isNum(p.y)) dragged[k] = { x: p.x, y: p.y };
  }
  const v = isObj(obj.view) ? obj.view : {};
  const viewport = viewportOf(v.viewport);
  const selection = typeof v.selection === 'string' && /^\d+\.\d+$/.test(v.selection) ? v.selection : undefined;
  const view: SessionView = { theme: isTheme(v.theme) ? v.theme : 'system', ...(viewport ? { viewport } : {}), ...(selection ? { selection } : {}) };
  return { kind: 'ok', session: { format: SESSION_FORMAT, version: SESSION_VERSION, text: obj.text, dragged, view } };
}

// ---- stable node keys -------------------------------------------------------

export function stableKey(doc: DomainDoc, uid: string): string | null {
  const v = derive(doc).byUid.get(uid);
  return v ? `${v.disk}.${v.position}` : null;
}

export function uidOfKey(doc: DomainDoc, key: string): string | null {
  const [d, p] = key.split('.').map(Number);
  return derive(doc).disks[d ?? -1]?.nodes[p ?? -1]?.uid ?? null;
}

export function draggedToKeys(doc: DomainDoc, dragged: Placement): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [uid, p] of Object.entries(dragged)) {
    const k = stableKey(doc, uid);
    if (k !== null) out[k] = { x: p.x, y: p.y };
  }
  return out;
}

export function draggedFromKeys(doc: DomainDoc, stored: Readonly<Record<string, Point>>): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [k, p] of Object.entries(stored)) {
    const uid = uidOfKey(doc, k);
    if (uid !== null) out[uid] = p;
  }
  return out;
}

// ---- storage ----------------------------------------------------------------

function storage(): Storage | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null; // access itself throws when storage is disabled
  }
}

function readRaw(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** False when storage is missing, full or disabled. */
function writeRaw(key: string, value: string): boolean {
  try {
    storage()!.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** View settings not held by the store (theme, viewport); read lazily from storage. */
let viewCache: SessionView | null = null;

function currentView(): SessionView {
  if (viewCache) return viewCache;
  const parsed = parseSession(readRaw(SESSION_KEY));
  viewCache = parsed.kind === 'ok' ? { theme: parsed.session.view.theme, ...(parsed.session.view.viewport ? { viewport: parsed.session.view.viewport } : {}) } : { theme: 'system' };
  return viewCache;
}

/** For tests: forget cached view settings and autosave state. */
export function resetPersistState(): void {
  viewCache = null;
  autosaveActive = false;
  warnedWriteFailure = false;
}

export function sessionOf(s: Pick<EditorState, 'doc' | 'text' | 'dragged' | 'selection'>, view: SessionView): Session {
  const selection = s.selection ? stableKey(s.doc, s.selection.uid) : null;
  const { selection: _old, ...rest } = view;
  return { format: SESSION_FORMAT, version: SESSION_VERSION, text: s.text, dragged: draggedToKeys(s.doc, s.dragged), view: selection ? { ...rest, selection } : rest };
}

let autosaveActive = false;
let warnedWriteFailure = false;

function writeSession(): void {
  const ok = writeRaw(SESSION_KEY, JSON.stringify(sessionOf(useEditor.getState(), currentView())));
  if (!ok && !warnedWriteFailure) {
    warnedWriteFailure = true;
    notify('error', 'Autosave failed: the browser storage is full or disabled. Save your XML with Download to keep it.');
  }
  if (ok) warnedWriteFailure = false;
}

/** Updates one view setting in storage without touching the rest of a stored session. */
function patchStoredView(patch: Partial<SessionView>): void {
  viewCache = { ...currentView(), ...patch };
  if (autosaveActive) {
    writeSession();
    return;
  }
  const parsed = parseSession(readRaw(SESSION_KEY));
  if (parsed.kind === 'ok') writeRaw(SESSION_KEY, JSON.stringify({ ...parsed.session, view: { ...parsed.session.view, ...patch } }));
}

// ---- public API ---------------------------------------------------------------

/** Saves the current text (a draft too), dragged positions and selection 300 ms after the last change. */
export function startAutosave(delay: number = AUTOSAVE_DELAY_MS): () => void {
  autosaveActive = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    writeSession();
  };
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.text === prev.text && s.doc === prev.doc && s.dragged === prev.dragged && s.selection === prev.selection) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      writeSession();
    }, delay);
  });
  // Closing the tab within the debounce window must not lose the last keystrokes.
  const target = typeof window === 'undefined' ? null : window;
  target?.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    target?.removeEventListener('pagehide', flush);
    flush();
    autosaveActive = false;
  };
}

export type RestoreResult = { readonly restored: boolean; readonly message?: string };

function fail(message: string): RestoreResult {
  notify('error', message);
  return { restored: false, message };
}

/** Restores the stored session; on any problem the default example stays and a message says why. Never throws. */
export function restoreSession(): RestoreResult {
  try {
    const raw = readRaw(SESSION_KEY);
    const parsed = parseSession(raw);
    if (parsed.kind === 'empty') return { restored: false };
    if (parsed.kind === 'error') {
      const kept = raw !== null && writeRaw(UNREADABLE_KEY, raw);
      return fail(`Your last session could not be restored: ${parsed.reason}. The example is loaded instead.${kept ? ` The stored data was kept under '${UNREADABLE_KEY}'.` : ''}`);
    }
    const { session } = parsed;
    viewCache = { theme: session.view.theme, ...(session.view.viewport ? { viewport: session.view.viewport } : {}) };
    const loaded = loadText(session.text);
    if (!loaded.ok) {
      // The example stays the document; the saved typing is kept as an unapplied draft so nothing is lost.
      loadDocument(session.text, 'Restore');
      const { line, col, message } = loaded.error;
      return fail(
        `Your last session's XML does not parse (line ${line}:${col}: ${message}). The example is loaded; your text is in the XML pane as an unapplied draft: fix it, or undo to discard it.`,
      );
    }
    if (!loadDocument(session.text, 'Restore')) return fail('Your last session could not be restored: the current XML has unapplied errors.');
    const doc = useEditor.getState().doc;
    moveNodes(draggedFromKeys(doc, session.dragged));
    const sel = session.view.selection ? uidOfKey(doc, session.view.selection) : null;
    if (sel !== null) select(sel, 'op');
    clearHistory();
    return { restored: true };
  } catch (e) {
    return fail(`Your last session could not be restored (${e instanceof Error ? e.message : String(e)}). The example is loaded instead.`);
  }
}

export function saveViewport(v: Viewport): void {
  const viewport = viewportOf(v);
  if (viewport) patchStoredView({ viewport });
}

export function loadViewport(): Viewport | null {
  return currentView().viewport ?? null;
}

export function saveTheme(theme: Theme): void {
  if (isTheme(theme)) patchStoredView({ theme });
}

export function loadTheme(): Theme {
  return currentView().theme;
}
