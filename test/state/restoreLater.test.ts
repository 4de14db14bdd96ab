/**
 * A big stored session is restored in the background (state/restoreLater.ts): read in the worker, and until it lands
 * nothing is written over the stored session. The Worker is a fake that runs the same read job in this process, and
 * answers only when the test releases it, so the test can look at the page while the read is running.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_KEY, TAB_KEY, restoreSession, resetPersistState, saveTheme, saveViewport, sessionKey, startAutosave } from '../../src/state/persist';
import { applyDraft, moveNodes, select, setDraft, useEditor } from '../../src/state/store';
import { BIG_TEXT_CHARS, cancelRead, useReading } from '../../src/state/bigRead';
import { useRestoring } from '../../src/state/restoreLater';
import { BASELINE_PREFIX, useBaseline } from '../../src/state/baseline';
import { DEFAULT_EXAMPLE } from '../../src/core/examples';
import { derive } from '../../src/core/numbers/derive';
import { readJob } from '../../src/core/operations/readJob';
import { withUidSpace } from '../../src/core/model/uid';
import type { DomainDoc } from '../../src/core/model/types';
import { flatten, toWire, unflatten } from '../../src/core/transfer';
import type { Flat } from '../../src/core/transfer';
import type { ReadRequest } from '../../src/state/workers/read.worker';
import { exampleText } from '../helpers/load';
import { MemoryStorage } from '../helpers/memoryStorage';

/** read.worker.ts's own body, run here when the test lets the answer go. */
class FakeWorker {
  static held: (() => void)[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  terminated = false;
  postMessage(m: ReadRequest): void {
    FakeWorker.held.push(() => {
      if (this.terminated) return;
      const before = unflatten<DomainDoc>(JSON.parse(m.before) as Flat);
      this.onmessage?.({ data: toWire(flatten(withUidSpace(m.space, () => readJob({ text: m.text, before, label: m.label, keep: m.keep })))) });
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Lets every held read answer, then waits until the page has rebuilt and applied it. */
async function answer(): Promise<void> {
  for (const go of FakeWorker.held.splice(0)) go();
  await vi.waitFor(() => expect(useReading.getState().reading).toBeNull(), { timeout: 5000 });
  await new Promise((ok) => setTimeout(ok, 20));
}

const global = globalThis as { localStorage?: unknown; sessionStorage?: unknown; Worker?: unknown };
let store: MemoryStorage;
let tab: MemoryStorage;
let stopAutosave: () => void = () => {};

const chain = exampleText('mail-chain');
/** The mail chain with a comment that makes it a big text (read in the worker); comments are kept as written. */
const big = chain.replace(/(<\/(?:domain|disk)>\s*)$/, `<!-- ${'padding '.repeat(Math.ceil(BIG_TEXT_CHARS / 8))}-->\n$1`);
const stored = JSON.stringify({
  format: 'strata-session',
  version: 2,
  text: big,
  dragged: { '0.1': { x: 10, y: 20 } },
  view: { theme: 'dark', viewport: { x: 5, y: 6, zoom: 1.5 }, selection: '0.2' },
});
const storedSession = (): string | null => store.getItem(sessionKey(tab.getItem(TAB_KEY)!));

beforeEach(() => {
  store = new MemoryStorage();
  tab = new MemoryStorage();
  global.localStorage = store;
  global.sessionStorage = tab;
  global.Worker = FakeWorker;
  FakeWorker.held = [];
  resetPersistState({ newTab: true });
  useEditor.setState(useEditor.getInitialState(), true);
  useEditor.temporal.getState().clear();
  store.setItem(SESSION_KEY, stored); // format 1's key: moved to this tab's own key by the restore
});
afterEach(() => {
  stopAutosave();
  cancelRead();
  delete global.localStorage;
  delete global.sessionStorage;
  delete global.Worker;
});

describe('a big session restored in the background', () => {
  it('is read in the worker, and lands with its positions, selection and a fresh history', async () => {
    expect(big.length).toBeGreaterThanOrEqual(BIG_TEXT_CHARS);
    expect(restoreSession()).toMatchObject({ restored: true, later: true });
    stopAutosave = startAutosave(10);
    // While it is read: the text is in the XML pane, the store still holds the example, the graph says why.
    let s = useEditor.getState();
    expect(s.text).toBe(big);
    expect(s.draft).toBe(true);
    expect(s.savedText).toBe(DEFAULT_EXAMPLE.text);
    expect(useRestoring.getState().reading).toBe(true);
    const before = storedSession();
    await answer();
    s = useEditor.getState();
    expect(s.draft).toBe(false);
    expect(s.savedText).toBe(big);
    const nodes = derive(s.doc).disks[0]!.nodes;
    expect(s.dragged).toEqual({ [nodes[1]!.uid]: { x: 10, y: 20 } });
    expect(s.selection?.uid).toBe(nodes[2]!.uid);
    expect(useEditor.temporal.getState().pastStates).toHaveLength(0);
    expect(useRestoring.getState()).toEqual({ reading: false, keepView: true });
    // Stored again as it was (same text, same positions, same selection).
    await new Promise((ok) => setTimeout(ok, 30));
    const after = JSON.parse(storedSession()!) as Record<string, unknown>;
    const was = JSON.parse(before!) as Record<string, unknown>;
    expect(after.text).toBe(was.text);
    expect(after.dragged).toEqual(was.dragged);
    expect((after.view as { selection?: string }).selection).toBe('0.2');
  });

  it('writes nothing over the stored session while it is read, a closing tab included', async () => {
    restoreSession();
    stopAutosave = startAutosave(10);
    const before = storedSession();
    expect(before).not.toBeNull();
    // What the page can do meanwhile: a click on the example's node (under the note), a theme, a drag.
    const example = derive(useEditor.getState().doc).disks[0]!.nodes[0]!.uid;
    select(example, 'graph');
    saveTheme('light');
    moveNodes({ [example]: { x: 1, y: 2 } });
    saveViewport({ x: 1, y: 2, zoom: 1 });
    await new Promise((ok) => setTimeout(ok, 50));
    stopAutosave(); // the tab closes (autosave's flush)
    stopAutosave = () => {};
    expect(storedSession()).toBe(before);
  });

  it('stores what changed meanwhile (the theme) once it has landed', async () => {
    restoreSession();
    stopAutosave = startAutosave(10);
    saveTheme('light');
    await answer();
    await vi.waitFor(() => expect(JSON.parse(storedSession()!).view.theme).toBe('light'));
    expect(Object.keys(JSON.parse(storedSession()!).dragged)).toEqual(['0.1']);
  });

  it('after Cancel keeps the stored session and the text; Ctrl+S reads it again and it lands with its positions', async () => {
    restoreSession();
    stopAutosave = startAutosave(10);
    const before = storedSession();
    cancelRead();
    await new Promise((ok) => setTimeout(ok, 30));
    let s = useEditor.getState();
    expect(s.text).toBe(big);
    expect(s.savedText).toBe(DEFAULT_EXAMPLE.text);
    expect(useRestoring.getState().reading).toBe(false);
    expect(storedSession()).toBe(before);
    expect(applyDraft()).toBe(false); // read in the worker again
    await answer();
    s = useEditor.getState();
    expect(s.savedText).toBe(big);
    expect(Object.values(s.dragged)).toEqual([{ x: 10, y: 20 }]);
  });

  it("gives way to the user's own typing, which autosave then stores", async () => {
    restoreSession();
    stopAutosave = startAutosave(10);
    setDraft(chain);
    await vi.waitFor(() => expect(JSON.parse(storedSession()!).text).toBe(chain));
    await answer(); // the old read's answer is stale: dropped
    expect(useEditor.getState().text).toBe(chain);
  });

  it("adopts the session's stored Changes baseline when it lands, not the restore's", async () => {
    const id = 'abc-123';
    store.data.delete(SESSION_KEY);
    store.setItem(sessionKey(id), stored);
    tab.setItem(TAB_KEY, id);
    const opened = { text: 'the text as opened', name: 'vm.xml', at: 1 };
    store.setItem(BASELINE_PREFIX + id, JSON.stringify({ format: 'strata-baseline', version: 1, opened, saved: null }));
    resetPersistState();
    restoreSession();
    await answer();
    expect(useEditor.getState().savedText).toBe(big);
    expect(useBaseline.getState().opened).toEqual(opened);
    expect(JSON.parse(store.getItem(BASELINE_PREFIX + id)!).opened).toEqual(opened);
  });
});
