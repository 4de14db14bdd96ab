/**
 * The findings of the "Truth" issue that are about Strata's own rules (the
 * conformance suite in test/system/libvirt/ checks them against real libvirt; these
 * run without it): ids across disks, the counter record, the two phases of a
 * job as host commands, the one-job-per-disk refusal, the dialect rules and
 * which layers take the guest's writes.
 */
import { describe, expect, it } from 'vitest';
import { hostCommands } from '../../src/core/commands';
import { derive } from '../../src/core/numbers/derive';
import { toText } from '../../src/core/io/document';
import type { DomainDoc } from '../../src/core/model/types';
import { reconcile } from '../../src/core/reconcile';
import { commandsOf, perform } from '../../src/core/operations/registry';
import type { OpRequest } from '../../src/core/ops/request';
import { readDocument } from '../../src/core/io/read';
import { parseXml } from '../../src/core/xml/parse';
import { applyOk, asRunning, load } from '../helpers/load';

const IMG = '/var/lib/libvirt/images';

const apply = (doc: DomainDoc, req: OpRequest): DomainDoc => applyOk(doc, req).doc;

const chain = (t: string, n: number): string => {
  let inner = '<backingStore/>';
  for (let i = n - 1; i >= 1; i--) inner = `<backingStore type='file'><format type='qcow2'/><source file='${IMG}/${t}${i}.qcow2'/>${inner}</backingStore>`;
  return `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${IMG}/${t}0.qcow2'/>${inner}<target dev='${t}' bus='virtio'/></disk>`;
};
const DOMAIN = `<domain type='kvm'><name>web</name><uuid>6f3c2a8e-4b1d-4c3e-9a57-0d2b8e1f7c44</uuid><memory>1</memory><devices>${chain('vda', 2)}${chain('vdb', 2)}</devices></domain>`;
const running = (text: string): DomainDoc => asRunning(load(text));
const ids = (doc: DomainDoc): string[] => derive(doc).disks.map((d) => `${d.target}:${d.nodes.map((n) => n.id).join(',')}`);

describe('ids', () => {
  it('one transaction over several disks numbers them in disk order, whatever the order listed', () => {
    // At start: vdb 1,2 then vda 3,4 (disks last to first); the snapshot lists vdb first, libvirt gives vda the lower id.
    const doc = apply(running(DOMAIN), { kind: 'snapshot', targets: [{ at: 'vdb', file: `${IMG}/b.s` }, { at: 'vda', file: `${IMG}/a.s` }] });
    expect(ids(doc)).toEqual(['vda:5,3,4', 'vdb:6,1,2']);
  });

  it('the counter survives a write: commit away the newest id, write, read, snapshot: a fresh id (libvirt 9.0 does so)', () => {
    let doc = apply(running(DOMAIN), { kind: 'snapshot', targets: [{ at: 'vda', file: `${IMG}/a.s` }] });
    doc = apply(doc, { kind: 'commit', top: 'vda', base: 'vda[3]' });
    const text = toText(doc);
    expect(text).toContain("<metadata>\n    <strata:ids xmlns:strata='urn:x-strata:ids:1' next='6'/>\n  </metadata>");
    // libvirt keeps <metadata> where it prints it: after the name and uuid.
    expect(text.indexOf('<metadata>')).toBeGreaterThan(text.indexOf('<uuid>'));
    const again = load(text);
    expect(again.counter).toBe(6);
    expect(ids(apply(again, { kind: 'snapshot', targets: [{ at: 'vda', file: `${IMG}/a.t` }] }))[0]).toBe('vda:6,3,4');
    // Read without the record, the counter is max + 1: the lower bound.
    expect(load(text.replace(/<metadata>[\s\S]*<\/metadata>\n\s*/, '')).counter).toBe(5);
  });

  it('the record is written only when it says more than the ids, and updated when the input had it', () => {
    const doc = running(DOMAIN);
    expect(toText(doc)).not.toContain('strata:ids');
    const withRecord = load(toText(apply(doc, { kind: 'backup', at: 'vda', dest: '/backup/a.qcow2' })));
    const t = toText(apply(withRecord, { kind: 'snapshot', targets: [{ at: 'vda', file: `${IMG}/a.s` }] }));
    expect(t).toContain("next='7'");
    expect(t.match(/<strata:ids /g)).toHaveLength(1);
  });

  it("typing that drops the record keeps the running guest's counter (the editor reconciles)", () => {
    const before = load(toText(apply(running(DOMAIN), { kind: 'backup', at: 'vda', dest: '/backup/a.qcow2' })));
    expect(before.counter).toBe(6);
    const typed = load(toText(before).replace(/<metadata>[\s\S]*<\/metadata>\n\s*/, ''));
    expect(typed.counter).toBe(5);
    expect(reconcile(before, typed).counter).toBe(6);
  });

  it("a qcow2 data file's index counts (libvirt numbers <dataStore> from the same counter)", () => {
    const doc = load(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/i/d.qcow2' index='2'><dataStore type='file'><format type='raw'/><source file='/i/data' index='8'/></dataStore></source><backingStore/><target dev='vda'/></disk>`);
    expect(doc.counter).toBe(9);
  });
});

describe('the two phases of a job, as host commands (checked on libvirt 9.0)', () => {
  const doc = running(DOMAIN);
  const step = (before: DomainDoc, req: OpRequest) => {
    const after = apply(before, req);
    return { after, hc: hostCommands(before, req, after) };
  };

  it('copy: blockcopy --transient-job --wait leaves the job ready; blockjob --pivot or --abort ends it', () => {
    const start = step(doc, { kind: 'copy-start', at: 'vda', dest: '/backup/a.qcow2', shallow: true });
    expect(start.hc.virsh).toEqual(['virsh blockcopy web vda /backup/a.qcow2 --shallow --format qcow2 --transient-job --wait']);
    expect(start.hc.qmp.map((c) => c.execute)).toEqual(['blockdev-add', 'blockdev-add', 'blockdev-mirror']);
    expect(start.hc.qmp[2]!.arguments).toMatchObject({ 'job-id': 'copy-vda-libvirt-3-format', sync: 'top' });
    const pivot = step(start.after, { kind: 'job-end', disk: 'vda', end: 'pivot' });
    expect(pivot.hc.virsh).toEqual(['virsh blockjob web vda --pivot']);
    expect(pivot.hc.qmp.map((c) => c.execute)).toEqual(['job-complete', 'blockdev-del', 'blockdev-del']);
    const abort = step(start.after, { kind: 'job-end', disk: 'vda', end: 'cancel' });
    expect(abort.hc.virsh).toEqual(['virsh blockjob web vda --abort']);
    expect(abort.hc.qmp).toEqual([
      { execute: 'block-job-cancel', arguments: { device: 'copy-vda-libvirt-3-format' } },
      { execute: 'blockdev-del', arguments: { 'node-name': 'libvirt-5-format' } },
      { execute: 'blockdev-del', arguments: { 'node-name': 'libvirt-5-storage' } },
    ]);
  });

  it('active commit: blockcommit --active --wait leaves it ready; --pivot or --abort (keeps the overlay)', () => {
    const start = step(doc, { kind: 'commit-start', top: 'vda', base: 'vda[4]' });
    expect(start.hc.virsh).toEqual(["virsh blockcommit web vda --top 'vda[3]' --base 'vda[4]' --active --wait"]);
    expect(start.hc.qmp.at(-1)).toEqual({ execute: 'block-commit', arguments: { 'job-id': 'commit-vda-libvirt-3-format', device: 'libvirt-3-format', 'top-node': 'libvirt-3-format', 'base-node': 'libvirt-4-format' } });
    expect(step(start.after, { kind: 'job-end', disk: 'vda', end: 'pivot' }).hc.virsh).toEqual(['virsh blockjob web vda --pivot']);
    const keep = step(start.after, { kind: 'job-end', disk: 'vda', end: 'keep-overlay' });
    expect(keep.hc.virsh).toEqual(['virsh blockjob web vda --abort']);
    expect(keep.hc.qmp[0]).toEqual({ execute: 'block-job-cancel', arguments: { device: 'commit-vda-libvirt-3-format' } });
  });

  it('a second job on a disk with a running one is refused with what libvirt says; another disk is free', () => {
    const copying = apply(doc, { kind: 'copy-start', at: 'vda', dest: '/backup/a.qcow2' });
    for (const req of [
      { kind: 'snapshot', targets: [{ at: 'vda' }] },
      { kind: 'commit', top: 'vda', base: 'vda[4]' },
      { kind: 'pull', top: 'vda' },
      { kind: 'copy', at: 'vda', dest: '/backup/b.qcow2' },
      { kind: 'backup', at: 'vda', dest: '/backup/c.qcow2' },
      { kind: 'commit-start', top: 'vda', base: 'vda[4]' },
    ] as OpRequest[]) {
      const r = perform(copying, req);
      expect(r.ok ? `${req.kind} applied` : r.reason).toMatch(/already has a copy job running.*already in active block job/);
    }
    expect(perform(copying, { kind: 'snapshot', targets: [{ at: 'vdb', file: `${IMG}/b.s` }] }).ok).toBe(true);
  });

  it('an offline document: the commands are those for the guest once started, and say so', () => {
    const off = load(DOMAIN);
    const req: OpRequest = { kind: 'snapshot', targets: [{ at: 'vda', file: `${IMG}/a.s` }] };
    const hc = commandsOf(off, req, apply(off, req))!;
    expect(hc.virsh[0]).toBe('# The guest is offline: start it first (virsh start web); libvirt then gives the nodes the ids shown.');
    expect(hc.qmp.at(-1)).toEqual({ execute: 'blockdev-snapshot', arguments: { node: 'libvirt-3-format', overlay: 'libvirt-5-format' } });
  });
});

describe('reading (domain.md §3)', () => {
  const sign = (text: string) => {
    const p = parseXml(text);
    if (!p.ok) throw new Error(p.error.message);
    return readDocument(p.nodes).sign;
  };

  it("the design mail's 3-file chain (<driver> layers, no index) reads as libvirt, with an error at each <driver> layer", () => {
    const mail = chain('vda', 3).replace(/<format type='qcow2'\/>/g, "<driver name='qemu' type='qcow2'/>");
    expect(sign(mail)).toEqual({ dialect: 'libvirt', sign: 'no sign of the proposal dialect (libvirt is the default)', loc: null });
    const doc = load(mail);
    expect(doc.dialect).toBe('libvirt');
    // It is kept as written (lose nothing); validation says libvirt refuses it.
    expect(toText(doc)).toContain("<backingStore type='file'>\n    <driver name='qemu' type='qcow2'/>");
  });

  it('what the proposal writer emits (<driver> layers, index = position) reads back as proposal', () => {
    const text = toText(load(chain('vda', 3).replace(/<format type='qcow2'\/>/g, "<driver name='qemu' type='qcow2'/>").replace(/<backingStore type='file'>/, "<backingStore type='file' index='1'>").replace(/(<backingStore type='file')>/, "$1 index='2'>")));
    expect(sign(text).dialect).toBe('proposal');
  });

  it('the deciding sign is named with its place', () => {
    expect(sign("<disk type='file'>\n<driver name='qemu' type='qcow2'/>\n<source file='/a' index='3'/>\n<target dev='vda'/></disk>")).toMatchObject({ dialect: 'libvirt', sign: 'index on the top <source>', loc: { line: 3, col: 1 } });
    expect(sign("<disk type='quorum'><driver name='qemu' type='quorum' threshold='1'/><target dev='vda'/></disk>").sign).toBe('a quorum');
  });
});

describe('what the graph teaches: the layers that take the guest\'s writes', () => {
  it('after a snapshot on a quorum only the new overlay is active; a cdrom has none', () => {
    const q = load(`<disk type='quorum' device='disk'><driver name='qemu' type='quorum' threshold='1'/>
      <backingStore type='file' index='1'><driver name='qemu' type='raw'/><source file='/q/a'/><backingStore/></backingStore>
      <backingStore type='file' index='2'><driver name='qemu' type='raw'/><source file='/q/b'/><backingStore/></backingStore><target dev='vda'/></disk>`);
    const active = (d: DomainDoc): (string | null)[] => derive(d).disks[0]!.nodes.filter((n) => n.isActive).map((n) => n.source);
    expect(active(q)).toEqual(['/q/a', '/q/b']);
    expect(active(apply(q, { kind: 'snapshot', targets: [{ at: 'vda', file: '/q/over.qcow2' }] }))).toEqual(['/q/over.qcow2']);
    expect(active(load(`<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/i/x.iso'/><target dev='sda'/><readonly/></disk>`))).toEqual([]);
  });
});
