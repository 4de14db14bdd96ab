import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../src/state/persist';
import {
  INDEX_KEY,
  MAX_SESSIONS,
  SESSION_KEY,
  TAB_KEY,
  UNREADABLE_KEY,
  copySession,
  loadTheme,
  loadViewport,
  openSession,
  parseSession,
  recentSessions,
  resetPersistState,
  restoreSession,
  saveTheme,
  saveViewport,
  sessionKey,
  startAutosave,
} from '../../src/state/persist';
import { STALE_MS } from '../../src/state/liveTabs';
import { applyDraft, loadDocument, moveNodes, select, setDraft, undo, useEditor } from '../../src/state/store';
import { DEFAULT_EXAMPLE } from '../../src/core/examples';
import { derive } from '../../src/core/numbers/derive';
import { exampleText } from '../helpers/load';

class MemoryStorage {
  readonly data = new Map<string, string>();
  failWrites = false;
  /** Writes of a session (not the liveness or recent-list keys). */
  writes = 0;
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    if (k.startsWith('strata.session.')) this.writes++;
    this.data.set(k, String(v));
  }
  removeItem(k: string): void {
    this.data.delete(k);
  }
  clear(): void {
    this.data.clear();
  }
  key(i: number): string | null {
    return [...this.data.keys()][i] ?? null;
  }
  get length(): number {
    return this.data.size;
  }
}

/** localStorage: shared by every tab of the origin. */
let store: MemoryStorage;
/** sessionStorage of the current tab. */
let tab: MemoryStorage;
const chain = exampleText('mail-chain');
const live = exampleText('live-chain');
const multi = exampleText('multi-disk');
/** A session as format 1 stored it (one key for every tab). */
const session = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: 'strata-session', version: 1, text: chain, dragged: {}, view: { theme: 'dark' }, ...extra });
/** A current (format 2) session. */
const session2 = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: 'strata-session', version: 2, text: chain, dragged: {}, view: { theme: 'dark' }, ...extra });
const global = globalThis as { localStorage?: unknown; sessionStorage?: unknown };

function resetEditor(): void {
  useEditor.setState(useEditor.getInitialState(), true);
  useEditor.temporal.getState().clear();
}

/** The page reloads: same tab (sessionStorage kept), the previous page closed cleanly, the editor starts over. */
function reload(): void {
  resetPersistState();
  resetEditor();
}

/** Another tab opens; the current one stays open (a live tab) unless `closeCurrent`. Returns the new tab's sessionStorage. */
function newTab(opts: { copyOf?: MemoryStorage; closeCurrent?: boolean } = {}): MemoryStorage {
  resetPersistState({ newTab: true, keepOpen: !opts.closeCurrent });
  tab = new MemoryStorage();
  for (const [k, v] of opts.copyOf?.data ?? []) tab.data.set(k, v);
  global.sessionStorage = tab;
  resetEditor();
  return tab;
}

/** Switches the test back to an existing tab's sessionStorage (its page still open). */
function inTab(t: MemoryStorage): void {
  resetPersistState({ keepOpen: true });
  tab = t;
  global.sessionStorage = t;
  resetEditor();
}

/** Reloads an open tab: its page goes away cleanly (its heartbeat key is removed), then it starts again. */
function reloadTab(t: MemoryStorage): void {
  const id = t.getItem(TAB_KEY);
  for (const k of [...store.data.keys()]) if (k.startsWith('strata.live.') && JSON.parse(store.data.get(k)!).session === id) store.removeItem(k);
  inTab(t);
}

/** This tab's stored session, parsed. */
function stored(t: MemoryStorage = tab): Record<string, unknown> | null {
  const id = t.getItem(TAB_KEY);
  const raw = id === null ? null : store.getItem(sessionKey(id));
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}

const sessionKeys = (): string[] => [...store.data.keys()].filter((k) => /^strata\.session\.[0-9a-z]+-[0-9a-z]+$/.test(k));

beforeEach(() => {
  store = new MemoryStorage();
  tab = new MemoryStorage();
  global.localStorage = store;
  global.sessionStorage = tab;
  resetPersistState({ newTab: true });
  resetEditor();
});
afterEach(() => {
  delete global.localStorage;
  delete global.sessionStorage;
  vi.useRealTimers();
});

describe('parseSession', () => {
  it('treats nothing stored as empty', () => {
    expect(parseSession(null).kind).toBe('empty');
    expect(parseSession('').kind).toBe('empty');
  });

  it('reads a session (format 1, upgraded to 2) and fills defaults', () => {
    const r = parseSession(JSON.stringify({ format: 'strata-session', version: 1, text: '<disk/>', dragged: { '0.1': { x: 1, y: 2 }, bad: { x: 1, y: 1 }, '0.2': { x: 'a' } }, view: { theme: 'neon', viewport: { x: 1, y: 2, zoom: 0 } } }));
    expect(r).toEqual({ kind: 'ok', session: { format: 'strata-session', version: 2, text: '<disk/>', dragged: { '0.1': { x: 1, y: 2 } }, view: { theme: 'system' } } });
  });

  it('reads the last good text of format 2 beside the draft, and ignores a useless one', () => {
    const r = parseSession(session2({ text: '<disk', saved: chain }));
    expect(r.kind === 'ok' && r.session).toMatchObject({ version: 2, text: '<disk', saved: chain });
    for (const saved of [42, null, chain]) {
      const same = parseSession(session2({ saved }));
      expect(same.kind === 'ok' && 'saved' in same.session, String(saved)).toBe(false);
    }
  });

  it('rejects corrupt JSON', () => {
    const r = parseSession('{"format": "strata-sess');
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.reason).toMatch(/corrupt/);
  });

  it('rejects foreign data', () => {
    for (const raw of ['{"foo":1}', '[1,2]', '"text"', '42', 'null', '{"format":"other-app","version":1,"text":""}']) {
      const r = parseSession(raw);
      expect(r.kind, raw).toBe('error');
      expect(r.kind === 'error' && r.reason, raw).toMatch(/not a Strata session/);
    }
  });

  it('rejects a newer version with a clear reason', () => {
    const r = parseSession(JSON.stringify({ format: 'strata-session', version: 7, text: '' }));
    expect(r.kind === 'error' && r.reason).toMatch(/newer version of Strata.*7.*up to 2/);
  });

  it('rejects invalid versions and a missing text', () => {
    for (const version of [0, -1, 1.5, '1', null]) expect(parseSession(JSON.stringify({ format: 'strata-session', version, text: '' })).kind).toBe('error');
    expect(parseSession(JSON.stringify({ format: 'strata-session', version: 1 })).kind).toBe('error');
  });

  it('runs numbered migrations in order up to the current version', () => {
    const calls: number[] = [];
    const migrations: Record<number, Migration> = {
      1: (o) => (calls.push(1), { ...o, version: 2, xml: undefined, text: o.xml }),
      2: (o) => (calls.push(2), { ...o, version: 3, view: { theme: o.theme } }),
    };
    const r = parseSession(JSON.stringify({ format: 'strata-session', version: 1, xml: '<disk/>', theme: 'light' }), migrations, 3);
    expect(calls).toEqual([1, 2]);
    expect(r.kind === 'ok' && r.session.text).toBe('<disk/>');
    expect(r.kind === 'ok' && r.session.view.theme).toBe('light');
    const from2 = parseSession(JSON.stringify({ format: 'strata-session', version: 2, text: 'x', theme: 'dark' }), migrations, 3);
    expect(calls).toEqual([1, 2, 2]);
    expect(from2.kind === 'ok' && from2.session.view.theme).toBe('dark');
  });

  it('reports a missing or failing migration instead of throwing', () => {
    expect(parseSession(JSON.stringify({ format: 'strata-session', version: 1, text: '' }), {}, 2)).toEqual({ kind: 'error', reason: 'there is no migration from session format 1' });
    const boom: Record<number, Migration> = {
      1: () => {
        throw new Error('bad shape');
      },
    };
    const r = parseSession(JSON.stringify({ format: 'strata-session', version: 1, text: '' }), boom, 2);
    expect(r.kind === 'error' && r.reason).toMatch(/format 1 failed \(bad shape\)/);
  });
});

describe('restoreSession', () => {
  it('does nothing without a stored session', () => {
    expect(restoreSession()).toEqual({ restored: false });
    expect(useEditor.getState().notice).toBeNull();
  });

  it.each([
    ['corrupt JSON', '{{{', /corrupt/],
    ['foreign data', '{"hello":"world"}', /not a Strata session/],
    ['a newer version', JSON.stringify({ format: 'strata-session', version: 3, text: chain }), /newer version/],
  ])('keeps the example on %s, notifies and keeps the data aside', (_what, raw, reason) => {
    store.setItem(SESSION_KEY, raw);
    const r = restoreSession();
    expect(r.restored).toBe(false);
    expect(r.message).toMatch(reason);
    expect(r.message).toMatch(/example is loaded/);
    const s = useEditor.getState();
    expect(s.savedText).toBe(DEFAULT_EXAMPLE.text);
    expect(s.notice).toMatchObject({ kind: 'error', text: r.message });
    expect(store.getItem(UNREADABLE_KEY)).toBe(raw);
  });

  it('keeps the example as the document when the stored XML does not parse, with the typing as a draft', () => {
    store.setItem(SESSION_KEY, session({ text: '<disk type="file"><source' }));
    const r = restoreSession();
    expect(r.restored).toBe(false);
    expect(r.message).toMatch(/does not parse \(line \d+:\d+/);
    const s = useEditor.getState();
    expect(s.savedText).toBe(DEFAULT_EXAMPLE.text);
    expect(derive(s.doc).disks[0]!.nodes).toHaveLength(derive(useEditor.getInitialState().doc).disks[0]!.nodes.length);
    expect(s.draft).toBe(true);
    expect(s.parseError).not.toBeNull();
    expect(s.notice?.text).toBe(r.message);
  });

  it('restores text, dragged positions, selection and view, and clears history', () => {
    store.setItem(SESSION_KEY, session({ dragged: { '0.1': { x: 10, y: 20 }, '0.9': { x: 1, y: 1 } }, view: { theme: 'dark', viewport: { x: 5, y: 6, zoom: 1.5 }, selection: '0.2' } }));
    expect(restoreSession()).toEqual({ restored: true });
    const s = useEditor.getState();
    expect(s.text).toBe(chain);
    const nodes = derive(s.doc).disks[0]!.nodes;
    expect(s.dragged).toEqual({ [nodes[1]!.uid]: { x: 10, y: 20 } });
    expect(s.selection?.uid).toBe(nodes[2]!.uid);
    expect(useEditor.temporal.getState().pastStates).toHaveLength(0);
    expect(loadTheme()).toBe('dark');
    expect(loadViewport()).toEqual({ x: 5, y: 6, zoom: 1.5 });
  });
});

describe('autosave', () => {
  it('writes text (even a draft, beside the last good text), dragged and selection after 300 ms of quiet', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    const nodes = derive(useEditor.getState().doc).disks[0]!.nodes;
    moveNodes({ [nodes[1]!.uid]: { x: 3, y: 4 } });
    select(nodes[2]!.uid, 'graph');
    setDraft('<disk type="file"');
    vi.advanceTimersByTime(299);
    expect(stored()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(stored()).toEqual({
      format: 'strata-session',
      version: 2,
      text: '<disk type="file"',
      saved: DEFAULT_EXAMPLE.text,
      dragged: { '0.1': { x: 3, y: 4 } },
      view: { theme: 'system', selection: '0.2' },
    });
    // Nothing stays under the key of format 1.
    expect(store.getItem(SESSION_KEY)).toBeNull();
    stop();
  });

  it('stores no last good text when there is no draft', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    loadDocument(chain, 'Example');
    vi.advanceTimersByTime(300);
    expect(stored()).toMatchObject({ version: 2, text: chain });
    expect(stored()).not.toHaveProperty('saved');
    stop();
  });

  it('flushes a pending write on stop and round-trips through restore', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    saveTheme('light');
    setDraft(chain);
    stop();
    resetPersistState();
    useEditor.setState(useEditor.getInitialState(), true);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(chain);
    expect(loadTheme()).toBe('light');
  });

  it('a pan or zoom is written once the view rests (1 s), not at every move end; closing the tab writes it at once', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    setDraft(chain);
    vi.advanceTimersByTime(300);
    const writes = (): number => store.writes;
    const before = writes();
    for (let i = 0; i < 5; i++) {
      saveViewport({ x: i, y: 0, zoom: 1 });
      vi.advanceTimersByTime(200);
    }
    expect(writes()).toBe(before);
    vi.advanceTimersByTime(1000);
    expect(writes()).toBe(before + 1);
    expect(stored()!.view).toMatchObject({ viewport: { x: 4, y: 0, zoom: 1 } });
    saveViewport({ x: 9, y: 9, zoom: 2 });
    stop();
    expect(stored()!.view).toMatchObject({ viewport: { x: 9, y: 9, zoom: 2 } });
  });

  it('warns once when storage refuses writes, without throwing', () => {
    vi.useFakeTimers();
    store.failWrites = true;
    const stop = startAutosave();
    setDraft('<a/>');
    vi.advanceTimersByTime(300);
    expect(useEditor.getState().notice?.text).toMatch(/Autosave failed/);
    stop();
  });
});

describe('view helpers', () => {
  it('patch the stored session without touching its text', () => {
    store.setItem(SESSION_KEY, session());
    expect(restoreSession()).toEqual({ restored: true });
    saveViewport({ x: 1, y: 2, zoom: 3 });
    saveTheme('light');
    const saved = stored()!;
    expect(saved.text).toBe(chain);
    expect(saved.view).toEqual({ theme: 'light', viewport: { x: 1, y: 2, zoom: 3 } });
    resetPersistState();
    expect(loadTheme()).toBe('light');
    expect(loadViewport()).toEqual({ x: 1, y: 2, zoom: 3 });
  });

  it('default to system theme and no viewport, and survive missing storage', () => {
    delete global.localStorage;
    delete global.sessionStorage;
    expect(loadTheme()).toBe('system');
    expect(loadViewport()).toBeNull();
    expect(() => saveTheme('dark')).not.toThrow();
    expect(loadTheme()).toBe('dark');
    expect(restoreSession()).toEqual({ restored: false });
  });
});

describe('format 1 → per-tab sessions', () => {
  it('moves the single shared session to a key of its own, lists it, and restores it in this tab', () => {
    store.setItem(SESSION_KEY, session({ text: multi }));
    expect(restoreSession()).toEqual({ restored: true });
    expect(store.getItem(SESSION_KEY)).toBeNull();
    expect(sessionKeys()).toHaveLength(1);
    expect(stored()).toMatchObject({ version: 2, text: multi });
    expect(useEditor.getState().savedText).toBe(multi);
    expect(recentSessions()).toEqual([expect.objectContaining({ title: 'multi', detail: '3 disks, 4 nodes', current: true, open: false })]);
    reload();
    expect(restoreSession()).toEqual({ restored: true });
    expect(sessionKeys()).toHaveLength(1);
  });
});

describe('a draft beside the last good document (format 2)', () => {
  const broken = chain.replace("<source file='/var/lib/libvirt/images/mid.qcow2'/>", '<source file=/var/lib/libvirt/images/mid.qcow2/>');

  it('restores the last good document as the graph, the broken draft as the text, and undo goes back to it', () => {
    store.setItem(sessionKey('k0-a1'), session2({ text: broken, saved: chain, dragged: { '0.1': { x: 7, y: 8 } } }));
    tab.setItem(TAB_KEY, 'k0-a1');
    const r = restoreSession();
    expect(r.restored).toBe(true);
    expect(r.message).toMatch(/does not parse \(line 6:18: .*last good version.*Undo/);
    const s = useEditor.getState();
    expect(s.savedText).toBe(chain);
    expect(derive(s.doc).disks[0]!.nodes).toHaveLength(3);
    expect(Object.values(s.dragged)).toEqual([{ x: 7, y: 8 }]);
    expect(s.text).toBe(broken);
    expect(s.draft).toBe(true);
    expect(s.parseError).toMatchObject({ line: 6, col: 18 });
    undo();
    expect(useEditor.getState()).toMatchObject({ text: chain, draft: false, parseError: null });
  });

  it('applies typing that was saved before it was applied, one undo step after the last good document', () => {
    const typed = chain.replace('mid.qcow2', 'mid2.qcow2');
    store.setItem(sessionKey('k0-a1'), session2({ text: typed, saved: chain }));
    tab.setItem(TAB_KEY, 'k0-a1');
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState()).toMatchObject({ savedText: typed, draft: false });
    undo();
    expect(useEditor.getState().savedText).toBe(chain);
  });

  it('round-trips a broken draft through autosave and a reload', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    loadDocument(chain, 'Example');
    setDraft(broken);
    expect(applyDraft()).toBe(false);
    vi.advanceTimersByTime(300);
    stop();
    reload();
    expect(restoreSession().restored).toBe(true);
    expect(useEditor.getState()).toMatchObject({ savedText: chain, text: broken, draft: true });
  });
});

describe('one session per tab', () => {
  /** Opens the editor in the current tab with autosave, loads `text`, and lets autosave write it. */
  function work(text: string, restore = true): void {
    if (restore) restoreSession();
    const stop = startAutosave();
    loadDocument(text, 'Example');
    vi.advanceTimersByTime(300);
    stop();
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('two open tabs keep their own work across reloads, and each lists the other', () => {
    const a = tab;
    work(chain);
    const b = newTab();
    expect(restoreSession()).toEqual({ restored: false });
    // B starts with the example (A's session is held by A) and says where the other work is.
    expect(useEditor.getState().savedText).toBe(DEFAULT_EXAMPLE.text);
    expect(useEditor.getState().notice).toMatchObject({ kind: 'info', text: expect.stringMatching(/other tabs.*Recent/) });
    work(live, false);
    expect(sessionKeys()).toHaveLength(2);
    expect(stored(a)!.text).toBe(chain);
    expect(stored(b)!.text).toBe(live);

    reloadTab(a);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(chain);
    expect(sessionKeys()).toHaveLength(2);
    expect(recentSessions().map((r) => [r.title, r.current, r.open])).toEqual([
      ['demo', false, true],
      ['vda: top.qcow2', true, false],
    ]);
    reloadTab(b);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(live);
    expect(sessionKeys()).toHaveLength(2);
  });

  it('a new tab takes the most recent session no open tab holds', () => {
    work(chain);
    vi.advanceTimersByTime(1000);
    newTab();
    work(live);
    // Both tabs close; a third one opens.
    newTab({ closeCurrent: true });
    resetPersistState({ newTab: true }); // the first tab's page is gone too (its key is stale below)
    vi.advanceTimersByTime(STALE_MS + 1);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(live);
  });

  it('a tab whose heartbeat stopped (a crash) no longer holds its session once it is stale', () => {
    work(chain);
    newTab();
    vi.advanceTimersByTime(STALE_MS - 1000);
    expect(restoreSession()).toEqual({ restored: false });
    newTab({ closeCurrent: true });
    vi.advanceTimersByTime(2000);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(chain);
  });

  it('a duplicated tab (its sessionStorage copied while the original is open) goes on as a copy', () => {
    const a = tab;
    work(chain);
    const b = newTab({ copyOf: a });
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(chain);
    expect(b.getItem(TAB_KEY)).not.toBe(a.getItem(TAB_KEY));
    // Stored at once, so a reload of the copy finds it.
    expect(stored(b)!.text).toBe(chain);
    expect(useEditor.getState().notice?.text).toMatch(/copy of another open tab/);
  });

  it('a tab that only shows the example stores nothing, but remembers a theme for the next tab', () => {
    restoreSession();
    const stop = startAutosave();
    saveViewport({ x: 1, y: 2, zoom: 1 });
    saveTheme('dark');
    select(derive(useEditor.getState().doc).disks[0]!.nodes[1]!.uid, 'graph');
    vi.advanceTimersByTime(1000);
    stop();
    expect(sessionKeys()).toEqual([]);
    expect(recentSessions()).toEqual([]);
    newTab({ closeCurrent: true });
    expect(loadTheme()).toBe('dark');
  });

  it(`keeps at most ${MAX_SESSIONS} sessions, dropping the oldest, never one an open tab holds`, () => {
    const ids = Array.from({ length: MAX_SESSIONS + 5 }, (_, i) => `k${i.toString(36)}-00`);
    ids.forEach((id, i) => store.setItem(sessionKey(id), session2({ text: `<disk type='file'><source file='/img/${i}.qcow2'/><target dev='vda'/></disk>` })));
    const entries = ids.map((id, i) => ({ id, title: `s${i}`, detail: '', savedAt: 1000 + i }));
    store.setItem(INDEX_KEY, JSON.stringify({ format: 'strata-sessions', version: 1, sessions: entries }));
    // The oldest session is open in another tab (a fresh heartbeat key).
    store.setItem('strata.live.other', JSON.stringify({ session: ids[0], since: Date.now(), at: Date.now() }));
    work(chain);
    const titles = recentSessions().map((r) => r.title);
    expect(titles).toHaveLength(MAX_SESSIONS + 1); // the cap, plus the one the open tab holds
    // This new tab took the most recent free session (s24) and saved its work there: the newest.
    expect(titles[0]).toBe('vda: top.qcow2');
    expect(titles).not.toContain('s24');
    expect(titles).toContain('s0');
    expect(titles).not.toContain('s1');
    expect(titles).not.toContain('s4');
    expect(titles).toContain('s5');
    expect(sessionKeys()).toHaveLength(MAX_SESSIONS + 1);
  });

  it('lists a session whose index entry is missing or corrupt, and drops entries whose session is gone', () => {
    work(chain);
    store.setItem(INDEX_KEY, '{"format":"strata-sessions","sessions":[{"id":"zz-00","title":"gone","detail":"","savedAt":9}]}');
    expect(recentSessions()).toEqual([expect.objectContaining({ title: 'Untitled session', current: true })]);
    store.setItem(INDEX_KEY, '{{{');
    expect(recentSessions()).toHaveLength(1);
  });

  it('opens a session no tab holds here, saving this tab\'s work first; refuses one another tab holds', () => {
    const a = tab;
    work(chain);
    newTab();
    work(live);
    const liveId = tab.getItem(TAB_KEY)!;
    newTab({ closeCurrent: true }); // the live-chain tab closes
    reloadTab(a);
    restoreSession();
    const stop = startAutosave();
    setDraft('<disk type="file"'); // unsaved, broken typing: it must survive the switch
    const mine = a.getItem(TAB_KEY)!;
    expect(openSession(liveId)).toBe(true);
    expect(a.getItem(TAB_KEY)).toBe(liveId);
    expect(useEditor.getState()).toMatchObject({ savedText: live, draft: false });
    expect(JSON.parse(store.getItem(sessionKey(mine))!)).toMatchObject({ text: '<disk type="file"', saved: chain });
    // Back: the typing is there again, beside its last good document.
    expect(openSession(mine)).toBe(true);
    expect(useEditor.getState()).toMatchObject({ savedText: chain, text: '<disk type="file"', draft: true });
    stop();
  });

  it('copies a session another tab holds as one undoable load, and does not take it over', () => {
    const a = tab;
    work(chain);
    const aId = a.getItem(TAB_KEY)!;
    newTab();
    work(live);
    const before = tab.getItem(TAB_KEY);
    expect(openSession(aId)).toBe(false);
    expect(useEditor.getState().notice?.text).toMatch(/open in another tab/);
    expect(copySession(aId)).toBe(true);
    expect(tab.getItem(TAB_KEY)).toBe(before);
    expect(useEditor.getState().savedText).toBe(chain);
    undo();
    expect(useEditor.getState().savedText).toBe(live);
  });

  it('warns once with the existing message when the storage is full, and keeps working', () => {
    restoreSession();
    const stop = startAutosave();
    store.failWrites = true;
    loadDocument(chain, 'Example');
    vi.advanceTimersByTime(300);
    expect(useEditor.getState().notice?.text).toMatch(/^Autosave failed: the browser storage is full or disabled/);
    expect(openSession('zz-00')).toBe(false);
    store.failWrites = false;
    loadDocument(live, 'Example');
    vi.advanceTimersByTime(300);
    expect(stored()!.text).toBe(live);
    stop();
  });
});
