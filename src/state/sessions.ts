/**
 * Where sessions live: one per tab, so two tabs never overwrite each other.
 * A tab's session id is kept in sessionStorage (`strata.tab`, which survives a
 * reload of that tab and nothing else); its session is stored under
 * `strata.session.<id>` in localStorage, and `strata.sessions` lists them
 * with a title and the time of the last save, newest first, at most
 * MAX_SESSIONS (the oldest ones no open tab holds are dropped).
 *
 * Session format 1 kept one session under `strata.session` for every tab;
 * `migrateLegacy` moves it to a per-tab key once, so its work is kept.
 */
import { loadText } from '../core/io/document';
import { isObj, parseSession } from './sessionFormat';
import { keysWithPrefix, perTab, readRaw, removeRaw, writeRaw } from './storage';
import { describeDoc } from './titles';

/** The single key of session format 1 (read once, then removed). */
export const LEGACY_KEY = 'strata.session';
/** Where an unreadable stored value is moved before autosave overwrites it. */
export const UNREADABLE_KEY = 'strata.session.unreadable';
export const INDEX_KEY = 'strata.sessions';
/** In sessionStorage: this tab's session id. */
export const TAB_KEY = 'strata.tab';
export const MAX_SESSIONS = 20;

const PREFIX = `${LEGACY_KEY}.`;
/** Ids have a dash, so no id is ever `unreadable`. */
const ID = /^[0-9a-z]+-[0-9a-z]+$/;
const INDEX_FORMAT = 'strata-sessions';

export const sessionKey = (id: string): string => PREFIX + id;

export interface SessionEntry {
  readonly id: string;
  readonly title: string;
  /** "1 disk, 3 nodes". */
  readonly detail: string;
  /** Date.now() of the last save (0 when not known). */
  readonly savedAt: number;
}

/** A fresh id: the time (so ids sort by age) and random bytes (so two tabs opened at once differ). */
export function newSessionId(): string {
  const bytes = new Uint8Array(4);
  try {
    globalThis.crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return `${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---- this tab's id ------------------------------------------------------------

/** Where sessionStorage is missing or disabled (Node tests): the id lasts as long as the page. */
let memoryTabId: string | null = null;

export function tabSessionId(): string | null {
  const id = readRaw(TAB_KEY, perTab()) ?? memoryTabId;
  return id !== null && ID.test(id) ? id : null;
}

export function setTabSessionId(id: string): void {
  memoryTabId = id;
  writeRaw(TAB_KEY, id, perTab());
}

/** For tests: a new tab. */
export function forgetTabSessionId(): void {
  memoryTabId = null;
}

// ---- the index ------------------------------------------------------------------

function readIndex(): SessionEntry[] {
  try {
    const v: unknown = JSON.parse(readRaw(INDEX_KEY) ?? 'null');
    if (!isObj(v) || v.format !== INDEX_FORMAT || !Array.isArray(v.sessions)) return [];
    return v.sessions.filter(
      (e): e is SessionEntry => isObj(e) && typeof e.id === 'string' && ID.test(e.id) && typeof e.title === 'string' && typeof e.detail === 'string' && typeof e.savedAt === 'number',
    );
  } catch {
    return []; // a corrupt index is rebuilt from the stored keys
  }
}

/**
 * Every stored session, newest first: the index, plus any session stored
 * without an entry (its index write failed), minus entries whose session is gone.
 */
export function listSessions(): SessionEntry[] {
  const stored = new Set(keysWithPrefix(PREFIX).map((k) => k.slice(PREFIX.length)).filter((id) => ID.test(id)));
  const out = readIndex().filter((e) => stored.delete(e.id));
  for (const id of stored) out.push({ id, title: 'Untitled session', detail: '', savedAt: 0 });
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

/**
 * Records that `entry`'s session was just written, and drops the oldest
 * sessions beyond MAX_SESSIONS, except those in `keep` (held by open tabs).
 * A failed index write is not an error: `listSessions` finds the session anyway.
 */
export function noteSaved(entry: SessionEntry, keep: ReadonlySet<string>): void {
  const kept: SessionEntry[] = [];
  for (const e of [entry, ...listSessions().filter((x) => x.id !== entry.id)]) {
    if (kept.length < MAX_SESSIONS || keep.has(e.id) || e.id === entry.id) kept.push(e);
    else removeRaw(sessionKey(e.id));
  }
  writeRaw(INDEX_KEY, JSON.stringify({ format: INDEX_FORMAT, version: 1, sessions: kept }));
}

export function entryOf(id: string): SessionEntry | null {
  return listSessions().find((e) => e.id === id) ?? null;
}

// ---- format 1 -------------------------------------------------------------------

export type LegacyResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'moved'; readonly id: string }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly kept: boolean };

/** Moves a format-1 session from the shared key to a session of its own (a new id, listed as the newest). */
export function migrateLegacy(now: number = Date.now()): LegacyResult {
  const raw = readRaw(LEGACY_KEY);
  if (raw === null) return { kind: 'none' };
  const parsed = parseSession(raw);
  if (parsed.kind === 'empty') {
    removeRaw(LEGACY_KEY);
    return { kind: 'none' };
  }
  if (parsed.kind === 'error') {
    // Kept aside, not lost; the shared key goes, so it is not reported again by every new tab.
    const kept = writeRaw(UNREADABLE_KEY, raw);
    if (kept) removeRaw(LEGACY_KEY);
    return { kind: 'unreadable', reason: parsed.reason, kept };
  }
  const id = newSessionId();
  const value = JSON.stringify(parsed.session);
  if (!writeRaw(sessionKey(id), value)) {
    // Storage is full: the old value's room is what the new one needs.
    removeRaw(LEGACY_KEY);
    if (!writeRaw(sessionKey(id), value)) {
      writeRaw(LEGACY_KEY, raw);
      return { kind: 'none' };
    }
  }
  removeRaw(LEGACY_KEY);
  const loaded = loadText(parsed.session.saved ?? parsed.session.text);
  const about = loaded.ok ? describeDoc(loaded.doc) : { title: 'XML with errors', detail: '' };
  noteSaved({ id, ...about, savedAt: now }, new Set());
  return { kind: 'moved', id };
}

// ---- which session a tab starts with ------------------------------------------------

export type Choice =
  /** This tab's own session (after a reload). */
  | { readonly kind: 'own'; readonly id: string }
  /** A new tab takes the most recent session no open tab holds. */
  | { readonly kind: 'adopted'; readonly id: string }
  /** A tab whose id another open tab holds (the browser copied sessionStorage into a duplicated tab): a copy under a new id. */
  | { readonly kind: 'forked'; readonly id: string; readonly from: string }
  /** Nothing to restore: the example, under a new id. */
  | { readonly kind: 'fresh'; readonly id: string };

/** Picks this tab's session and remembers its id in sessionStorage. `held`: the sessions open in other live tabs. */
export function chooseSession(held: ReadonlySet<string>): Choice {
  const own = tabSessionId();
  if (own !== null && !held.has(own)) return { kind: 'own', id: own };
  const take = (id: string): string => (setTabSessionId(id), id);
  if (own !== null) return { kind: 'forked', id: take(newSessionId()), from: own };
  const free = listSessions().find((e) => !held.has(e.id));
  if (free) return { kind: 'adopted', id: take(free.id) };
  return { kind: 'fresh', id: take(newSessionId()) };
}
