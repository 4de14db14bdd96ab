/**
 * Which sessions are open in other live tabs. Each page writes its own key,
 * `strata.live.<page>` = {session, since, at}, and refreshes `at` every
 * HEARTBEAT_MS; it removes the key on pagehide. A key whose heartbeat is older
 * than STALE_MS belongs to a tab that died without pagehide (a crash) and is
 * ignored and cleaned up. One key per page, so tabs never race on a shared value.
 *
 * The heartbeat is read synchronously at start (a new tab decides what to
 * restore before its first render). Later, `storage` events tell a tab when
 * another one claims its session (two new tabs adopting the same one at
 * once): the younger of the two moves to a new session, so neither overwrites
 * the other.
 */
import { keysWithPrefix, readRaw, removeRaw, writeRaw } from './storage';
import { isObj } from './sessionFormat';

const PREFIX = 'strata.live.';
export const HEARTBEAT_MS = 15_000;
/** Generous: Chrome runs the timers of a tab hidden for 5 minutes once a minute. */
export const STALE_MS = 90_000;

interface LiveEntry {
  readonly session: string;
  /** When this page took the session: on a conflict the younger page gives way. */
  readonly since: number;
  readonly at: number;
}

const newPageId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
let page = newPageId();
let mine: LiveEntry | null = null;

function parseEntry(raw: string | null): LiveEntry | null {
  try {
    const v: unknown = JSON.parse(raw ?? 'null');
    return isObj(v) && typeof v.session === 'string' && typeof v.since === 'number' && typeof v.at === 'number' ? { session: v.session, since: v.since, at: v.at } : null;
  } catch {
    return null;
  }
}

/** Sessions held by other live tabs; stale keys of dead tabs are removed on the way. */
export function heldElsewhere(now: number = Date.now()): Set<string> {
  const out = new Set<string>();
  for (const key of keysWithPrefix(PREFIX)) {
    if (key === PREFIX + page) continue;
    const e = parseEntry(readRaw(key));
    if (e === null || now - e.at > STALE_MS) removeRaw(key);
    else out.add(e.session);
  }
  return out;
}

/** Marks `session` as held by this page (at start, after a switch or a fork). */
export function claim(session: string, now: number = Date.now()): void {
  mine = { session, since: now, at: now };
  writeRaw(PREFIX + page, JSON.stringify(mine));
}

function beat(): void {
  if (mine === null) return;
  mine = { ...mine, at: Date.now() };
  writeRaw(PREFIX + page, JSON.stringify(mine));
}

/** This page no longer holds a session (it is going away). */
export function release(): void {
  removeRaw(PREFIX + page);
}

/** For tests: another page (the previous one's key stays, as a live tab's would). */
export function newPage(): void {
  page = newPageId();
  mine = null;
}

/**
 * Heartbeat, release on pagehide, and conflict detection. `onConflict` is
 * called when another live tab holds this tab's session and this tab must
 * give way (it is the younger one, or it is coming back from the
 * back/forward cache after another tab took the session). Browser only.
 */
export function startLiveness(onConflict: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const timer = window.setInterval(beat, HEARTBEAT_MS);
  const onStorage = (e: StorageEvent): void => {
    if (mine === null) return;
    // Another tab cleared the storage: say again that this tab is alive.
    if (e.key === null) return beat();
    if (!e.key.startsWith(PREFIX) || e.key === PREFIX + page) return;
    const other = parseEntry(e.newValue);
    if (other === null || other.session !== mine.session) return;
    const otherPage = e.key.slice(PREFIX.length);
    if (other.since < mine.since || (other.since === mine.since && otherPage < page)) onConflict();
  };
  const onHide = (): void => release();
  const onShow = (e: PageTransitionEvent): void => {
    if (!e.persisted || mine === null) return;
    // Back from the back/forward cache: another tab may have taken this session meanwhile.
    if (heldElsewhere().has(mine.session)) onConflict();
    else beat();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener('pagehide', onHide);
  window.addEventListener('pageshow', onShow);
  return () => {
    window.clearInterval(timer);
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('pagehide', onHide);
    window.removeEventListener('pageshow', onShow);
    onHide();
  };
}
