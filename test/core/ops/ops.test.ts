/**
 * The live operations (domain.md §6) on real XML: the design mail's chain
 * `base <- mid <- top` and quorum `Q[a, b <- c, d]`. Each test checks the ids
 * and positions after the operation, and the XML where it matters.
 */
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import type { DomainDoc } from '../../../src/core/model/types';
import { preorder } from '../../../src/core/model/walk';
import { counterOf } from '../../../src/core/numbers/ids';
import { commit, convert, copy, pull, quorumAdd, quorumRemove, renumber, setState, setThreshold, snapshot } from '../../../src/core/ops';
import { asRunning, done, load, refused } from '../../helpers/load';

const IMG = '/var/lib/libvirt/images';

/** The mail's 3-file chain, libvirt dialect, offline; the disk <driver> has disk-level attributes. */
const CHAIN = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
  <source file='${IMG}/top.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='${IMG}/mid.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='${IMG}/base.qcow2'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** The same chain as a running libvirt guest, with ids that have gaps (earlier commits). */
const CHAIN_RUNNING = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/top.qcow2' index='7'/>
  <backingStore type='file' index='4'>
    <format type='qcow2'/>
    <source file='${IMG}/mid.qcow2'/>
    <backingStore type='file' index='2'>
      <format type='qcow2'/>
      <source file='${IMG}/base.qcow2'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** The mail's quorum without ids (proposal dialect, offline: a=0 b=1 c=2 d=3 Q=4). */
const QUORUM = `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='2'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='raw'/>
    <source path='/path/to/a'/>
    <backingStore/>
  </backingStore>
  <backingStore type='file' index='2'>
    <driver name='qemu' type='qcow2'/>
    <source path='/path/to/c'/>
    <backingStore type='file' index='3'>
      <driver name='qemu' type='raw'/>
      <source path='/path/to/b'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <backingStore type='file' index='4'>
    <driver name='qemu' type='raw'/>
    <source path='/path/to/d'/>
    <backingStore/>
  </backingStore>
  <target dev='hda' bus='ide'/>
  <alias name='ide0-0-0'/>
</disk>`;

/** The mail's running quorum, verbatim ids (node='[1]' on b's <backingStore>). */
const QUORUM_RUNNING = QUORUM.replace("threshold='2'/>", "threshold='2' node='[4]'/>")
  .replace("type='raw'/>\n    <source path='/path/to/a'/>", "type='raw' node='[0]'/>\n    <source path='/path/to/a'/>")
  .replace("type='qcow2'/>\n    <source path='/path/to/c'/>", "type='qcow2' node='[2]'/>\n    <source path='/path/to/c'/>")
  .replace("<backingStore type='file' index='3'>", "<backingStore type='file' index='3' node='[1]'>")
  .replace("type='raw'/>\n    <source path='/path/to/d'/>", "type='raw' node='[3]'/>\n    <source path='/path/to/d'/>");

/** A lone base in the proposal dialect (read as proposal because of path=). */
const LONE = `<disk type='file' device='disk'>
  <driver name='qemu' type='raw'/>
  <source path='/img/base.img'/>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** The same document with the guest running: ids stay, new nodes take the counter's next value. */
function live(xml: string): DomainDoc {
  return asRunning(load(xml));
}

/** `position:id name` for each node of a disk, in position order (name = file's base name, or Q). */
function shape(doc: DomainDoc, disk = 0): string[] {
  return preorder(doc.disks[disk]!.src).map((v) => {
    const file = v.node.source ? (v.node.source.attrs.find(([k]) => k === 'file' || k === 'path')?.[1] ?? '?') : 'Q';
    return `${v.position}:${v.node.id} ${file.slice(file.lastIndexOf('/') + 1)}`;
  });
}

function uidAt(doc: DomainDoc, position: number, disk = 0): string {
  return preorder(doc.disks[disk]!.src)[position]!.node.uid;
}

describe('fixtures read as the spec says', () => {
  it('numbers the chain and the quorum fresh', () => {
    expect(shape(load(CHAIN))).toEqual(['0:1 top.qcow2', '1:2 mid.qcow2', '2:3 base.qcow2']);
    const q = load(QUORUM);
    expect(q.dialect).toBe('proposal');
    expect(shape(q)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:3 d']);
    expect(counterOf(q, 0)).toBe(5);
    const running = load(QUORUM_RUNNING);
    expect(running.state).toBe('running');
    expect(shape(running)).toEqual(shape(q));
  });
});

describe('snapshot', () => {
  it('running: the overlay takes the next id; offline: the ids are what libvirt gives at start (the overlay [1])', () => {
    const r = done(snapshot(live(CHAIN), [{ at: 'vda' }]));
    expect(shape(r.doc)).toEqual(['0:4 top.snap1.qcow2', '1:1 top.qcow2', '2:2 mid.qcow2', '3:3 base.qcow2']);
    expect(r.doc.counter).toBe(5);
    const off = done(snapshot(load(CHAIN), [{ at: 'vda' }]));
    expect(shape(off.doc)).toEqual(['0:1 top.snap1.qcow2', '1:2 top.qcow2', '2:3 mid.qcow2', '3:4 base.qcow2']);
    expect(off.doc.counter).toBe(5);
    // Offline messages name files, not ids (the ids change with every edit until libvirt numbers them at start).
    expect(off.summary.message).toBe(
      `Snapshot: ${IMG}/top.snap1.qcow2 is the new active overlay on ${IMG}/top.qcow2. All existing images remain valid; the snapshotted one is now a read-only backing file.`,
    );
  });

  it('puts a qcow2 overlay on the disk top and moves the disk driver attributes to it', () => {
    const before = load(CHAIN);
    const r = done(snapshot(before, [{ at: 'vda' }]));
    expect(r.summary.added).toEqual([r.doc.disks[0]!.src.uid]);
    expect(r.summary.removed).toEqual([]);
    expect(r.summary.message).toMatch(/remain valid/);
    // Running, untouched nodes keep their identity.
    const l = live(CHAIN);
    expect(done(snapshot(l, [{ at: 'vda' }])).doc.disks[0]!.src.backing[0]!.backing[0]).toBe(l.disks[0]!.src.backing[0]);
    expect(toText(r.doc)).toBe(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
  <source file='${IMG}/top.snap1.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='${IMG}/top.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='${IMG}/mid.qcow2'/>
      <backingStore type='file'>
        <format type='qcow2'/>
        <source file='${IMG}/base.qcow2'/>
        <backingStore/>
      </backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`);
  });

  it('gives a lone base [0] the overlay [1] (the mail)', () => {
    const r = done(snapshot(load(LONE), [{ at: 'vda' }]));
    expect(shape(r.doc)).toEqual(['0:1 base.snap1.qcow2', '1:0 base.img']);
    expect(counterOf(r.doc, 0)).toBe(2);
    expect(toText(r.doc)).toContain("<backingStore type='file' index='1'>\n    <driver name='qemu' type='raw'/>");
  });

  it('continues the counter of a running guest after the largest id and writes the ids', () => {
    const r = done(snapshot(load(CHAIN_RUNNING), [{ at: 'vda', file: '/snaps/s.qcow2' }]));
    expect(shape(r.doc)).toEqual(['0:8 s.qcow2', '1:7 top.qcow2', '2:4 mid.qcow2', '3:2 base.qcow2']);
    const xml = toText(r.doc);
    expect(xml).toContain("<source file='/snaps/s.qcow2' index='8'/>");
    expect(xml).toContain(`<backingStore type='file' index='7'>\n    <format type='qcow2'/>\n    <source file='${IMG}/top.qcow2'/>`);
  });

  it('on a quorum: one overlay on the quorum itself', () => {
    const r = done(snapshot(load(QUORUM), [{ at: 'hda' }]));
    expect(shape(r.doc)).toEqual(['0:5 hda.snap1.qcow2', '1:4 Q', '2:0 a', '3:2 c', '4:1 b', '5:3 d']);
    const xml = toText(r.doc);
    expect(xml).toMatch(/^<disk type='file' device='disk'>\n {2}<driver name='qemu' type='qcow2'\/>/);
    expect(xml).toContain("<backingStore type='quorum' index='1'>\n    <driver name='qemu' type='quorum' threshold='2'/>");
  });

  it('on a quorum: one overlay per member in one transaction, ids in document order whatever the order listed', () => {
    // libvirt numbers a transaction's new nodes in disk document order (domain.md §2); within a disk, by position.
    const r = done(snapshot(load(QUORUM), [{ at: 'hda[4]' }, { at: 'hda[1]' }, { at: 'hda[2]' }]));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:5 a.snap1.qcow2', '2:0 a', '3:6 c.snap1.qcow2', '4:2 c', '5:1 b', '6:7 d.snap1.qcow2', '7:3 d']);
    expect(r.summary.added).toHaveLength(3);
    expect(counterOf(r.doc, 0)).toBe(8);
  });

  it('on a quorum: a subset of the members', () => {
    const r = done(snapshot(load(QUORUM_RUNNING), [{ at: 'hda[1]', file: '/backup/a.qcow2' }]));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:5 a.qcow2', '2:0 a', '3:2 c', '4:1 b', '5:3 d']);
    expect(toText(r.doc)).toContain(
      "<backingStore type='file' index='1'>\n    <driver name='qemu' type='qcow2' node='[5]'/>\n    <source file='/backup/a.qcow2'/>\n    <backingStore type='file' index='2'>\n      <driver name='qemu' type='raw' node='[0]'/>",
    );
  });

  it('refuses a node that is not a chain top, a node named twice, and files that cannot be used', () => {
    const c = load(CHAIN);
    expect(refused(snapshot(c, [{ at: 'vda[2]' }]))).toMatch(/vda\[2\] is not a chain top/);
    expect(refused(snapshot(c, [{ at: 'vda' }, { at: 'vda[1]' }]))).toMatch(/name the same node/);
    expect(refused(snapshot(c, [{ at: 'vda', file: 'rel/s.qcow2' }]))).toMatch(/relative path/);
    expect(refused(snapshot(c, [{ at: 'vda', file: `${IMG}/mid.qcow2` }]))).toMatch(/already used/);
    expect(refused(snapshot(c, [{ at: 'vdz' }]))).toMatch(/names no disk node/);
    expect(refused(snapshot(c, []))).toMatch(/at least one target/);
  });
});

describe('commit', () => {
  it('below the active layer: the committed layer leaves and its user backs onto base', () => {
    const r = done(commit(live(CHAIN), { top: 'vda[2]', base: 'vda[3]' }));
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:3 base.qcow2']);
    expect(r.summary.removed).toHaveLength(1);
    expect(r.summary.message).toMatch(/vda\[2\] \(.*mid\.qcow2\) is no longer a valid image/);
    // Offline, libvirt will number the two remaining images 1 and 2 at start.
    expect(shape(done(commit(load(CHAIN), { top: 'vda[2]', base: 'vda[3]' })).doc)).toEqual(['0:1 top.qcow2', '1:2 base.qcow2']);
  });

  it('active, pivot: base becomes the disk source with the disk driver attributes', () => {
    const before = live(CHAIN);
    const r = done(commit(before, { top: 'vda', base: 'vda[3]' }));
    expect(shape(r.doc)).toEqual(['0:3 base.qcow2']);
    expect(r.summary.removed).toEqual([uidAt(before, 0), uidAt(before, 1)]);
    expect(r.summary.message).toMatch(/are no longer valid images/);
    expect(toText(done(commit(load(CHAIN), { top: 'vda', base: 'vda[3]' })).doc)).toBe(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
  <source file='${IMG}/base.qcow2'/>
  <backingStore/>
  <target dev='vda' bus='virtio'/>
</disk>
`);
  });

  it('is the reverse of a snapshot: snapshot then active commit gives the same XML', () => {
    const c = load(CHAIN);
    const s = done(snapshot(c, [{ at: 'vda' }]));
    // Offline the old top is [2] now (libvirt's numbering at start).
    const back = done(commit(s.doc, { top: 'vda', base: 'vda[2]' }));
    expect(toText(back.doc)).toBe(toText(c));
    expect(shape(back.doc)).toEqual(shape(c));
  });

  it('active with keepOverlay leaves the tree as it is', () => {
    const c = load(CHAIN);
    const r = done(commit(c, { top: 'vda', base: 'vda[3]', keepOverlay: true }));
    expect(r.doc).toBe(c);
    expect(r.summary.removed).toEqual([]);
  });

  it('inside a quorum member: base takes the member place', () => {
    const r = done(commit(load(QUORUM), { top: 'hda[2]', base: 'hda[3]' }));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:1 b', '3:3 d']);
  });

  it('refuses a base that is not below top, a quorum between, and other disks', () => {
    const c = live(CHAIN);
    expect(refused(commit(c, { top: 'vda[2]', base: 'vda[1]' }))).toBe('base vda[1] is not below top vda[2].');
    const deep = done(snapshot(done(snapshot(c, [{ at: 'vda' }])).doc, [{ at: 'vda' }])).doc;
    expect(refused(commit(deep, { top: 'vda[2]', base: 'vda[5]' }))).toBe('base vda[5] is not below top vda[2].');
    expect(refused(commit(c, { top: 'vda[2]', base: 'vda[2]' }))).toMatch(/same node/);
    const q = done(snapshot(load(QUORUM), [{ at: 'hda' }])).doc;
    expect(refused(commit(q, { top: 'hda', base: 'hda[2]' }))).toMatch(/is a quorum between top hda and base hda\[2\]/);
    expect(refused(commit(c, { top: 'vda[2]', base: 'vda[3]', keepOverlay: true }))).toMatch(/only to an active commit/);
  });
});

describe('pull', () => {
  it('with a base: the layers between are dropped and stay valid', () => {
    const r = done(pull(live(CHAIN), { top: 'vda', base: 'vda[3]' }));
    expect(shape(r.doc)).toEqual(['0:1 top.qcow2', '1:3 base.qcow2']);
    expect(r.summary.removed).toHaveLength(1);
    expect(r.summary.message).toMatch(/remains a valid image/);
  });

  it('without a base: top becomes standalone with a terminated end', () => {
    const r = done(pull(load(CHAIN_RUNNING), { top: 'vda' }));
    expect(shape(r.doc)).toEqual(['0:7 top.qcow2']);
    expect(r.doc.disks[0]!.src.end).toBe('terminated');
    expect(r.summary.removed).toHaveLength(2);
    expect(toText(r.doc)).toBe(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/top.qcow2' index='7'/>
  <backingStore/>
  <target dev='vda' bus='virtio'/>
</disk>
`);
  });

  it('refuses a base that is not below top, nothing to pull, and a quorum top', () => {
    const c = load(CHAIN);
    expect(refused(pull(c, { top: 'vda[2]', base: 'vda[1]' }))).toBe('base vda[1] is not below top vda[2].');
    expect(refused(pull(c, { top: 'vda[3]' }))).toMatch(/nothing to pull/);
    expect(refused(pull(c, { top: 'vda', base: 'vda[2]' }))).toMatch(/already backs/);
    expect(refused(pull(load(QUORUM), { top: 'hda' }))).toMatch(/is a quorum/);
  });
});

describe('copy', () => {
  it('full, pivot: a standalone copy replaces the whole chain and takes the next id', () => {
    const r = done(copy(live(CHAIN), { at: 'vda', dest: '/backup/full.qcow2' }));
    expect(shape(r.doc)).toEqual(['0:4 full.qcow2']);
    expect(r.summary.removed).toHaveLength(3);
    expect(r.summary.message).toMatch(/remain valid images/);
    expect(toText(r.doc)).toContain("<driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>\n  <source file='/backup/full.qcow2' index='4'/>\n  <backingStore/>");
  });

  it('shallow, pivot: the copy keeps the backing chain', () => {
    const before = live(CHAIN);
    const r = done(copy(before, { at: 'vda', dest: '/backup/top.qcow2', shallow: true }));
    expect(shape(r.doc)).toEqual(['0:4 top.qcow2', '1:2 mid.qcow2', '2:3 base.qcow2']);
    expect(r.doc.disks[0]!.src.source?.attrs).toEqual([['file', '/backup/top.qcow2']]);
    expect(r.doc.disks[0]!.src.backing[0]).toBe(before.disks[0]!.src.backing[0]);
    expect(r.summary.removed).toEqual([uidAt(before, 0)]);
  });

  it('cancel: the tree is unchanged but the id is used up', () => {
    const c = live(CHAIN);
    const r = done(copy(c, { at: 'vda', dest: '/backup/full.qcow2', cancel: true }));
    expect(r.doc.disks).toBe(c.disks);
    expect(r.doc.counter).toBe(5);
    // The ids in use say 4; the counter record keeps 5 across a write (a bare <disk> has no <metadata>).
    expect(toText(r.doc)).toBe(`<?strata-ids next='5'?>\n${toText(c)}`);
    expect(load(toText(r.doc)).counter).toBe(5);
    const s = done(snapshot(r.doc, [{ at: 'vda' }]));
    expect(shape(s.doc)[0]).toBe('0:5 top.snap1.qcow2');
  });

  it('of a quorum member keeps the member format', () => {
    const r = done(copy(load(QUORUM), { at: 'hda[4]', dest: '/mirror/d' }));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:5 d']);
    expect(preorder(r.doc.disks[0]!.src)[4]!.node.format).toBe('raw');
  });

  it('refuses a backing file and a shallow copy of a quorum', () => {
    expect(refused(copy(load(CHAIN), { at: 'vda[2]', dest: '/x.qcow2' }))).toMatch(/not a chain top/);
    expect(refused(copy(load(QUORUM), { at: 'hda', dest: '/x.qcow2', shallow: true }))).toMatch(/is a quorum/);
  });
});

describe('quorum membership', () => {
  it('quorumAdd appends a raw, terminated member with the next id', () => {
    const r = done(quorumAdd(load(QUORUM), { at: 'hda', file: '/path/to/e' }));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:3 d', '5:5 e']);
    expect(toText(r.doc)).toContain(
      "<backingStore type='file' index='5'>\n    <driver name='qemu' type='raw'/>\n    <source file='/path/to/e'/>\n    <backingStore/>\n  </backingStore>\n  <target dev='hda' bus='ide'/>",
    );
    expect(refused(quorumAdd(load(QUORUM), { at: 'hda[1]', file: '/path/to/e' }))).toMatch(/not a quorum/);
  });

  it('quorumRemove removes a member with its chain, never down to the threshold', () => {
    const r = done(quorumRemove(load(QUORUM), { at: 'hda[2]' }));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:3 d']);
    expect(r.summary.removed).toHaveLength(2);
    expect(refused(quorumRemove(r.doc, { at: 'hda[1]' }))).toMatch(/has 2 members and threshold 2; QEMU refuses to remove a child when children ≤ threshold/);
    expect(refused(quorumRemove(r.doc, { at: 'hda' }))).toMatch(/not a quorum member/);
  });

  it('setThreshold takes a whole number from 1 to the members', () => {
    const r = done(setThreshold(load(QUORUM), { at: 'hda', value: 3 }));
    expect(toText(r.doc)).toContain("<driver name='qemu' type='quorum' threshold='3'/>");
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 c', '3:1 b', '4:3 d']);
    expect(refused(setThreshold(load(QUORUM), { at: 'hda', value: 4 }))).toMatch(/from 1 to 3/);
    expect(refused(setThreshold(load(QUORUM), { at: 'hda', value: 0 }))).toMatch(/from 1 to 3/);
    expect(refused(setThreshold(load(QUORUM), { at: 'hda', value: '1.5' }))).toMatch(/from 1 to 3/);
  });
});

describe('renumber, convert, state', () => {
  it('renumber restarts ids offline and is refused while running', () => {
    const s = done(snapshot(done(commit(load(QUORUM), { top: 'hda[2]', base: 'hda[3]' })).doc, [{ at: 'hda[2]' }]));
    expect(shape(s.doc)).toEqual(['0:4 Q', '1:0 a', '2:5 b.snap1.qcow2', '3:1 b', '4:3 d']);
    const r = done(renumber(s.doc));
    expect(shape(r.doc)).toEqual(['0:4 Q', '1:0 a', '2:2 b.snap1.qcow2', '3:1 b', '4:3 d']);
    expect(counterOf(r.doc, 0)).toBe(5);
    expect(refused(renumber(load(QUORUM_RUNNING)))).toMatch(/as long as QEMU runs, node ids cannot be reused/);
    // An offline libvirt document is always numbered as libvirt will at start: nothing to renumber.
    expect(refused(renumber(load(CHAIN)))).toMatch(/nothing to renumber/);
  });

  it('convert refuses a quorum to libvirt, with the reason and the way out', () => {
    expect(refused(convert(load(QUORUM), 'libvirt'))).toMatch(/libvirt never merged quorum; its schema allows one <backingStore> per level — keep the proposal dialect or export QMP/);
  });

  it('convert refuses sibling backing stores under a non-quorum to libvirt', () => {
    const siblings = load(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/t.qcow2'/><backingStore type='file'><format type='raw'/><source file='/img/x.img'/></backingStore><backingStore type='file'><format type='raw'/><source file='/img/y.img'/></backingStore><target dev='vda'/></disk>`);
    expect(siblings.dialect).toBe('proposal');
    expect(refused(convert(siblings, 'libvirt'))).toMatch(/2 sibling <backingStore> elements but no quorum; libvirt's schema allows one <backingStore> per level/);
  });

  it('convert offline numbers fresh in the target dialect', () => {
    const p = done(convert(load(CHAIN), 'proposal'));
    expect(p.doc.dialect).toBe('proposal');
    expect(shape(p.doc)).toEqual(['0:2 top.qcow2', '1:1 mid.qcow2', '2:0 base.qcow2']);
    expect(toText(p.doc)).toContain("<backingStore type='file' index='1'>\n    <driver name='qemu' type='qcow2'/>");
    const back = done(convert(p.doc, 'libvirt'));
    expect(toText(back.doc)).toBe(toText(load(CHAIN)));
    expect(done(convert(p.doc, 'proposal')).doc).toBe(p.doc);
  });

  it('convert running keeps the ids and recomputes the counters', () => {
    const p = done(convert(load(CHAIN_RUNNING), 'proposal'));
    expect(shape(p.doc)).toEqual(['0:7 top.qcow2', '1:4 mid.qcow2', '2:2 base.qcow2']);
    expect(counterOf(p.doc, 0)).toBe(8);
    expect(toText(p.doc)).toContain("<driver name='qemu' type='qcow2' node='[7]'/>");
    // Proposal ids from 0 are not libvirt indexes (≥ 1): a running conversion numbers as libvirt does at start, and says so.
    const l = done(convert(load(LONE.replace("type='raw'/>", "type='raw' node='[0]'/>")), 'libvirt'));
    expect([l.doc.state, l.doc.disks[0]!.src.id, l.doc.counter]).toEqual(['running', 1, 2]);
    expect(l.summary.message).toMatch(/not valid libvirt indexes \(≥ 1, one counter for the domain\), so the nodes were numbered the way libvirt numbers a guest at start/);
    expect(toText(l.doc)).toContain("index='1'");
  });

  it('setState keeps ids both ways; offline allows renumbering', () => {
    // libvirt: a stopped guest has no ids; at the next start libvirt numbers fresh, and that is what offline shows.
    const off = done(setState(load(CHAIN_RUNNING), 'offline'));
    expect(shape(off.doc)).toEqual(['0:1 top.qcow2', '1:2 mid.qcow2', '2:3 base.qcow2']);
    expect(toText(off.doc)).not.toContain('index=');
    // The proposal dialect keeps its ids offline until renumbered (the design mail).
    const pOff = done(setState(load(QUORUM_RUNNING), 'offline'));
    expect(shape(pOff.doc)).toEqual(shape(load(QUORUM_RUNNING)));
    const on = done(setState(load(CHAIN), 'running'));
    // Offline a libvirt document shows libvirt's numbering at start; running, the ids stay as they are.
    expect(shape(on.doc)).toEqual(['0:1 top.qcow2', '1:2 mid.qcow2', '2:3 base.qcow2']);
    expect(toText(on.doc)).toContain(`<source file='${IMG}/top.qcow2' index='1'/>`);
  });
});

describe('deep chains', () => {
  it('snapshot, commit and pull a 5,000-deep chain without recursion', () => {
    const depth = 5000;
    let inner = '<backingStore/>';
    for (let i = depth - 1; i >= 1; i--) inner = `<backingStore type='file'><format type='qcow2'/><source file='/d/${i}.qcow2'/>${inner}</backingStore>`;
    const doc = live(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/d/0.qcow2'/>${inner}<target dev='vda' bus='virtio'/></disk>`);
    const s = done(snapshot(doc, [{ at: 'vda' }]));
    expect(shape(s.doc)[0]).toBe(`0:${depth + 1} 0.snap1.qcow2`);
    const c = done(commit(s.doc, { top: 'vda[10]', base: `vda[${depth}]` }));
    expect(preorder(c.doc.disks[0]!.src)).toHaveLength(11);
    const p = done(pull(s.doc, { top: 'vda' }));
    expect(shape(p.doc)).toEqual([`0:${depth + 1} 0.snap1.qcow2`]);
    expect(toText(p.doc).length).toBeGreaterThan(0);
  });
});
