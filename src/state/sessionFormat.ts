/**
 * The stored session: a versioned JSON value with numbered migrations
 * (editor-patterns "Keeping users' work"). `parseSession` upgrades and checks
 * a stored value; a broken, foreign or newer one is an error with a reason,
 * never an exception. Pure: no storage here.
 */
import type { Point } from '../core/layout';
import type { EditorState } from './store';
import { STABLE_KEY, draggedToKeys, stableKey } from './stableKeys';

export const SESSION_FORMAT = 'strata-session';
export const SESSION_VERSION = 2;

export type Theme = 'light' | 'dark' | 'system';
export type Viewport = { readonly x: number; readonly y: number; readonly zoom: number };
export interface SessionView {
  readonly theme: Theme;
  readonly viewport?: Viewport;
  /** Stable key (`disk.position`) of the selected node. */
  readonly selection?: string;
}
/** Version 2, the current format. */
export interface Session {
  readonly format: typeof SESSION_FORMAT;
  readonly version: typeof SESSION_VERSION;
  /** The XML in the editor, unapplied typing included (a draft, possibly malformed). */
  readonly text: string;
  /**
   * The last text that parsed (the document the graph shows), only when it
   * differs from `text`: what a reload shows beside a broken draft, and what
   * undo goes back to. Without it, `text` is both.
   */
  readonly saved?: string;
  /** Dragged positions by stable key (`disk.position`), of the `saved` document. */
  readonly dragged: Readonly<Record<string, Point>>;
  readonly view: SessionView;
}

type Json = Record<string, unknown>;
/** Turns a stored object of version N into version N+1 (it may throw on data it cannot read). */
export type Migration = (old: Json) => Json;
/** `MIGRATIONS[N]` upgrades version N to N+1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 1 stored only the editor's text, draft or not; nothing says whether it was a draft,
  // so no last good text is known (`saved` stays absent) and a v1 text that does not parse is
  // restored as before: the example, with the text as a draft over it.
  1: (v1) => ({ ...v1, version: 2 }),
};

export type ParsedSession = { readonly kind: 'empty' } | { readonly kind: 'ok'; readonly session: Session } | { readonly kind: 'error'; readonly reason: string };

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const THEMES: readonly Theme[] = ['light', 'dark', 'system'];
export const isTheme = (v: unknown): v is Theme => typeof v === 'string' && (THEMES as readonly string[]).includes(v);

export function viewportOf(v: unknown): Viewport | undefined {
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
    for (const [k, p] of Object.entries(obj.dragged)) if (STABLE_KEY.test(k) && isObj(p) && isNum(p.x) && isNum(p.y)) dragged[k] = { x: p.x, y: p.y };
  }
  const v = isObj(obj.view) ? obj.view : {};
  const viewport = viewportOf(v.viewport);
  const selection = typeof v.selection === 'string' && STABLE_KEY.test(v.selection) ? v.selection : undefined;
  const view: SessionView = { theme: isTheme(v.theme) ? v.theme : 'system', ...(viewport ? { viewport } : {}), ...(selection ? { selection } : {}) };
  const saved = typeof obj.saved === 'string' && obj.saved !== obj.text ? { saved: obj.saved } : {};
  return { kind: 'ok', session: { format: SESSION_FORMAT, version: SESSION_VERSION, text: obj.text, ...saved, dragged, view } };
}

/** The session to store for an editor state: its text, the last good text when that differs, positions and selection by stable key. */
export function sessionOf(s: Pick<EditorState, 'doc' | 'text' | 'savedText' | 'dragged' | 'selection'>, view: SessionView): Session {
  const selection = s.selection ? stableKey(s.doc, s.selection.uid) : null;
  const { selection: _old, ...rest } = view;
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    text: s.text,
    ...(s.savedText !== s.text ? { saved: s.savedText } : {}),
    dragged: draggedToKeys(s.doc, s.dragged),
    view: selection ? { ...rest, selection } : rest,
  };
}
