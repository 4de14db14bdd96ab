/**
 * The store's one gateway (src/state/store.ts): an operation either applies
 * as one undo step with its record, or is refused and changes nothing;
 * typing is applied first or the operation is refused so typing is never
 * overwritten; undo and redo bring back the document, its record and its
 * jobs together.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/core/examples';
import { derive } from '../../src/core/numbers/derive';
import { applyDraft, clearHistory, loadDocument, moveNodes, perform, redo, setDraft, undo, useEditor } from '../../src/state/store';

const initial = useEditor.getState();
const state = () => useEditor.getState();
const steps = () => useEditor.temporal.getState().pastStates.length;
const text = (id: string) => EXAMPLES.find((e) => e.id === id)!.text;
const topOf = () => derive(state().doc).disks[0]!.target;

beforeEach(() => {
  useEditor.setState(initial, true);
  clearHistory();
});

describe('perform', () => {
  it('a refused operation returns the reason, says it, and changes nothing (no undo step, no record)', () => {
    loadDocument(text('mail-chain'), 'chain');
    const before = state();
    const n = steps();
    const reason = perform({ kind: 'renumber' });
    expect(reason).toMatch(/nothing to renumber/);
    expect(state().doc).toBe(before.doc);
    expect(state().record).toBe(before.record);
    expect(state().savedText).toBe(before.savedText);
    expect(steps()).toBe(n);
    expect(state().notice).toMatchObject({ kind: 'error', text: reason });
  });

  it('an applied operation is one undo step with its record: request, both documents, title, host commands', () => {
    loadDocument(text('live-chain'), 'live');
    const before = state().doc;
    const n = steps();
    expect(perform({ kind: 'snapshot', targets: [{ at: topOf() }] })).toBeNull();
    expect(steps()).toBe(n + 1);
    const rec = state().record!;
    expect(rec.request.kind).toBe('snapshot');
    expect(rec.before).toBe(before);
    expect(rec.after).toBe(state().doc);
    expect(rec.title).toBe('Snapshot');
    expect(rec.commands?.virsh.join('\n')).toContain('snapshot-create-as');
    expect(state().lastChange?.label).toBe('Snapshot');
    // The XML text follows the document.
    expect(state().text).toBe(state().savedText);
    expect(state().text).toContain('.snap');
  });

  it('undo restores the earlier document and its record; redo brings both back', () => {
    loadDocument(text('live-chain'), 'live');
    const loadedRecord = state().record;
    const loadedDoc = state().doc;
    perform({ kind: 'snapshot', targets: [{ at: topOf() }] });
    const afterRecord = state().record;
    undo();
    expect(state().doc).toBe(loadedDoc);
    expect(state().record).toBe(loadedRecord);
    expect(state().text).toBe(state().savedText);
    redo();
    expect(state().record).toBe(afterRecord);
  });

  it('a started job is undone with the document: undo after a pivot brings the mirror back', () => {
    loadDocument(text('live-chain'), 'live');
    const target = topOf();
    expect(perform({ kind: 'copy-start', at: target, dest: '/var/lib/libvirt/images/store-copy.qcow2' })).toBeNull();
    expect(derive(state().doc).disks[0]!.mirror).not.toBeNull();
    expect(perform({ kind: 'job-end', disk: target, end: 'pivot' })).toBeNull();
    expect(derive(state().doc).disks[0]!.mirror).toBeNull();
    undo();
    expect(derive(state().doc).disks[0]!.mirror).not.toBeNull();
    expect(state().record?.request.kind).toBe('copy-start');
  });

  it('typing that parses is applied first: the operation acts on it, and each is its own undo step', () => {
    loadDocument(text('mail-chain'), 'chain');
    const n = steps();
    setDraft(state().text.replace('/var/lib/libvirt/images/top.qcow2', '/var/lib/libvirt/images/typed.qcow2'));
    expect(perform({ kind: 'set-state', state: 'running' })).toBeNull();
    expect(steps()).toBe(n + 2);
    expect(state().text).toContain('typed.qcow2');
    expect(state().doc.state).toBe('running');
    undo();
    expect(state().doc.state).toBe('offline');
    expect(state().text).toContain('typed.qcow2');
  });

  it('typing that does not parse refuses the operation and is kept as it is', () => {
    loadDocument(text('mail-chain'), 'chain');
    const doc = state().doc;
    const broken = state().text.replace('</disk>', '</dsk>');
    setDraft(broken);
    const reason = perform({ kind: 'set-state', state: 'running' });
    expect(reason).toMatch(/unapplied errors/);
    expect(state().doc).toBe(doc);
    expect(state().text).toBe(broken);
    expect(state().draft).toBe(true);
    expect(state().parseError).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    expect(applyDraft()).toBe(false);
  });
});

describe('loadDocument', () => {
  it('text that does not parse keeps the document and the text as a draft, with line:col in the notice', () => {
    const doc = state().doc;
    const n = steps();
    expect(loadDocument('<domain>\n  <devices>\n    <disk>\n</domain>', 'broken.xml')).toBe(false);
    expect(state().doc).toBe(doc);
    expect(steps()).toBe(n);
    expect(state().draft).toBe(true);
    expect(state().text).toContain('<devices>');
    expect(state().notice?.text).toMatch(/^broken\.xml does not parse \(line \d+:\d+: /);
  });

  it('a document that parses is one undo step that undo takes back', () => {
    const doc = state().doc;
    expect(loadDocument(text('multi-disk'), 'multi')).toBe(true);
    expect(state().doc.disks).toHaveLength(derive(state().doc).disks.length);
    expect(state().record?.title).toBe('multi');
    undo();
    expect(state().doc).toBe(doc);
  });
});

describe('moveNodes', () => {
  it('a drag is one undo step of view state: the document is untouched', () => {
    const doc = state().doc;
    const uid = doc.disks[0]!.src.uid;
    const n = steps();
    moveNodes({ [uid]: { x: 10, y: 20 } });
    expect(steps()).toBe(n + 1);
    expect(state().doc).toBe(doc);
    expect(state().dragged[uid]).toEqual({ x: 10, y: 20 });
    undo();
    expect(state().dragged[uid]).toBeUndefined();
  });

  it('no move, no step', () => {
    const n = steps();
    moveNodes({});
    expect(steps()).toBe(n);
  });
});
