/**
 * The graph edits the editor makes (by node uid): insert, remove, fields,
 * chain end, wrap in a quorum, reparent. Ids and positions after each.
 */
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import type { DomainDoc } from '../../../src/core/model/types';
import { preorder } from '../../../src/core/model/walk';
import { counterOf } from '../../../src/core/numbers/ids';
import { canReparent, findByUid, insertBelow, removeNode, reparent, setEnd, setFields, wrapInQuorum } from '../../../src/core/ops';
import { done, load, refused } from '../../helpers/load';

const CHAIN = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none'/>
  <source file='/img/top.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='/img/mid.qcow2'/>
    <backingStore type='file'>
      <format type='raw'/>
      <source file='/img/base.img'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** The mail's quorum Q[a, b <- c, d], proposal, offline: Q=4 a=0 c=2 b=1 d=3. */
const QUORUM = `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='2'/>
  <backingStore type='file'>
    <driver name='qemu' type='raw'/>
    <source path='/path/to/a'/>
    <backingStore/>
  </backingStore>
  <backingStore type='file'>
    <driver name='qemu' type='qcow2'/>
    <source path='/path/to/c'/>
    <backingStore type='file'>
      <driver name='qemu' type='raw'/>
      <source path='/path/to/b'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <backingStore type='file'>
    <driver name='qemu' type='raw'/>
    <source path='/path/to/d'/>
    <backingStore/>
  </backingStore>
  <target dev='hda' bus='ide'/>
</disk>`;

/** Two disks, libvirt dialect, running (ids from the domain counter: vdb got 1, vda 2..3). */
const TWO_DISKS = `<domain type='kvm'>
  <name>g</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/a-top.qcow2' index='2'/>
      <backingStore type='file' index='3'>
        <format type='qcow2'/>
        <source file='/img/a-base.qcow2'/>
        <backingStore/>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/b-top.qcow2' index='1'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
  </devices>
</domain>`;

function shape(doc: DomainDoc, disk = 0): string[] {
  return preorder(doc.disks[disk]!.src).map((v) => {
    const file = v.node.source ? (v.node.source.attrs.find(([k]) => k === 'file' || k === 'dev' || k === 'path')?.[1] ?? '?') : 'Q';
    return `${v.position}:${v.node.id} ${file.slice(file.lastIndexOf('/') + 1)}`;
  });
}

function uidAt(doc: DomainDoc, position: number, disk = 0): string {
  return preorder(doc.disks[disk]!.src)[position]!.node.uid;
}

describe('insertBelow', () => {
  it('puts a new qcow2 between a node and its backing store', () => {
    const c = load(CHAIN);
    const r = done(insertBelow(c, uidAt(c, 0), { file: '/img/new.qcow2' }));
    // Offline libvirt: the ids are those libvirt gives at start, so the new layer is [2] and those below move on.
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:2 new.qcow2', '2:3 mid.qcow2', '3:4 base.img']);
    const l = { ...c, state: 'running' as const };
    expect(shape(done(insertBelow(l, uidAt(l, 0), { file: '/img/new.qcow2' })).doc)).toEqual(['0:1 top.qcow2', '1:4 new.qcow2', '2:2 mid.qcow2', '3:3 base.img']);
    expect(r.summary.added).toEqual([uidAt(r.doc, 1)]);
    expect(toText(r.doc)).toContain("<backingStore type='file'>\n    <format type='qcow2'/>\n    <source file='/img/new.qcow2'/>\n    <backingStore type='file'>\n      <format type='qcow2'/>\n      <source file='/img/mid.qcow2'/>");
  });

  it('adds a member to a quorum', () => {
    const q = load(QUORUM);
    const r = done(insertBelow(q, uidAt(q, 0)));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:3 d', '5:5 hda-img5.img']);
    expect(preorder(r.doc.disks[0]!.src)[5]!.node).toMatchObject({ format: 'raw', end: 'terminated', type: 'file' });
  });

  it('refuses a raw image, unknown types and formats, and relative paths', () => {
    const c = load(CHAIN);
    expect(refused(insertBelow(c, uidAt(c, 2)))).toMatch(/raw image, which cannot have a backing file/);
    expect(refused(insertBelow(c, uidAt(c, 0), { type: 'floppy' }))).toMatch(/Unknown source type 'floppy'/);
    expect(refused(insertBelow(c, uidAt(c, 0), { format: 'qcow3' }))).toMatch(/Unknown format 'qcow3'/);
    expect(refused(insertBelow(c, uidAt(c, 0), { file: 'x.qcow2' }))).toMatch(/relative path/);
    expect(refused(insertBelow(c, 'nope'))).toMatch(/No node has uid nope/);
  });
});

describe('removeNode', () => {
  it('a middle layer: its backing store reattaches to its user', () => {
    const c = load(CHAIN);
    const r = done(removeNode(c, uidAt(c, 1)));
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:2 base.img']);
    const l = { ...c, state: 'running' as const };
    expect(shape(done(removeNode(l, uidAt(l, 1))).doc)).toEqual(['0:1 top.qcow2', '1:3 base.img']);
    expect(r.summary.removed).toEqual([uidAt(c, 1)]);
  });

  it('the disk top with one backing store: that becomes the top with the disk driver', () => {
    const c = load(CHAIN);
    const r = done(removeNode(c, uidAt(c, 0)));
    expect(shape(r.doc)).toEqual(['0:1 mid.qcow2', '1:2 base.img']);
    expect(toText(r.doc)).toMatch(/^<disk type='file' device='disk'>\n {2}<driver name='qemu' type='qcow2' cache='none'\/>\n {2}<source file='\/img\/mid.qcow2'\/>/);
    const l = { ...c, state: 'running' as const };
    const lr = done(removeNode(l, uidAt(l, 0)));
    expect(shape(lr.doc)).toEqual(['0:2 mid.qcow2', '1:3 base.img']);
    expect(lr.doc.counter).toBe(c.counter);
  });

  it('a chain end passes its end on; a subtree leaves the user open', () => {
    const c = load(CHAIN);
    const r = done(removeNode(c, uidAt(c, 2)));
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:2 mid.qcow2']);
    expect(preorder(r.doc.disks[0]!.src)[1]!.node.end).toBe('terminated');
    const s = done(removeNode(c, uidAt(c, 1), { subtree: true }));
    expect(shape(s.doc)).toEqual(['0:1 top.qcow2']);
    expect(s.summary.removed).toHaveLength(2);
    expect(s.doc.disks[0]!.src.end).toBe('open');
  });

  it('quorum rules: several members need subtree, members never below the threshold', () => {
    const q = load(QUORUM);
    const wrapped = done(wrapInQuorum(q, uidAt(q, 0))).doc; // Q' [Q[a, c<-b, d]]
    expect(refused(removeNode(q, uidAt(q, 0)))).toMatch(/exactly one backing store/);
    const inner = uidAt(wrapped, 1);
    expect(refused(removeNode(wrapped, inner))).toMatch(/remove it with its subtree/);
    const a = done(removeNode(q, uidAt(q, 1)));
    expect(shape(a.doc)).toEqual(['0:4 Q', '1:2 c', '2:1 b', '3:3 d']);
    expect(refused(removeNode(a.doc, uidAt(a.doc, 3)))).toMatch(/QEMU refuses to remove a child when children ≤ threshold/);
    // c has one backing store: removing c alone keeps the member count (b takes its place).
    const c = done(removeNode(a.doc, uidAt(a.doc, 1)));
    expect(shape(c.doc)).toEqual(['0:4 Q', '1:1 b', '2:3 d']);
    expect(refused(removeNode(a.doc, uidAt(a.doc, 1), { subtree: true }))).toMatch(/children ≤ threshold/);
    expect(refused(removeNode(c.doc, uidAt(c.doc, 0), { subtree: true }))).toMatch(/a disk needs a source/);
  });
});

describe('setFields', () => {
  it('changes format, source and driver attributes', () => {
    const c = load(CHAIN);
    const r = done(setFields(c, uidAt(c, 1), { format: 'qed', sourceAttrs: { file: '/img/mid2.qed' } }));
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:2 mid2.qed', '2:3 base.img']);
    expect(toText(r.doc)).toContain("<format type='qed'/>\n    <source file='/img/mid2.qed'/>");
    const t = done(setFields(c, uidAt(c, 0), { driverAttrs: { cache: null, io: 'threads' } }));
    expect(toText(t.doc)).toContain("<driver name='qemu' type='qcow2' io='threads'/>");
  });

  it('changes a quorum threshold within 1..members', () => {
    const q = load(QUORUM);
    expect(toText(done(setFields(q, uidAt(q, 0), { threshold: 3 })).doc)).toContain("threshold='3'");
    expect(refused(setFields(q, uidAt(q, 0), { threshold: 4 }))).toMatch(/from 1 to 3/);
    expect(refused(setFields(q, uidAt(q, 1), { threshold: 1 }))).toMatch(/not a quorum/);
    expect(refused(setFields(q, uidAt(q, 1), { format: 'quorum' }))).toMatch(/only for quorum/);
  });

  it('refuses invalid values with the rule they break', () => {
    const c = load(CHAIN);
    expect(refused(setFields(c, uidAt(c, 1), { type: 'tape' }))).toMatch(/Unknown source type 'tape'/);
    expect(refused(setFields(c, uidAt(c, 1), { format: 'zip' }))).toMatch(/Unknown format 'zip'/);
    expect(refused(setFields(c, uidAt(c, 1), { format: 'raw' }))).toMatch(/raw image cannot have a backing file/);
    expect(refused(setFields(c, uidAt(c, 1), { sourceAttrs: { file: 'images/mid.qcow2' } }))).toMatch(/relative path/);
    expect(refused(setFields(c, uidAt(c, 1), { sourceAttrs: { file: '/img/base.img' } }))).toMatch(/already used/);
    expect(refused(setFields(c, uidAt(c, 1), { driverAttrs: { type: 'raw' } }))).toMatch(/format field/);
    expect(refused(setFields(c, uidAt(c, 1), { type: 'quorum' }))).toMatch(/wrapInQuorum/);
  });
});

describe('setEnd', () => {
  it('switches the end of a chain between terminated and open', () => {
    const c = load(CHAIN);
    const r = done(setEnd(c, uidAt(c, 2), 'open'));
    expect(toText(r.doc)).toContain("<source file='/img/base.img'/>\n    </backingStore>");
    const back = done(setEnd(r.doc, uidAt(c, 2), 'terminated'));
    expect(toText(back.doc)).toBe(toText(c));
    expect(refused(setEnd(c, uidAt(c, 1), 'open'))).toMatch(/only the last node of a chain/);
  });
});

describe('wrapInQuorum', () => {
  it('puts a new quorum (threshold 1) in the node place, taking the next id', () => {
    const lone = load(`<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source path='/img/base.img'/><target dev='vda' bus='virtio'/></disk>`);
    const r = done(wrapInQuorum(lone, uidAt(lone, 0)));
    expect(shape(r.doc)).toEqual(['0:1 Q', '1:0 base.img']);
    expect(counterOf(r.doc, 0)).toBe(2);
    expect(toText(r.doc)).toBe(`<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='1' cache='none'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='raw'/>
    <source path='/img/base.img'/>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`);
  });

  it('a quorum member can be wrapped; the libvirt dialect refuses', () => {
    const q = load(QUORUM);
    const r = done(wrapInQuorum(q, uidAt(q, 4)));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:5 Q', '5:3 d']);
    const c = load(CHAIN);
    expect(refused(wrapInQuorum(c, uidAt(c, 1)))).toMatch(/libvirt never merged quorum/);
  });
});

describe('reparent', () => {
  it('moves a member chain under another quorum member, keeping ids', () => {
    const q = load(QUORUM);
    const low = done(setFields(q, uidAt(q, 0), { threshold: 1 })).doc;
    const wrapped = done(wrapInQuorum(low, uidAt(low, 4))).doc; // d inside a new quorum [5]
    const r = done(reparent(wrapped, uidAt(wrapped, 1), uidAt(wrapped, 4)));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:2 c', '2:1 b', '3:5 Q', '4:3 d', '5:0 a']);
    expect(counterOf(r.doc, 0)).toBe(6);
  });

  it('moves a chain to another disk when no image would be used twice', () => {
    const two = load(TWO_DISKS);
    const base = uidAt(two, 1, 0);
    const r = done(reparent(two, base, uidAt(two, 0, 1)));
    expect(shape(r.doc, 0)).toEqual(['0:2 a-top.qcow2']);
    expect(shape(r.doc, 1)).toEqual(['0:1 b-top.qcow2', '1:3 a-base.qcow2']);
    expect(r.doc.disks[0]!.src.end).toBe('open');
    expect(findByUid(r.doc, base)?.disk).toBe(1);
  });

  it('gives moved nodes new ids from the new disk counter in the proposal dialect', () => {
    const two = load(TWO_DISKS.replace("<source file='/img/b-top.qcow2' index='1'/>", "<source path='/img/b-top.qcow2'/>").replace(/ index='\d'/g, ''));
    expect(two.dialect).toBe('proposal');
    expect(shape(two, 1)).toEqual(['0:0 b-top.qcow2']);
    const r = done(reparent(two, uidAt(two, 1, 0), uidAt(two, 0, 1)));
    expect(shape(r.doc, 1)).toEqual(['0:0 b-top.qcow2', '1:1 a-base.qcow2']);
    expect(counterOf(r.doc, 1)).toBe(2);
  });

  it('refuses cycles, a second backing store, a raw parent, the disk top and a twice-used image', () => {
    const c = load(CHAIN);
    expect(canReparent(c, uidAt(c, 1), uidAt(c, 2))).toMatch(/cycle/);
    expect(canReparent(c, uidAt(c, 1), uidAt(c, 1))).toMatch(/cycle/);
    expect(canReparent(c, uidAt(c, 2), uidAt(c, 0))).toMatch(/already has a backing store; only a quorum can have several/);
    expect(canReparent(c, uidAt(c, 1), uidAt(c, 0))).toMatch(/already backs/);
    expect(canReparent(c, uidAt(c, 0), uidAt(c, 2))).toMatch(/a disk needs a source/);
    const two = load(TWO_DISKS);
    const rawTop = done(setFields(two, uidAt(two, 0, 1), { format: 'raw' })).doc;
    expect(canReparent(rawTop, uidAt(rawTop, 1, 0), uidAt(rawTop, 0, 1))).toMatch(/raw image, which cannot have a backing file/);
    // vda: a-top <- mid <- shared; vdb: b-top <- shared. Moving mid (with shared) under vdb's shared would use shared twice there.
    const sharedXml = TWO_DISKS.replace(/ index='\d'/g, '')
      .replace("<source file='/img/a-base.qcow2'/>\n        <backingStore/>", "<source file='/img/mid.qcow2'/>\n        <backingStore type='file'><format type='qcow2'/><source file='/img/shared.qcow2'/></backingStore>")
      .replace("<source file='/img/b-top.qcow2'/>", "<source file='/img/b-top.qcow2'/><backingStore type='file'><format type='qcow2'/><source file='/img/shared.qcow2'/></backingStore>");
    const shared = load(sharedXml);
    expect(shape(shared, 0)).toEqual(['0:3 a-top.qcow2', '1:4 mid.qcow2', '2:5 shared.qcow2']);
    expect(shape(shared, 1)).toEqual(['0:1 b-top.qcow2', '1:2 shared.qcow2']);
    expect(canReparent(shared, uidAt(shared, 1, 0), uidAt(shared, 1, 1))).toMatch(/shared.qcow2 is already used by vdb; moving .* there would use the same image twice/);
    expect(canReparent(shared, uidAt(shared, 1, 1), uidAt(shared, 2, 0))).toMatch(/shared.qcow2 is already used by vda/);
    expect(canReparent(c, uidAt(c, 2), 'nope')).toMatch(/No node has uid nope/);
    expect(refused(reparent(c, uidAt(c, 1), uidAt(c, 2)))).toMatch(/cycle/);
    const q = load(QUORUM);
    expect(canReparent(q, uidAt(q, 1), uidAt(q, 3))).toMatch(/raw image/);
    expect(canReparent(q, uidAt(q, 4), uidAt(q, 1))).toMatch(/raw image/);
  });
});
