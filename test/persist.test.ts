import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../src/state/persist';
import {
  SESSION_KEY,
  UNREADABLE_KEY,
  loadTheme,
  loadViewport,
  parseSession,
  resetPersistState,
  restoreSession,
  saveTheme,
  saveViewport,
  startAutosave,
} from '../src/state/persist';
import { moveNodes, select, setDraft, useEditor } from '../src/state/store';
import { DEFAULT_EXAMPLE, EXAMPLES } from '../src/core/examples';
import { derive } from '../src/core/derive';

class MemoryStorage {
  readonly data = new Map<string, string>();
  failWrites = false;
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
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

let store: MemoryStorage;
const chain = EXAMPLES.find((e) => e.id === 'mail-chain')!;
const session = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: 'strata-session', version: 1, text: chain.text, dragged: {}, view: { theme: 'dark' }, ...extra });

beforeEach(() => {
  store = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = store;
  useEditor.setState(useEditor.getInitialState(), true);
  useEditor.temporal.getState().clear();
  resetPersistState();
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  vi.useRealTimers();
});

describe('parseSession', () => {
  it('treats nothing stored as empty', () => {
    expect(parseSession(null).kind).toBe('empty');
    expect(parseSession('').kind).toBe('empty');
  });

  it('reads a current session and fills defaults', () => {
    const r = parseSession(JSON.stringify({ format: 'strata-session', version: 1, text: '<disk/>', dragged: { '0.1': { x: 1, y: 2 }, bad: { x: 1, y: 1 }, '0.2': { x: 'a' } }, view: { theme: 'neon', viewport: { x: 1, y: 2, zoom: 0 } } }));
    expect(r).toEqual({ kind: 'ok', session: { format: 'strata-session', version: 1, text: '<disk/>', dragged: { '0.1': { x: 1, y: 2 } }, view: { theme: 'system' } } });
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
    expect(r.kind === 'error' && r.reason).toMatch(/newer version of Strata.*7.*up to 1/);
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
    ['a newer version', JSON.stringify({ format: 'strata-session', version: 2, text: chain.text }), /newer version/],
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
    expect(s.text).toBe(chain.text);
    const nodes = derive(s.doc).disks[0]!.nodes;
    expect(s.dragged).toEqual({ [nodes[1]!.uid]: { x: 10, y: 20 } });
    expect(s.selection?.uid).toBe(nodes[2]!.uid);
    expect(useEditor.temporal.getState().pastStates).toHaveLength(0);
    expect(loadTheme()).toBe('dark');
    expect(loadViewport()).toEqual({ x: 5, y: 6, zoom: 1.5 });
  });
});

describe('autosave', () => {
  it('writes text (even a draft), dragged and selection after 300 ms of quiet', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    const nodes = derive(useEditor.getState().doc).disks[0]!.nodes;
    moveNodes({ [nodes[1]!.uid]: { x: 3, y: 4 } });
    select(nodes[3]!.uid, 'graph');
    setDraft('<disk type="file"');
    vi.advanceTimersByTime(299);
    expect(store.getItem(SESSION_KEY)).toBeNull();
    vi.advanceTimersByTime(1);
    const saved = JSON.parse(store.getItem(SESSION_KEY)!);
    expect(saved).toEqual({ format: 'strata-session', version: 1, text: '<disk type="file"', dragged: { '0.1': { x: 3, y: 4 } }, view: { theme: 'system', selection: '0.3' } });
    stop();
  });

  it('flushes a pending write on stop and round-trips through restore', () => {
    vi.useFakeTimers();
    const stop = startAutosave();
    saveTheme('light');
    setDraft(chain.text);
    stop();
    resetPersistState();
    useEditor.setState(useEditor.getInitialState(), true);
    expect(restoreSession()).toEqual({ restored: true });
    expect(useEditor.getState().savedText).toBe(chain.text);
    expect(loadTheme()).toBe('light');
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
    saveViewport({ x: 1, y: 2, zoom: 3 });
    saveTheme('light');
    const saved = JSON.parse(store.getItem(SESSION_KEY)!);
    expect(saved.text).toBe(chain.text);
    expect(saved.view).toEqual({ theme: 'light', viewport: { x: 1, y: 2, zoom: 3 } });
    resetPersistState();
    expect(loadTheme()).toBe('light');
    expect(loadViewport()).toEqual({ x: 1, y: 2, zoom: 3 });
  });

  it('default to system theme and no viewport, and survive missing storage', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(loadTheme()).toBe('system');
    expect(loadViewport()).toBeNull();
    expect(() => saveTheme('dark')).not.toThrow();
    expect(loadTheme()).toBe('dark');
    expect(restoreSession()).toEqual({ restored: false });
  });
});
