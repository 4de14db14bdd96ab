/**
 * Disks: which of the document's each disk of the tools is (by a target the
 * tools name, else the top's path, else by place with a note), a disk one
 * side lacks with its fix, and input the check cannot read.
 */
import { describe, expect, it } from 'vitest';
import { checkAgainst } from '../../../src/core/check/index';
import { load } from '../../helpers/load';
import { FAKE_DIR } from '../import/fixtures';
import { applyFix, codes, doctor, DUMPXML, findings, only, placeOf } from './helpers';

/** The <disk> element of `target` in the live XML, with its line. */
const diskOf = (target: string): string => {
  const m = DUMPXML.match(new RegExp(`\\n {4}<disk [^>]*>(?:(?!</disk>)[\\s\\S])*<target dev='${target}'[\\s\\S]*?</disk>`));
  expect(m, `disk ${target}`).not.toBeNull();
  return m![0];
};

describe('matching disks', () => {
  it('by target where the tools name it: the disks in another order still match', () => {
    const vda = diskOf('vda');
    const text = doctor(DUMPXML, vda, '').replace('\n    <controller', `${vda}\n    <controller`);
    expect(findings(text, ['virsh/domblklist-details.txt', 'virsh/named-nodes-flat.json'])).toEqual([]);
  });

  it('by the top path where the targets are made up (QMP alone): a renamed target still matches', () => {
    const text = doctor(DUMPXML, "<target dev='vda' bus='virtio'/>", "<target dev='sda' bus='scsi'/>");
    expect(findings(text, ['virsh/named-nodes-flat.json'])).toEqual([]);
  });

  it('by a named target over the path: a top that moved is a path finding on the same disk, not a disk missing', () => {
    const text = doctor(DUMPXML, `${FAKE_DIR}/b.raw' index='5'`, `${FAKE_DIR}/b-old.raw' index='5'`);
    expect(codes(findings(text, ['virsh/domblklist-details.txt']))).toEqual(['check-path']);
  });

  it('by place when neither tells, with a note saying so', () => {
    const vda = diskOf('vda');
    const only1 = DUMPXML.replace(/\n {4}<disk [\s\S]*<\/disk>/, vda.replace(`${FAKE_DIR}/top.qcow2`, `${FAKE_DIR}/elsewhere.qcow2`));
    const list = findings(only1, ['qemu-img/chain.json']);
    expect(codes(list)).toEqual(['check-disk-position', 'check-path']);
    expect(list[0]!.severity).toBe('info');
  });
});

describe('a disk one side lacks', () => {
  it('the guest has a disk the XML does not: an error at <devices>, fixed by adding the disk as the tools see it', () => {
    const outputs = ['virsh/domblklist-details.txt', 'virsh/named-nodes-flat.json'];
    const text = doctor(DUMPXML, diskOf('vdc'), '');
    const doc = load(text);
    const f = only(findings(doc, outputs), 'check-disk-missing');
    expect(f.severity).toBe('error');
    expect(f.message).toContain(`disk vdc (${FAKE_DIR}/c1.qcow2)`);
    expect(f).toMatchObject(placeOf(text, '<devices>'));
    expect(f.fix!.request.kind).toBe('replace-text');
    expect(findings(applyFix(doc, f), outputs)).toEqual([]);
  });

  it('the XML has a disk the guest does not: an error on it, fixed by removing it', () => {
    const extra = diskOf('vdb').replace(/vdb/g, 'vdf').replace('b.raw', 'f.raw').replace(" index='5'", '').replace(/\n {6}<alias[^\n]*|\n {6}<address[^\n]*/g, '');
    const text = DUMPXML.replace('\n    <controller', `${extra}\n    <controller`);
    const doc = load(text);
    const outputs = ['virsh/named-nodes-flat.json'];
    const f = only(findings(doc, outputs), 'check-disk-extra');
    expect(f.message).toContain(`disk vdf (${FAKE_DIR}/f.raw)`);
    // At its <disk>, two lines above its <source>.
    expect(f).toMatchObject({ disk: 6, line: placeOf(text, `${FAKE_DIR}/f.raw`).line - 2, col: 5 });
    expect(findings(applyFix(doc, f), outputs)).toEqual([]);
    // qemu-img describes files, not the guest: the disks it was not asked about are not "extra".
    expect(findings(doc, ['qemu-img/chain.json'])).toEqual([]);
  });

  it('an empty cdrom is not extra against QEMU’s node lists, which never show an empty drive', () => {
    expect(findings(DUMPXML, ['virsh/named-nodes-flat.json'])).toEqual([]);
  });
});

describe('input the check cannot read', () => {
  it('XML given as a tool output, or nothing recognisable: a message, no findings', () => {
    const doc = load(DUMPXML);
    const r = checkAgainst(doc, [{ name: 'dumpxml.xml', text: DUMPXML }]);
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.message).toContain('dumpxml.xml');
    expect(checkAgainst(doc, [{ name: 'junk.txt', text: 'hello' }]).ok).toBe(false);
    expect(checkAgainst(doc, []).ok).toBe(false);
  });
});
