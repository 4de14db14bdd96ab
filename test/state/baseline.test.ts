/**
 * The baselines of the Changes view (src/state/baseline.ts): the document
 * as opened follows loads, undo and redo; "saved" belongs to its opening;
 * both are stored beside the session and come back after a reload.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE, EXAMPLES } from '../../src/core/examples';
import { BASELINE_PREFIX, MAX_STORED_CHARS, markSaved, parseBaseline, resetBaseline, useBaseline } from '../../src/state/baseline';
import { resetPersistState, restoreSession, startAutosave } from '../../src/state/persist';
import { TAB_KEY } from '../../src/state/sessions';
import { applyDraft, clearHistory, loadDocument, perform, redo, setDraft, undo, useEditor } from '../../src/state/store';
import { MemoryStorage } from '../helpers/memoryStorage';

const chain = EXAMPLES.find((e) => e.id === 'mail-chain')!;
const live = EXAMPLES.find((e) => e.id === 'live-chain')!;
const b = () => useBaseline.getState();
const snapshot = () => perform({ kind: 'snapshot', targets: [{ at: 'vda' }] });

const global = globalThis as { localStorage?: unknown; sessionStorage?: unknown };
let store: MemoryStorage;
let tab: MemoryStorage;

/** A new page: the baselines first, so the store's reset is no undo past a load (which would store the example's baseline). */
function resetEditor(): void {
  resetBaseline();
  useEditor.setState(useEditor.getInitialState(), true);
  clearHistory();
}

beforeEach(() => {
  store = new MemoryStorage();
  tab = new MemoryStorage();
  global.localStorage = store;
  global.sessionStorage = tab;
  resetPersistState({ newTab: true });
  resetEditor();
  // As main.tsx does before anything else: the tab gets its session id.
  expect(restoreSession().restored).toBe(false);
});
afterEach(() => {
  delete global.localStorage;
  delete global.sessionStorage;
});

describe('opened', () => {
  it('starts as the built-in example, and a load (with its label) replaces it', () => {
    expect(b().opened).toMatchObject({ text: DEFAULT_EXAMPLE.text, name: DEFAULT_EXAMPLE.title });
    expect(b().saved).toBeNull();
    loadDocument(chain.text, 'chain.xml');
    expect(b().opened).toMatchObject({ text: chain.text, name: 'chain.xml' });
  });

  it('stays through operations and applied typing, which are edits of the opened document', () => {
    loadDocument(chain.text, 'chain.xml');
    const opened = b().opened;
    expect(snapshot()).toBeNull();
    setDraft(useEditor.getState().text.replace('<disk', '<!-- note -->\n<disk'));
    expect(applyDraft()).toBe(true);
    expect(b().opened).toBe(opened);
  });

  it('undo past a load compares with the document opened before it again; redo with the later one', () => {
    loadDocument(chain.text, 'chain.xml');
    snapshot();
    markSaved(useEditor.getState().text, 'chain.xml');
    const first = b();
    loadDocument(live.text, 'live.xml');
    expect(b().opened.name).toBe('live.xml');
    expect(b().saved).toBeNull(); // the other document was saved, not this one
    undo();
    expect(b().opened).toBe(first.opened);
    expect(b().saved).toBe(first.saved);
    redo();
    expect(b().opened).toMatchObject({ name: 'live.xml', text: live.text });
    undo();
    undo(); // the snapshot
    undo(); // the load of chain.xml: back to the built-in example
    expect(b().opened.text).toBe(DEFAULT_EXAMPLE.text);
  });

  it('a load whose text does not parse opens nothing (it is a draft over the current document)', () => {
    loadDocument(chain.text, 'chain.xml');
    loadDocument('<disk', 'broken.xml');
    expect(b().opened.name).toBe('chain.xml');
  });
});

describe('saved', () => {
  it('is what Save XML wrote, and is not undone', () => {
    loadDocument(chain.text, 'chain.xml');
    snapshot();
    markSaved(useEditor.getState().text, 'vm.xml');
    const saved = b().saved;
    expect(saved).toMatchObject({ text: useEditor.getState().text, name: 'vm.xml' });
    undo();
    expect(b().saved).toBe(saved);
  });
});

describe('beside the session', () => {
  const reload = () => {
    resetPersistState();
    resetEditor();
    return restoreSession();
  };

  it('comes back after a reload: still compared with the document as opened, and as saved', () => {
    const stop = startAutosave(0);
    loadDocument(chain.text, 'chain.xml');
    snapshot();
    markSaved(useEditor.getState().text, 'vm.xml');
    const before = b();
    stop(); // writes the pending session
    expect(reload().restored).toBe(true);
    expect(b().opened).toEqual(before.opened);
    expect(b().saved).toEqual(before.saved);
  });

  it('a duplicated tab (a copy of the session under a new id) keeps the baseline, stored under its own id', () => {
    const stop = startAutosave(0);
    loadDocument(chain.text, 'chain.xml');
    snapshot();
    stop();
    const first = tab.getItem(TAB_KEY);
    // The browser copies sessionStorage into the duplicate while the first tab stays open.
    resetPersistState({ newTab: true, keepOpen: true });
    const copy = new MemoryStorage();
    for (const [k, v] of tab.data) copy.data.set(k, v);
    global.sessionStorage = tab = copy;
    resetEditor();
    expect(restoreSession().restored).toBe(true);
    const id = tab.getItem(TAB_KEY);
    expect(id).not.toBe(first);
    expect(b().opened.name).toBe('chain.xml');
    expect(parseBaseline(store.getItem(BASELINE_PREFIX + id))?.opened.name).toBe('chain.xml');
  });

  it('a session stored without one counts as opened when it was restored', () => {
    const stop = startAutosave(0);
    loadDocument(chain.text, 'chain.xml');
    snapshot();
    const now = useEditor.getState().text;
    stop();
    for (const k of [...store.data.keys()]) if (k.startsWith(BASELINE_PREFIX)) store.removeItem(k);
    reload();
    expect(b().opened).toMatchObject({ text: now, name: 'Restore' });
  });

  it('is stored under the tab session id, and left out when too big to store', () => {
    loadDocument(chain.text, 'chain.xml');
    const key = BASELINE_PREFIX + tab.getItem(TAB_KEY);
    expect(parseBaseline(store.getItem(key))?.opened.name).toBe('chain.xml');
    const big = chain.text.replace('<disk', `<!-- ${'x'.repeat(MAX_STORED_CHARS)} -->\n<disk`);
    loadDocument(big, 'big.xml');
    expect(store.getItem(key)).toBeNull();
  });

  it('drops baselines whose session is no longer stored', () => {
    store.setItem(`${BASELINE_PREFIX}gone-1`, JSON.stringify({ format: 'strata-baseline', version: 1, opened: { text: 'a', name: 'a', at: 1 }, saved: null }));
    const stop = startAutosave(0);
    loadDocument(chain.text, 'chain.xml');
    stop();
    reload();
    expect(store.getItem(`${BASELINE_PREFIX}gone-1`)).toBeNull();
  });

  it('reads only its own format', () => {
    expect(parseBaseline(null)).toBeNull();
    expect(parseBaseline('{')).toBeNull();
    expect(parseBaseline(JSON.stringify({ format: 'strata-baseline', version: 2, opened: { text: '', name: '', at: 0 }, saved: null }))).toBeNull();
    expect(parseBaseline(JSON.stringify({ format: 'strata-baseline', version: 1, opened: { text: 1, name: '', at: 0 }, saved: null }))).toBeNull();
    const ok = { opened: { text: 'a', name: 'n', at: 5 }, saved: { text: 'b', name: 'f.xml', at: 6 } };
    expect(parseBaseline(JSON.stringify({ format: 'strata-baseline', version: 1, ...ok }))).toEqual(ok);
  });
});
