/**
 * Each layer disagreement, planted in the live XML libvirt printed for the
 * guest the saved outputs come from: the finding, its place (the node's
 * line:col in the text), its fix applied through the registry (the finding
 * is then gone, and nothing else appears), and the host line where the
 * image header is the one that could be wrong.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_DIR } from '../import/fixtures';
import { load } from '../../helpers/load';
import { applyFix, codes, doctor, DUMPXML, findings, only, placeOf, settle } from './helpers';

const MID = `<backingStore type='file' index='7'>\n        <format type='qcow2'/>\n        <source file='${FAKE_DIR}/mid.qcow2'/>`;
const BASE = /\n {8}<backingStore type='file' index='8'>[\s\S]*?\n {8}<\/backingStore>/;
const QMP = ['virsh/named-nodes-flat.json'];
const QEMU_IMG = ['qemu-img/chain.json'];

describe('a matching document', () => {
  it.each([['virsh/named-nodes-flat.json'], ['virsh/named-nodes.json'], ['virsh/query-block.json'], ['virsh/domstats-backing.txt'], ['virsh/domblklist-details.txt'], ['qemu-img/chain.json']])(
    'the live XML against %s: nothing',
    (output) => {
      expect(findings(DUMPXML, [output])).toEqual([]);
    },
  );
  it('against several outputs of the same guest at once: nothing', () => {
    expect(findings(DUMPXML, ['virsh/domblklist-details.txt', 'virsh/named-nodes-flat.json', 'virsh/domstats-backing.txt'])).toEqual([]);
  });
});

describe('a layer the XML lacks', () => {
  it('the XML ends the chain (<backingStore/>) above it: an error on the layer above, fixed by inserting the tools’ layer', () => {
    const text = doctor(DUMPXML, BASE, '\n        <backingStore/>');
    const doc = load(text);
    const f = only(findings(doc, QMP), 'check-layer-missing');
    expect(f.severity).toBe('error');
    expect(f.message).toContain(`${FAKE_DIR}/base.raw (raw)`);
    expect(f.message).toContain('<backingStore/>');
    expect(f).toMatchObject(placeOf(text, `<backingStore type='file' index='7'>`));
    expect(f.fix!.request).toMatchObject({ kind: 'insert-below', init: { file: `${FAKE_DIR}/base.raw`, format: 'raw', type: 'file' } });
    // The inserted layer takes the document's next id; the guest calls it 8, which the check says next.
    const next = findings(applyFix(doc, f), QMP);
    expect(codes(next)).toEqual(['check-index']);
    expect(settle(doc, QMP)).toMatchObject({ left: [], fixed: ['check-layer-missing', 'check-index'] });
  });

  it('the XML leaves the chain open above it: info, libvirt will probe it', () => {
    const text = doctor(DUMPXML, BASE, '');
    const doc = load(text);
    const list = findings(doc, QEMU_IMG);
    const f = only(list, 'check-layer-missing');
    expect(f.severity).toBe('info');
    expect(f.message).toContain('libvirt will probe it');
    expect(f.host).toBeNull();
    expect(findings(applyFix(doc, f), QEMU_IMG)).toEqual([]);
  });

  it('open above a header with no backing format: a warning, with the qemu-img rebase line that records it', () => {
    const text = doctor(DUMPXML, /\n {6}<backingStore type='file' index='9'>[\s\S]*?\n {6}<\/backingStore>/, '');
    const doc = load(text);
    const f = only(findings(doc, ['qemu-img/no-backing-format.json']), 'check-layer-missing');
    expect(f.severity).toBe('warning');
    expect(f.host).toBe(`qemu-img rebase -u -F qcow2 -b ${FAKE_DIR}/nfbase.qcow2 ${FAKE_DIR}/nf.qcow2`);
  });

  it('a middle layer: one finding (not every layer below differing), fixed by inserting it in its place', () => {
    // vda as top -> base.raw: libvirt's mid.qcow2 layer cut out, base moved up a level.
    const text = doctor(DUMPXML, /<backingStore type='file' index='7'>[\s\S]*?<\/backingStore>\n {6}<\/backingStore>/, `<backingStore type='file' index='8'>\n        <format type='raw'/>\n        <source file='${FAKE_DIR}/base.raw'/>\n        <backingStore/>\n      </backingStore>`);
    const doc = load(text);
    const list = findings(doc, QEMU_IMG);
    expect(codes(list)).toEqual(['check-layer-missing']);
    expect(list[0]!.message).toContain(`${FAKE_DIR}/mid.qcow2 (qcow2) as the backing file of ${FAKE_DIR}/top.qcow2`);
    // A disk's top is placed where validate places it: at its <disk>.
    expect(list[0]!).toMatchObject(placeOf(text, `<disk type='file' device='disk'>`));
    expect(findings(applyFix(doc, list[0]!), QEMU_IMG)).toEqual([]);
  });
});

describe('a layer the tools do not see', () => {
  const EXTRA = `\n        <backingStore type='file'>\n          <format type='qcow2'/>\n          <source file='${FAKE_DIR}/extra.qcow2'/>`;

  it('in the middle of the chain: an error on the layer, fixed by removing it (its backing store moves up)', () => {
    const text = doctor(DUMPXML, `<source file='${FAKE_DIR}/top.qcow2' index='6'/>`, `<source file='${FAKE_DIR}/top.qcow2' index='6'/>\n      <backingStore type='file'>\n        <format type='qcow2'/>\n        <source file='${FAKE_DIR}/extra.qcow2'/>`).replace(
      `${FAKE_DIR}/base.raw'/>\n          <backingStore/>\n        </backingStore>\n      </backingStore>`,
      `${FAKE_DIR}/base.raw'/>\n          <backingStore/>\n        </backingStore>\n      </backingStore>\n      </backingStore>`,
    );
    const doc = load(text);
    const f = only(findings(doc, QMP), 'check-layer-extra');
    expect(f.message).toContain(`${FAKE_DIR}/extra.qcow2`);
    expect(f.fix!.request).toMatchObject({ kind: 'remove' });
    expect(findings(applyFix(doc, f), QMP)).toEqual([]);
  });

  it('below the end the header says: removed with everything below it, and the rebase line for a header that lost it', () => {
    const text = doctor(DUMPXML, `${FAKE_DIR}/nfbase.qcow2'/>\n        <backingStore/>`, `${FAKE_DIR}/nfbase.qcow2'/>${EXTRA}\n          <backingStore/>\n        </backingStore>`);
    const doc = load(text);
    const output = ['qemu-img/no-backing-format.json'];
    const f = only(findings(doc, output), 'check-layer-extra');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('names no backing file');
    expect(f.fix!.request).toMatchObject({ kind: 'remove', subtree: true, end: 'terminated' });
    expect(f.host).toBe(`qemu-img rebase -u -F qcow2 -b ${FAKE_DIR}/extra.qcow2 ${FAKE_DIR}/nfbase.qcow2`);
    expect(findings(applyFix(doc, f), output)).toEqual([]);
  });

  it('below what domblklist shows (tops only): not extra, the tool cannot see that far', () => {
    expect(findings(DUMPXML, ['virsh/domblklist.txt'])).toEqual([]);
  });
});

describe('a layer both see, told differently', () => {
  it('a format: set-fields on the layer; from headers, the rebase line for when the XML is right', () => {
    const text = doctor(DUMPXML, MID, MID.replace("'qcow2'", "'qed'"));
    const doc = load(text);
    const f = only(findings(doc, QEMU_IMG), 'check-format');
    expect(f.message).toContain('the XML says format qed, the tools say qcow2');
    expect(f).toMatchObject(placeOf(text, `<backingStore type='file' index='7'>`));
    expect(f.fix!.request).toMatchObject({ kind: 'set-fields', patch: { format: 'qcow2' } });
    expect(f.host).toBe(`qemu-img rebase -u -F qed -b ${FAKE_DIR}/mid.qcow2 ${FAKE_DIR}/top.qcow2`);
    expect(findings(applyFix(doc, f), QEMU_IMG)).toEqual([]);
    // QEMU opened what libvirt gave it: no header to rewrite.
    expect(only(findings(doc, QMP), 'check-format').host).toBeNull();
  });

  it('a path: set-fields with the path the tools see', () => {
    const text = doctor(DUMPXML, `${FAKE_DIR}/mid.qcow2'/>`, `${FAKE_DIR}/moved/mid.qcow2'/>`);
    const doc = load(text);
    const f = only(findings(doc, QMP), 'check-path');
    expect(f.message).toContain(`the XML names ${FAKE_DIR}/moved/mid.qcow2, but the tools see ${FAKE_DIR}/mid.qcow2`);
    expect(f.fix!.request).toMatchObject({ kind: 'set-fields', patch: { sourceAttrs: { file: `${FAKE_DIR}/mid.qcow2` } } });
    expect(findings(applyFix(doc, f), QMP)).toEqual([]);
  });

  it('an index that is not the live node name: replace-text with the live one; only from outputs that have ids', () => {
    const text = doctor(DUMPXML, "index='10'", "index='11'");
    const doc = load(text);
    const f = only(findings(doc, QMP), 'check-index');
    expect(f.message).toContain('index 11');
    expect(f.message).toContain('libvirt-10-format');
    expect(f).toMatchObject(placeOf(text, "<backingStore type='file' index='11'>"));
    expect(f.fix!.request.kind).toBe('replace-text');
    expect(findings(applyFix(doc, f), QMP)).toEqual([]);
    expect(findings(doc, QEMU_IMG)).toEqual([]);
  });

  it('a fix that must wait for another says why (a raw layer cannot take a backing file), and applies once the other is done', () => {
    const text = doctor(DUMPXML, BASE, '\n        <backingStore/>').replace(MID, MID.replace("'qcow2'", "'raw'"));
    const doc = load(text);
    const list = findings(doc, QMP);
    expect(codes(list)).toEqual(['check-format', 'check-layer-missing']);
    expect(list[1]!.fix!.blocked).toContain('raw');
    expect(settle(doc, QMP)).toMatchObject({ left: [], fixed: ['check-format', 'check-layer-missing', 'check-index'] });
  });
});
