/**
 * The comparison with the host (src/state/hostCompare.ts) follows the
 * document: a Fix run through the store's gateway is one undo step and its
 * finding leaves the list; Undo brings it back; closing forgets it all.
 * Inputs: the live XML libvirt printed, doctored to lack its base layer,
 * against the saved real query-named-block-nodes output of that guest.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { closeCompare, compareWithHost, shownFindings, useHostCompare } from '../../src/state/hostCompare';
import { clearHistory, loadDocument, perform, undo, useEditor } from '../../src/state/store';
import { fixture } from '../core/import/fixtures';
import { doctor, DUMPXML } from '../core/check/helpers';

const initial = useEditor.getState();
const BASE = /\n {8}<backingStore type='file' index='8'>[\s\S]*?\n {8}<\/backingStore>/;
const QMP = [{ name: 'named-nodes.json', text: fixture('virsh/named-nodes-flat.json') }];
const shown = () => shownFindings(useHostCompare.getState());
const steps = () => useEditor.temporal.getState().pastStates.length;

beforeEach(() => {
  closeCompare();
  useEditor.setState(initial, true);
  clearHistory();
});

describe('compare with host', () => {
  it('a Fix is one undo step and its finding goes; Undo brings it back', () => {
    loadDocument(doctor(DUMPXML, BASE, '\n        <backingStore/>'), 'doctored');
    const r = compareWithHost(QMP);
    expect(r.ok).toBe(true);
    const missing = shown()!.find((f) => f.code === 'check-layer-missing')!;
    expect(missing.fix?.blocked).toBeUndefined();
    const before = steps();
    expect(perform(missing.fix!.request)).toBeNull();
    expect(steps()).toBe(before + 1);
    // Checked again on the new document: the layer is there now (its live index is the next finding).
    expect(shown()!.map((f) => f.code)).toEqual(['check-index']);
    undo();
    expect(shown()!.map((f) => f.code)).toEqual(['check-layer-missing']);
  });

  it('an unreadable output is the importer’s message, and closing forgets the comparison', () => {
    const r = compareWithHost([{ name: 'junk.txt', text: 'hello' }]);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('Strata cannot tell what printed junk.txt') });
    expect(shown()).toBeNull();
    compareWithHost(QMP);
    expect(useHostCompare.getState().inputs).not.toBeNull();
    closeCompare();
    expect(useHostCompare.getState()).toMatchObject({ inputs: null, result: null });
    // A closed comparison is not run again on the next change.
    loadDocument(DUMPXML, 'live');
    expect(useHostCompare.getState().result).toBeNull();
  });
});
