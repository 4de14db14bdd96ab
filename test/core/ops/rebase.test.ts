/**
 * Rebase (src/core/ops/rebase.ts): U backs onto N, an image further down
 * its own chain. Offline the document changes as qemu-img rebase changes the
 * images; running it is pull(U, base N), the same document and the same
 * commands. Each refusal is checked word for word, since it is what the
 * graph shows when an edge is dropped where it cannot go.
 * test/system/rebase.test.ts runs the printed commands on real images.
 */
import { describe, expect, it } from 'vitest';
import { hostCommands } from '../../../src/core/commands';
import { loadText, toText } from '../../../src/core/io/document';
import type { DomainDoc } from '../../../src/core/model/types';
import { preorder } from '../../../src/core/model/walk';
import { counterOf } from '../../../src/core/numbers/ids';
import { sourceText } from '../../../src/core/numbers/names';
import { available, commandsOf, perform, titleOf } from '../../../src/core/operations/registry';
import { resolveAt } from '../../../src/core/ops/locate';
import type { OpResult } from '../../../src/core/ops/types';
import type { OpRequest } from '../../../src/core/ops/request';

function load(text: string): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.doc;
}

/** The editor uid of the node at an address (what the graph sends). */
function uid(doc: DomainDoc, address: string): string {
  const loc = resolveAt(doc, address);
  if (typeof loc === 'string') throw new Error(loc);
  return loc.node.uid;
}

function rebaseReq(doc: DomainDoc, u: string, n: string): OpRequest {
  return { kind: 'rebase', uid: uid(doc, u), onto: uid(doc, n) };
}

function applied(doc: DomainDoc, req: OpRequest): Extract<OpResult, { ok: true }> {
  const r = perform(doc, req);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

function refusal(doc: DomainDoc, req: OpRequest): string {
  const r = perform(doc, req);
  if (r.ok) throw new Error(`expected a refusal, got: ${r.summary.message}`);
  expect(available(doc, req)).toBe(r.reason);
  return r.reason;
}

/** Each node of disk `di` as `position:id:source`. */
function chain(doc: DomainDoc, di = 0): string[] {
  return preorder(doc.disks[di]!.src).map((v) => `${v.position}:${v.node.id ?? '-'}:${sourceText(v.node) ?? (v.node.type ?? '')}`);
}

const layer = (file: string, inner: string, index = ''): string =>
  `<backingStore type='file'${index}><format type='qcow2'/><source file='${file}'/>${inner}</backingStore>`;

/** A running libvirt guest: vda = top(8) <- m2(6) <- m1(4) <- base(2), ids with gaps; vdb = data(1). */
const RUNNING = `<domain type='kvm'>
  <name>web</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/top.qcow2' index='8'/>
      ${layer('/img/m2.qcow2', layer('/img/m1.qcow2', layer('/img/base.qcow2', '<backingStore/>', " index='2'"), " index='4'"), " index='6'")}
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/data.qcow2' index='1'/>
      <backingStore/>
      <target dev='vdb' bus='virtio'/>
    </disk>
  </devices>
</domain>`;

/** The same guest, offline (no index attributes: libvirt numbers the nodes at start). */
const OFFLINE = RUNNING.replace(/ index='\d+'/g, '');

/** A proposal disk, offline: base <- m1 <- m2 <- top (post-order ids: base=0 m1=1 m2=2 top=3, counter 4). */
const PROPOSAL = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/img/top.qcow2'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='qcow2'/>
    <source file='/img/m2.qcow2'/>
    <backingStore type='file' index='2'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/m1.qcow2'/>
      <backingStore type='file' index='3'>
        <driver name='qemu' type='qcow2'/>
        <source file='/img/base.qcow2'/>
        <backingStore/>
      </backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/**
 * A running proposal quorum Q[a2 <- a1 <- a0, b1 <- b0] (ids: a0=0 a1=1 a2=2
 * b0=3 b1=4 Q=5; positions: Q=0 a2=1 a1=2 a0=3 b1=4 b0=5).
 */
const QUORUM = `<disk type='quorum' device='disk'>
  <driver name='qemu' type='quorum' threshold='1' node='[5]'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='qcow2' node='[2]'/>
    <source file='/img/a2.qcow2'/>
    <backingStore type='file' index='2'>
      <driver name='qemu' type='qcow2' node='[1]'/>
      <source file='/img/a1.qcow2'/>
      <backingStore type='file' index='3'>
        <driver name='qemu' type='raw' node='[0]'/>
        <source file='/img/a0.raw'/>
        <backingStore/>
      </backingStore>
    </backingStore>
  </backingStore>
  <backingStore type='file' index='4'>
    <driver name='qemu' type='qcow2' node='[4]'/>
    <source file='/img/b1.qcow2'/>
    <backingStore type='file' index='5'>
      <driver name='qemu' type='raw' node='[3]'/>
      <source file='/img/b0.raw'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** A qcow2 overlay on a quorum, offline proposal: top <- x <- Q[m1, m2]. */
const OVER_QUORUM = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/img/top.qcow2'/>
  <backingStore type='file' index='1'>
    <driver name='qemu' type='qcow2'/>
    <source file='/img/x.qcow2'/>
    <backingStore type='quorum' index='2'>
      <driver name='qemu' type='quorum' threshold='2'/>
      <backingStore type='file' index='3'><driver name='qemu' type='raw'/><source file='/img/m1.raw'/><backingStore/></backingStore>
      <backingStore type='file' index='4'><driver name='qemu' type='raw'/><source file='/img/m2.raw'/><backingStore/></backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** A bare offline libvirt disk whose top element is `top` (driver + source) over mid <- base. */
function bare(top: string, mid = layer('/img/mid.qcow2', layer('/img/base.qcow2', '<backingStore/>'))): string {
  return `<disk type='file' device='disk'>\n  ${top}\n  ${mid}\n  <target dev='vda' bus='virtio'/>\n</disk>`;
}

const PH = "# DOMAIN: put your domain's name here (virsh needs it first; a bare <disk> document does not name one).";

describe('rebase, offline libvirt (qemu-img rebase; ids are what libvirt gives at start)', () => {
  const doc = load(OFFLINE);
  it('reads as an offline guest numbered as libvirt will: vdb first, then vda top-down', () => {
    expect(doc.state).toBe('offline');
    expect(chain(doc)).toEqual(['0:2:/img/top.qcow2', '1:3:/img/m2.qcow2', '2:4:/img/m1.qcow2', '3:5:/img/base.qcow2']);
  });

  it('top onto m1: top backs onto m1, m2 leaves the tree, positions and ids as libvirt will number them', () => {
    const req = rebaseReq(doc, 'vda', 'vda[4]');
    const r = applied(doc, req);
    expect(chain(r.doc)).toEqual(['0:2:/img/top.qcow2', '1:3:/img/m1.qcow2', '2:4:/img/base.qcow2']);
    expect(chain(r.doc, 1)).toEqual(['0:1:/img/data.qcow2']);
    expect(r.summary.added).toEqual([]);
    expect(r.summary.removed).toEqual([uid(doc, 'vda[3]')]);
    expect(r.summary.message).toBe(
      'Rebased /img/top.qcow2 onto /img/m1.qcow2: qemu-img rebase (safe mode) copies into it what /img/m2.qcow2 held, so what the guest reads through it is unchanged. ' +
        'The skipped image remains a valid image, unchanged, but leaves the chain; keep or delete it.',
    );
    expect(titleOf(req, doc)).toBe('Rebase');
    // The XML: the m2 layer is gone and m1 is the first <backingStore>; vdb and the rest stay as they were.
    expect(toText(r.doc)).toContain(`      <source file='/img/top.qcow2'/>
      <backingStore type='file'>
        <format type='qcow2'/>
        <source file='/img/m1.qcow2'/>
        <backingStore type='file'>
          <format type='qcow2'/>
          <source file='/img/base.qcow2'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>`);
    expect(toText(r.doc)).not.toContain('m2.qcow2');
    expect(toText(r.doc).split('<disk')[2]).toBe(toText(doc).split('<disk')[2]);
  });

  it('the commands: one qemu-img line (sh), no virsh or QMP command, and why', () => {
    const req = rebaseReq(doc, 'vda', 'vda[5]');
    const r = applied(doc, req);
    expect(hostCommands(doc, req, r.doc)).toEqual({
      virsh: [
        "# The guest is offline, and libvirt has no command that changes a backing file: the qemu-img line (sh) does it. Once the guest runs, the live equivalent is virsh blockpull web vda --base 'vda[5]' --wait.",
      ],
      prepare: ['qemu-img rebase -f qcow2 -b /img/base.qcow2 -F qcow2 -- /img/top.qcow2'],
      qmp: [],
      notes: [
        'The guest is offline: run the qemu-img line while no QEMU has /img/top.qcow2 open (qemu-img takes its write lock); there is no QMP command.',
        'qemu-img rebase (safe mode) reads the old chain through /img/m2.qcow2, /img/m1.qcow2 and copies into /img/top.qcow2 what differs from /img/base.qcow2, so the skipped images must still be in place; they stay valid images, out of the chain.',
      ],
    });
    expect(r.summary.message).toContain('The skipped images remain valid images, unchanged, but leave the chain; keep or delete them.');
  });

  it('a backing layer (m2 onto base): qemu-img works on any image file; the live equivalent needs QMP', () => {
    const req = rebaseReq(doc, 'vda[3]', 'vda[5]');
    const r = applied(doc, req);
    expect(chain(r.doc)).toEqual(['0:2:/img/top.qcow2', '1:3:/img/m2.qcow2', '2:4:/img/base.qcow2']);
    const hc = hostCommands(doc, req, r.doc);
    expect(hc.prepare).toEqual(['qemu-img rebase -f qcow2 -b /img/base.qcow2 -F qcow2 -- /img/m2.qcow2']);
    expect(hc.virsh).toEqual([
      '# The guest is offline, and libvirt has no command that changes a backing file: the qemu-img line (sh) does it. Once the guest runs, the live equivalent is QMP block-stream into /img/m2.qcow2 with /img/base.qcow2 as base-node (virsh blockpull pulls into the active layer only).',
    ]);
  });

  it('paths are quoted for sh; a block device is a path qemu-img opens (measured: test/system/rebase.test.ts)', () => {
    const odd = load(bare(`<driver name='qemu' type='qcow2'/><source file="/img/it's a $HOME top.qcow2"/>`, layer('/img/mid.qcow2', layer('/img/base dir/base.qcow2', '<backingStore/>'))));
    const r1 = applied(odd, rebaseReq(odd, 'vda', 'vda[3]'));
    expect(hostCommands(odd, rebaseReq(odd, 'vda', 'vda[3]'), r1.doc).prepare).toEqual([`qemu-img rebase -f qcow2 -b '/img/base dir/base.qcow2' -F qcow2 -- '/img/it'\\''s a $HOME top.qcow2'`]);
    const block = load(bare(`<driver name='qemu' type='qcow2'/><source dev='/dev/vg/top'/>`).replace("<disk type='file'", "<disk type='block'"));
    const req = rebaseReq(block, 'vda', 'vda[3]');
    expect(hostCommands(block, req, applied(block, req).doc).prepare).toEqual(['qemu-img rebase -f qcow2 -b /img/base.qcow2 -F qcow2 -- /dev/vg/top']);
  });

  it('a network image is rebased in the document, and the commands say why there is no qemu-img line', () => {
    const net = load(
      bare(`<driver name='qemu' type='qcow2'/><source protocol='nbd' name='top'><host name='nbd.example' port='10809'/></source>`).replace("<disk type='file'", "<disk type='network'"),
    );
    const req = rebaseReq(net, 'vda', 'vda[3]');
    const r = applied(net, req);
    expect(chain(r.doc)).toEqual(['0:1:nbd://nbd.example:10809/top', '1:2:/img/base.qcow2']);
    const hc = hostCommands(net, req, r.doc);
    expect(hc.prepare).toEqual([]);
    expect(hc.notes[0]).toBe(
      'No qemu-img line: nbd://nbd.example:10809/top is a network source, which qemu-img cannot be given as a path on this host; run qemu-img rebase with the image\'s QEMU filename yourself, or start the guest and rebase there (a pull).',
    );
  });

  it('refused offline: relative paths (either end), a new backing file without format, onto a quorum', () => {
    const rel = load(bare(`<driver name='qemu' type='qcow2'/><source file='top.qcow2'/>`));
    expect(refusal(rel, rebaseReq(rel, 'vda', 'vda[3]'))).toBe(
      "top.qcow2 (the image to rebase) has the relative path 'top.qcow2': qemu-img would read it from wherever the line runs (and a relative -b from the directory of top.qcow2), and a path starting with '-' reads as an option; make the path absolute first.",
    );
    const dash = load(bare(`<driver name='qemu' type='qcow2'/><source file='/img/top.qcow2'/>`, layer('/img/mid.qcow2', layer('-base.qcow2', '<backingStore/>'))));
    expect(refusal(dash, rebaseReq(dash, 'vda', 'vda[3]'))).toBe(
      "-base.qcow2 (the new backing file) has the relative path '-base.qcow2': qemu-img would read it from wherever the line runs (and a relative -b from the directory of /img/top.qcow2), and a path starting with '-' reads as an option; make the path absolute first.",
    );
    const noFmt = load(bare(`<driver name='qemu' type='qcow2'/><source file='/img/top.qcow2'/>`, layer('/img/mid.qcow2', `<backingStore type='file'><source file='/img/base.qcow2'/><backingStore/></backingStore>`)));
    expect(refusal(noFmt, rebaseReq(noFmt, 'vda', 'vda[3]'))).toBe(
      '/img/base.qcow2 has no format, and qemu-img rebase must be told the new backing file\'s format (-F; without it qemu-img 7.2 refuses: "backing format must be specified"); set its format first.',
    );
    const oq = load(OVER_QUORUM);
    expect(refusal(oq, rebaseReq(oq, 'vda', 'vda[2]'))).toBe(
      "vda[2] (quorum) is a quorum, not an image file: qemu-img rebase takes the new backing file as a file name, and Strata does not write a quorum as a json: file name (the form QEMU's block-stream writes into the header). Start the guest and rebase there (a pull), or rebase onto an image inside a member's chain.",
    );
  });

  it('the same requests while the guest runs are allowed: the pull needs neither paths nor -F', () => {
    const rel = load(bare(`<driver name='qemu' type='qcow2'/><source file='top.qcow2'/>`));
    expect(available({ ...rel, state: 'running' }, rebaseReq(rel, 'vda', 'vda[3]'))).toBe(true);
    const oq = load(OVER_QUORUM);
    const live = { ...oq, state: 'running' as const };
    const r = applied(live, rebaseReq(oq, 'vda', 'vda[2]'));
    expect(chain(r.doc)).toEqual(['0:4:/img/top.qcow2', '1:2:quorum', '2:0:/img/m1.raw', '3:1:/img/m2.raw']);
  });
});

describe('rebase, offline proposal (ids kept, never reused)', () => {
  const doc = load(PROPOSAL);
  it('top onto base keeps every id and the counter: the next node gets 4, not a freed 1 or 2', () => {
    expect(doc.dialect).toBe('proposal');
    expect(chain(doc)).toEqual(['0:3:/img/top.qcow2', '1:2:/img/m2.qcow2', '2:1:/img/m1.qcow2', '3:0:/img/base.qcow2']);
    const r = applied(doc, rebaseReq(doc, 'vda', 'vda[3]'));
    expect(chain(r.doc)).toEqual(['0:3:/img/top.qcow2', '1:0:/img/base.qcow2']);
    expect(counterOf(r.doc, 0)).toBe(4);
    const snap = applied(r.doc, { kind: 'snapshot', targets: [{ at: 'vda', file: '/img/snap.qcow2' }] });
    expect(chain(snap.doc)[0]).toBe('0:4:/img/snap.qcow2');
  });

  it('positions are addresses in the proposal dialect: the request by address is the request by uid', () => {
    const byUid = applied(doc, rebaseReq(doc, 'vda[1]', 'vda[3]'));
    const byAddress = applied(doc, { kind: 'rebase', uid: 'vda[1]', onto: '/img/base.qcow2' });
    expect(toText(byAddress.doc)).toBe(toText(byUid.doc));
    expect(chain(byUid.doc)).toEqual(['0:3:/img/top.qcow2', '1:2:/img/m2.qcow2', '2:0:/img/base.qcow2']);
  });
});

describe('rebase, running: the pull of U down to N', () => {
  const doc = load(RUNNING);
  const pullOf = (top: string, base: string): OpRequest => ({ kind: 'pull', top, base });

  it.each([
    ['the active layer', 'vda', 'vda[2]'],
    ['the active layer, one layer skipped', 'vda', 'vda[4]'],
    ['a backing layer', 'vda[6]', 'vda[2]'],
  ])('%s: the same document and the same commands as pull', (_what, u, n) => {
    const req = rebaseReq(doc, u, n);
    const r = applied(doc, req);
    const p = applied(doc, pullOf(u, n));
    expect(toText(r.doc)).toBe(toText(p.doc));
    expect(r.summary.removed).toEqual(p.summary.removed);
    expect(r.summary.message).toBe(`The guest runs, and QEMU has no live rebase, so this is a pull (block-stream with the new backing file as base). ${p.summary.message}`);
    expect(hostCommands(doc, req, r.doc)).toEqual(hostCommands(doc, pullOf(u, n), p.doc));
    expect(commandsOf(doc, req, r.doc)).toEqual(commandsOf(doc, pullOf(u, n), p.doc));
    expect(titleOf(req, doc)).toBe('Rebase (a pull: the guest runs)');
  });

  it('ids stay and the counter does not go back: the next snapshot takes 9', () => {
    const r = applied(doc, rebaseReq(doc, 'vda', 'vda[2]'));
    expect(chain(r.doc)).toEqual(['0:8:/img/top.qcow2', '1:2:/img/base.qcow2']);
    const snap = applied(r.doc, { kind: 'snapshot', targets: [{ at: 'vda', file: '/img/snap.qcow2' }] });
    expect(chain(snap.doc)[0]).toBe('0:9:/img/snap.qcow2');
  });

  it('the printed commands: blockpull --base for the active layer; block-stream with base-node', () => {
    const req = rebaseReq(doc, 'vda', 'vda[2]');
    const hc = hostCommands(doc, req, applied(doc, req).doc);
    expect(hc.virsh).toEqual(["virsh blockpull web vda --base 'vda[2]' --wait"]);
    expect(hc.qmp.map((c) => JSON.stringify(c))).toEqual([
      '{"execute":"block-stream","arguments":{"job-id":"pull-vda-libvirt-8-format","device":"libvirt-8-format","base-node":"libvirt-2-format"}}',
      '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-6-format"}}',
      '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-6-storage"}}',
      '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-4-format"}}',
      '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-4-storage"}}',
    ]);
    expect(hc.prepare).toEqual([]);
  });

  it('a disk busy with a job is refused with libvirt\'s words', () => {
    const busy = applied(doc, { kind: 'copy-start', at: 'vda', dest: '/img/copy.qcow2' }).doc;
    expect(refusal(busy, rebaseReq(busy, 'vda', 'vda[2]'))).toBe(
      'vda[8] (/img/top.qcow2) already has a copy job running, and libvirt runs one block job per disk ("disk … already in active block job"); pivot or cancel it before you rebase vda[8] (/img/top.qcow2).',
    );
    // The other disk is free (one job per disk).
    expect(refusal(busy, rebaseReq(busy, 'vdb', 'vda[2]'))).toContain('is on disk vda, not below vdb[1] (/img/data.qcow2) (disk vdb).');
  });
});

describe('rebase in a quorum member\'s chain (proposal, running)', () => {
  const doc = load(QUORUM);
  it('a member top onto the bottom of its own chain: the pull into the member (QMP only: libvirt has no quorum)', () => {
    expect(doc.state).toBe('running');
    const req = rebaseReq(doc, 'vda[1]', 'vda[3]');
    const r = applied(doc, req);
    expect(chain(r.doc)).toEqual(['0:5:quorum', '1:2:/img/a2.qcow2', '2:0:/img/a0.raw', '3:4:/img/b1.qcow2', '4:3:/img/b0.raw']);
    const hc = hostCommands(doc, req, r.doc);
    expect(hc).toEqual(hostCommands(doc, { kind: 'pull', top: 'vda[1]', base: 'vda[3]' }, applied(doc, { kind: 'pull', top: 'vda[1]', base: 'vda[3]' }).doc));
    expect(hc.virsh).toEqual([
      "# pull into vda[2] (/img/a2.qcow2): vda has a quorum, and libvirt has no quorum (the design mail's proposal was never merged), so there is no virsh command; use the QMP commands.",
    ]);
    expect(hc.qmp[0]).toEqual({ execute: 'block-stream', arguments: { 'job-id': 'pull-vda-libvirt-2-format', device: 'libvirt-2-format', 'base-node': 'libvirt-0-format' } });
  });

  it('offline, the member is an image file like any other: qemu-img rebases it', () => {
    const off = { ...doc, state: 'offline' as const };
    const req = rebaseReq(doc, 'vda[1]', 'vda[3]');
    const r = applied(off, req);
    expect(chain(r.doc)).toEqual(['0:5:quorum', '1:2:/img/a2.qcow2', '2:0:/img/a0.raw', '3:4:/img/b1.qcow2', '4:3:/img/b0.raw']);
    const hc = hostCommands(off, req, r.doc);
    expect(hc.prepare).toEqual(['qemu-img rebase -f qcow2 -b /img/a0.raw -F raw -- /img/a2.qcow2']);
    expect(hc.virsh[0]).toContain('the live equivalent is QMP block-stream into vda[2] (/img/a2.qcow2) with vda[0] (/img/a0.raw) as base-node (libvirt has no quorum, so virsh cannot).');
  });

  it('refused: the quorum itself, across a quorum, into another member\'s chain', () => {
    expect(refusal(doc, rebaseReq(doc, 'vda', 'vda[2]'))).toBe(
      "vda[5] (quorum) is a quorum: it has members, not a backing file, so there is no backing file to change; rebase inside a member's chain, or the overlay above the quorum.",
    );
    expect(refusal(doc, rebaseReq(doc, 'vda[1]', 'vda[5]'))).toBe(
      "vda[3] (/img/b0.raw) is in another quorum member's chain, not below vda[2] (/img/a2.qcow2). A rebase onto an image that is not below it changes what the guest reads, and QEMU has no safe live rebase (only a stream down to an image below): stop the guest and use qemu-img rebase on a copy, or copy the disk.",
    );
    const oq = load(OVER_QUORUM);
    expect(refusal(oq, rebaseReq(oq, 'vda', 'vda[3]'))).toBe(
      "vda[2] (quorum) is a quorum between vda[4] (/img/top.qcow2) and vda[0] (/img/m1.raw): rebasing onto vda[0] (/img/m1.raw) would drop the quorum's other members and its vote from what the guest reads. A rebase works along one chain: rebase inside a member's chain, or remove members first (quorum-remove).",
    );
  });
});

describe('rebase refusals that do not depend on the guest state', () => {
  const doc = load(OFFLINE);
  const live = load(RUNNING);
  it('nothing to do: N already backs U', () => {
    expect(refusal(doc, rebaseReq(doc, 'vda', 'vda[3]'))).toBe(
      '/img/m2.qcow2 already backs /img/top.qcow2 directly; there is nothing to rebase (drop the edge on an image further down to skip layers).',
    );
  });
  it('onto itself, onto an image above it, onto another disk (offline and running words)', () => {
    expect(refusal(doc, rebaseReq(doc, 'vda[3]', 'vda[3]'))).toBe('/img/m2.qcow2 cannot be rebased onto itself; drop the edge on an image below it.');
    expect(refusal(doc, rebaseReq(doc, 'vda[4]', 'vda'))).toBe(
      '/img/top.qcow2 is above /img/m1.qcow2, not below it: it reads through it, so the rebase would make a loop. An image that is not below it would be shared with another user, whose writes change what the guest reads through it (and the document holds each image once): rebase onto an image below it, or copy the disk.',
    );
    expect(refusal(doc, rebaseReq(doc, 'vda', 'vdb'))).toBe(
      '/img/data.qcow2 is on disk vdb, not below /img/top.qcow2 (disk vda). An image that is not below it would be shared with another user, whose writes change what the guest reads through it (and the document holds each image once): rebase onto an image below it, or copy the disk.',
    );
    expect(refusal(live, rebaseReq(live, 'vda', 'vdb'))).toBe(
      'vdb[1] (/img/data.qcow2) is on disk vdb, not below vda[8] (/img/top.qcow2) (disk vda). A rebase onto an image that is not below it changes what the guest reads, and QEMU has no safe live rebase (only a stream down to an image below): stop the guest and use qemu-img rebase on a copy, or copy the disk.',
    );
  });
  it('U raw, without format, or of a format whose backing file QEMU cannot change', () => {
    const raw = load(bare(`<driver name='qemu' type='raw'/><source file='/img/top.raw'/>`));
    expect(refusal(raw, rebaseReq(raw, 'vda', 'vda[3]'))).toBe('/img/top.raw is raw, and a raw image has no header that could name a backing file; only qcow2 and qed images can be rebased.');
    expect(refusal({ ...raw, state: 'running' }, rebaseReq(raw, 'vda', 'vda[3]'))).toContain('is raw, and a raw image has no header');
    const none = load(bare(`<driver name='qemu'/><source file='/img/top.img'/>`));
    expect(refusal(none, rebaseReq(none, 'vda', 'vda[3]'))).toBe('/img/top.img has no format, which libvirt reads as raw, and a raw image cannot have a backing file; set its format (qcow2 or qed) first.');
    const vmdk = load(bare(`<driver name='qemu' type='vmdk'/><source file='/img/top.vmdk'/>`));
    expect(refusal(vmdk, rebaseReq(vmdk, 'vda', 'vda[3]'))).toBe(
      '/img/top.vmdk is vmdk, and QEMU cannot change the backing file of a vmdk image (qemu-img rebase and block-stream both end in "Operation not supported"); only qcow2 and qed images can be rebased.',
    );
    const qed = load(bare(`<driver name='qemu' type='qed'/><source file='/img/top.qed'/>`));
    expect(available(qed, rebaseReq(qed, 'vda', 'vda[3]'))).toBe(true);
  });
  it('a uid that is gone, an address that names nothing', () => {
    expect(refusal(doc, { kind: 'rebase', uid: 'n999999', onto: uid(doc, 'vda[5]') })).toBe('The image to rebase (n999999) is no longer in the document; select its backing edge again.');
    expect(refusal(doc, { kind: 'rebase', uid: uid(doc, 'vda'), onto: 'n999999' })).toBe('The new backing file (n999999) is no longer in the document; drop the edge on an image that is there.');
    expect(refusal(doc, { kind: 'rebase', uid: 'vdc', onto: 'vda[5]' })).toBe("The image to rebase: 'vdc' names no disk node (disks: vda, vdb); use TARGET, TARGET[N] or a source path.");
  });
});

describe('the registry gives an offline rebase its own commands', () => {
  // operations/registry.ts commandsOf starts other offline operations in thought and asks for a running guest's
  // commands; a rebase's offline commands are qemu-img's (hostCommands of the offline document).
  it('commandsOf(offline rebase) prints the qemu-img line', () => {
    const doc = load(OFFLINE);
    const req = rebaseReq(doc, 'vda', 'vda[5]');
    const r = applied(doc, req);
    expect(commandsOf(doc, req, r.doc)).toEqual(hostCommands(doc, req, r.doc));
  });
});

describe('rebase without a domain name: the live equivalent names the placeholder', () => {
  it('the virsh comment of a bare <disk> says DOMAIN; the running commands start with the placeholder note', () => {
    const doc = load(bare(`<driver name='qemu' type='qcow2'/><source file='/img/top.qcow2'/>`));
    const req = rebaseReq(doc, 'vda', 'vda[3]');
    expect(hostCommands(doc, req, applied(doc, req).doc).virsh[0]).toContain("virsh blockpull DOMAIN vda --base 'vda[3]' --wait.");
    const live = { ...doc, state: 'running' as const };
    expect(hostCommands(live, req, applied(live, req).doc).virsh).toEqual([PH, "virsh blockpull DOMAIN vda --base 'vda[3]' --wait"]);
  });
});
