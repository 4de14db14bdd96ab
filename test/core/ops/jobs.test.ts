/**
 * Two-phase block jobs (domain.md §6): a copy or an active commit starts,
 * shows as libvirt's `<mirror>` on the disk while ready, then pivots or
 * ends. Checks ids (the copy takes its id when it starts), the XML with and
 * without the mirror, a round trip through the text, and the refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import { jobOf, readMirror } from '../../../src/core/jobs/mirror';
import type { DomainDoc } from '../../../src/core/model/types';
import { preorder } from '../../../src/core/model/walk';
import { counterOf } from '../../../src/core/numbers/ids';
import { setState, snapshot } from '../../../src/core/ops';
import { finishJob, startActiveCommit, startCopy } from '../../../src/core/ops/jobs';
import { CORPUS_DIR, CORPUS_EXISTS } from '../../helpers/corpus';
import { done, load, refused } from '../../helpers/load';

const IMG = '/var/lib/libvirt/images';

/** The mail's chain as a running libvirt guest, ids with gaps (counter 8). */
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

/** The same chain offline (no ids). */
const CHAIN_OFFLINE = CHAIN_RUNNING.replace(" index='7'", '').replace(" index='4'", '').replace(" index='2'", '');

/** The mail's running quorum Q[a, b <- c, d] (proposal, ids a=0 b=1 c=2 d=3 Q=4). */
const QUORUM_RUNNING = `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='2' node='[4]'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='raw' node='[0]'/>
    <source file='/path/to/a'/>
    <backingStore/>
  </backingStore>
  <backingStore type='file' index='2'>
    <driver name='qemu' type='qcow2' node='[2]'/>
    <source file='/path/to/c'/>
    <backingStore type='file' index='3' node='[1]'>
      <driver name='qemu' type='raw'/>
      <source file='/path/to/b'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <backingStore type='file' index='4'>
    <driver name='qemu' type='raw' node='[3]'/>
    <source file='/path/to/d'/>
    <backingStore/>
  </backingStore>
  <target dev='hda' bus='ide'/>
  <alias name='ide0-0-0'/>
</disk>`;

/** `id file` for each node of a disk, in position order. */
function shape(doc: DomainDoc, disk = 0): string[] {
  return preorder(doc.disks[disk]!.src).map((v) => {
    const file = v.node.source?.attrs.find(([k]) => k === 'file' || k === 'path')?.[1] ?? 'Q';
    return `${v.node.id} ${file.slice(file.lastIndexOf('/') + 1)}`;
  });
}

/** The text of the disk's `<mirror>` element, whole. */
function mirrorXml(doc: DomainDoc): string {
  const text = toText(doc);
  const m = /^ *<mirror[\s\S]*?<\/mirror>/m.exec(text);
  return m ? m[0] : '';
}

describe('copy job', () => {
  const start = (shallow = false) => done(startCopy(load(CHAIN_RUNNING), { at: 'vda', dest: '/backup/copy.qcow2', shallow }));

  it('full: adds a ready <mirror> before <target>, takes the next id, leaves the tree alone', () => {
    const r = start();
    expect(shape(r.doc)).toEqual(['7 top.qcow2', '4 mid.qcow2', '2 base.qcow2']);
    expect(counterOf(r.doc, 0)).toBe(9);
    expect(r.summary.added).toEqual([]);
    expect(r.summary.removed).toEqual([]);
    expect(mirrorXml(r.doc)).toBe(
      [
        "  <mirror type='file' file='/backup/copy.qcow2' format='qcow2' job='copy' ready='yes'>",
        "    <format type='qcow2'/>",
        "    <source file='/backup/copy.qcow2' index='8'/>",
        '    <backingStore/>',
        '  </mirror>',
      ].join('\n'),
    );
    expect(toText(r.doc)).toMatch(/<\/backingStore>\n {2}<mirror[\s\S]*<\/mirror>\n {2}<target dev='vda'/);
    const job = jobOf(r.doc, 0)!;
    expect(job).toMatchObject({ job: 'copy', ready: 'yes', isReady: true, dest: '/backup/copy.qcow2', format: 'qcow2' });
    expect(job.chain).toEqual([{ type: 'file', format: 'qcow2', source: '/backup/copy.qcow2', id: 8, end: 'terminated' }]);
    expect(r.summary.message).toMatch(/full copy.*id 8.*Pivot.*cancel/);
  });

  it('full, pivot: the copy (id 8) replaces the whole chain, standalone; the mirror is gone', () => {
    const before = start().doc;
    const r = done(finishJob(before, 'vda', 'pivot'));
    expect(shape(r.doc)).toEqual(['8 copy.qcow2']);
    expect(r.doc.disks[0]!.src.end).toBe('terminated');
    expect(counterOf(r.doc, 0)).toBe(9);
    expect(r.summary.added).toEqual([r.doc.disks[0]!.src.uid]);
    expect(r.summary.removed).toHaveLength(3);
    const text = toText(r.doc);
    expect(text).not.toContain('<mirror');
    expect(text).toContain("<driver name='qemu' type='qcow2'/>\n  <source file='/backup/copy.qcow2' index='8'/>\n  <backingStore/>");
    expect(r.summary.message).toMatch(/remain valid images/);
  });

  it('shallow: the mirror has no <backingStore> (libvirt 9.0 prints it so: the chain is the disk\'s own); pivot keeps that chain', () => {
    const started = start(true);
    expect(mirrorXml(started.doc)).not.toContain('<backingStore');
    const m = readMirror(started.doc.disks[0]!, 'libvirt')!;
    expect(m.chain.map((l) => [l.id, l.source, l.end])).toEqual([[8, '/backup/copy.qcow2', 'open']]);
    expect(m.shallow).toBe(true);
    const r = done(finishJob(started.doc, 'vda', 'pivot'));
    expect(shape(r.doc)).toEqual(['8 copy.qcow2', '4 mid.qcow2', '2 base.qcow2']);
    expect(r.summary.removed).toEqual([preorder(started.doc.disks[0]!.src)[0]!.node.uid]);
  });

  it('cancel: the tree is as before, the id stays used up', () => {
    const r = done(finishJob(start().doc, 'vda', 'cancel'));
    // The ids in use say 8; the counter record keeps 9 across a write.
    expect(toText(r.doc)).toMatch(/^<\?strata-ids next='9'\?>\n/);
    expect(toText(r.doc).replace(/^<\?strata-ids[^>]*>\n/, '')).toBe(toText(load(CHAIN_RUNNING)));
    expect(counterOf(load(toText(r.doc)), 0)).toBe(9);
    expect(counterOf(r.doc, 0)).toBe(9);
    expect(r.summary.message).toMatch(/id 8, used up/);
    const s = done(snapshot(r.doc, [{ at: 'vda' }]));
    expect(shape(s.doc)[0]).toMatch(/^9 /);
  });

  it('round-trips through the text: the job survives and its id is not handed out again', () => {
    const text = toText(start().doc);
    const again = load(text);
    expect(toText(again)).toBe(text);
    expect(again.state).toBe('running');
    expect(counterOf(again, 0)).toBe(9);
    expect(shape(done(finishJob(again, 'vda', 'pivot')).doc)).toEqual(['8 copy.qcow2']);
  });

  it('proposal: the id goes on the mirror format as node=; a quorum top copies to qcow2', () => {
    const r = done(startCopy(load(QUORUM_RUNNING), { at: 'hda', dest: '/copies/q.qcow2' }));
    expect(mirrorXml(r.doc)).toContain("<format type='qcow2' node='[5]'/>");
    expect(counterOf(r.doc, 0)).toBe(6);
    // Read back, the disk's counter still passes the id the copy holds.
    expect(counterOf(load(toText(r.doc)), 0)).toBe(6);
    const p = done(finishJob(r.doc, 'hda', 'pivot'));
    expect(shape(p.doc)).toEqual(['5 q.qcow2']);
    expect(toText(p.doc)).toContain("<driver name='qemu' type='qcow2' node='[5]'/>");
  });
});

describe('active commit job', () => {
  const start = () => done(startActiveCommit(load(CHAIN_RUNNING), { top: 'vda', base: 'vda[2]' }));

  it('marks a ready job pointing at the base, as libvirt shows it; no id is taken', () => {
    const r = start();
    expect(shape(r.doc)).toEqual(['7 top.qcow2', '4 mid.qcow2', '2 base.qcow2']);
    expect(counterOf(r.doc, 0)).toBe(8);
    expect(mirrorXml(r.doc)).toBe(
      // libvirt 9.0 writes the base's index on the mirror's source.
      ["  <mirror type='file' job='active-commit' ready='yes'>", "    <format type='qcow2'/>", `    <source file='${IMG}/base.qcow2' index='2'/>`, '  </mirror>'].join('\n'),
    );
    expect(r.summary.message).toMatch(/top\.qcow2.*mid\.qcow2\) into vda\[2\].*Pivot.*keep the overlay/);
  });

  it('pivot: base becomes the active layer; the committed images leave', () => {
    const before = start().doc;
    const r = done(finishJob(before, 'vda', 'pivot'));
    expect(shape(r.doc)).toEqual(['2 base.qcow2']);
    expect(r.summary.removed).toHaveLength(2);
    expect(toText(r.doc)).not.toContain('<mirror');
    expect(r.summary.message).toMatch(/no longer valid/);
  });

  it('keep overlay: the tree stays, the mirror goes', () => {
    const r = done(finishJob(start().doc, 'vda', 'keep-overlay'));
    expect(toText(r.doc)).toBe(toText(load(CHAIN_RUNNING)));
    expect(r.summary.message).toMatch(/kept vda\[7\]/);
  });
});

describe('refusals, with the reason', () => {
  const running = () => load(CHAIN_RUNNING);

  it('jobs need a running guest', () => {
    expect(refused(startCopy(load(CHAIN_OFFLINE), { at: 'vda', dest: '/x/c.qcow2' }))).toMatch(/offline.*running guest/);
    expect(refused(startActiveCommit(load(CHAIN_OFFLINE), { top: 'vda', base: 'vda[3]' }))).toMatch(/offline/);
  });

  it('one job per disk', () => {
    const busy = done(startCopy(running(), { at: 'vda', dest: '/x/c.qcow2' })).doc;
    expect(refused(startCopy(busy, { at: 'vda', dest: '/x/d.qcow2' }))).toMatch(/already has a copy job/);
    expect(refused(startActiveCommit(busy, { top: 'vda', base: 'vda[2]' }))).toMatch(/already has a copy job/);
  });

  it('bad destinations and shapes', () => {
    expect(refused(startCopy(running(), { at: 'vda', dest: 'rel.qcow2' }))).toMatch(/relative path/);
    expect(refused(startCopy(running(), { at: 'vda', dest: `${IMG}/mid.qcow2` }))).toMatch(/already used/);
    expect(refused(startCopy(running(), { at: 'vda[4]', dest: '/x/c.qcow2' }))).toMatch(/backing file of vda\[7\]/);
    expect(refused(startCopy(load(QUORUM_RUNNING), { at: 'hda', dest: '/x/c.qcow2', shallow: true }))).toMatch(/quorum/);
    expect(refused(startCopy(load(QUORUM_RUNNING), { at: 'hda[1]', dest: '/x/c.qcow2' }))).toMatch(/quorum member/);
  });

  it('commit: base must be below top, top must be the active layer', () => {
    expect(refused(startActiveCommit(running(), { top: 'vda', base: 'vda' }))).toMatch(/not below top/);
    expect(refused(startActiveCommit(running(), { top: 'vda[4]', base: 'vda[2]' }))).toMatch(/not the active layer/);
    expect(refused(startActiveCommit(load(QUORUM_RUNNING), { top: 'hda', base: 'hda[3]' }))).toMatch(/quorum/);
  });

  it('ending: no job, or the wrong way to end it', () => {
    expect(refused(finishJob(running(), 'vda', 'pivot'))).toMatch(/no block job/);
    const copying = done(startCopy(running(), { at: 'vda', dest: '/x/c.qcow2' })).doc;
    expect(refused(finishJob(copying, 'vda', 'keep-overlay'))).toMatch(/active commit/);
    const committing = done(startActiveCommit(running(), { top: 'vda', base: 'vda[2]' })).doc;
    expect(refused(finishJob(committing, 'vda', 'cancel'))).toMatch(/keep overlay/);
    expect(refused(finishJob(running(), 'vdz', 'pivot'))).toMatch(/names no disk node/);
  });
});

describe.runIf(CORPUS_EXISTS)("libvirt's own mirror XML (qemuxmlconfdata/disk-mirror.xml)", () => {
  const doc = () => load(readFileSync(join(CORPUS_DIR, 'qemuxmlconfdata', 'disk-mirror.xml'), 'utf8'));

  it('reads each form: block, old file= attribute, a shallow chain with ids, ready=abort', () => {
    const d = doc();
    const byTarget = (t: string) => d.disks.findIndex((x) => x.children.some((c) => 'kind' in c && c.kind === 'element' && c.name === 'target' && c.attrs.some(([k, v]) => k === 'dev' && v === t)));
    expect(jobOf(d, byTarget('hda'))).toMatchObject({ job: 'copy', isReady: true, dest: '/dev/HostVG/QEMUGuest1Copy', format: null });
    const vdb = jobOf(d, byTarget('vdb'))!;
    expect(vdb).toMatchObject({ ready: 'abort', isReady: false, dest: '/tmp/logcopy.img' });
    expect(vdb.chain.map((l) => [l.id, l.type, l.source, l.end])).toEqual([
      [1, 'file', '/tmp/logcopy.img', null],
      [2, 'block', '/dev/HostVG/backing', 'terminated'],
    ]);
    expect(refused(finishJob(d, 'vdb', 'pivot'))).toMatch(/not ready/);
    expect(toText(done(finishJob(d, 'vdb', 'cancel')).doc)).not.toContain('logcopy');
  });
});

describe('a guest that stops ends its jobs', () => {
  it('going offline aborts a running copy: the mirror is gone and the chain is unchanged', () => {
    const running = load(CHAIN_RUNNING);
    const copying = done(startCopy(running, { at: 'vda', dest: `${IMG}/copy.qcow2` })).doc;
    expect(jobOf(copying, 0)).not.toBeNull();
    const r = done(setState(copying, 'offline'));
    expect(jobOf(r.doc, 0)).toBeNull();
    expect(toText(r.doc)).not.toContain('<mirror');
    // Offline, libvirt's ids are those of the next start (fresh); the images are the same.
    expect(shape(r.doc).map((x) => x.split(' ')[1])).toEqual(shape(running).map((x) => x.split(' ')[1]));
    expect(shape(r.doc)).toEqual(['1 top.qcow2', '2 mid.qcow2', '3 base.qcow2']);
    expect(r.summary.message).toMatch(/1 block job was aborted/);
  });
});
