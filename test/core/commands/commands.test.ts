/**
 * Host commands of every operation (domain.md §6), as exact text, for the
 * design mail's chain (libvirt dialect: `vda[N]` is the index, ids 1..3 top
 * down) and its quorum Q[a, b <- c, d] (proposal, running: addresses are
 * positions, node-names use the ids a=0 b=1 c=2 d=3 Q=4). test/system/qemu.test.ts
 * runs the same generated QMP on a real QEMU.
 */
import { describe, expect, it } from 'vitest';
import { formatHostCommands, hostCommands } from '../../../src/core/commands';
import type { HostCommands } from '../../../src/core/commands';
import { isLegalNodeName } from '../../../src/core/export/names';
import type { DomainDoc } from '../../../src/core/model/types';
import { convert } from '../../../src/core/ops';
import { commandsOf, perform } from '../../../src/core/operations/registry';
import type { OpRequest } from '../../../src/core/ops/request';
import { applyOk, asRunning, exampleDoc } from '../../helpers/load';

const IMG = '/var/lib/libvirt/images';

/** An example as a running guest: host commands are for a guest that runs (offline ones say so first, see below). */
function load(id: string): DomainDoc {
  return asRunning(exampleDoc(id));
}

/** The commands with QMP as JSON lines, the form `op --commands` prints them in. */
function commands(id: string, req: OpRequest): { virsh: readonly string[]; prepare: readonly string[]; qmp: string[]; notes: readonly string[] } {
  const doc = load(id);
  const r = applyOk(doc, req);
  const hc: HostCommands = hostCommands(doc, req, r.doc);
  return { ...hc, qmp: hc.qmp.map((c) => JSON.stringify(c)) };
}

const add = (args: string): string => `{"execute":"blockdev-add","arguments":${args}}`;
const del = (name: string): string => `{"execute":"blockdev-del","arguments":{"node-name":"${name}"}}`;
const size = (path: string): string => `size=$(qemu-img info -U --output=json -- '${path}' | sed -n 's/^ *"virtual-size": \\([0-9]*\\).*/\\1/p' | head -n 1)`;
/** The first virsh line of a document without a domain name. */
const PH = "# DOMAIN: put your domain's name here (virsh needs it first; a bare <disk> document does not name one).";
const NO_VIRSH = "hda has a quorum, and libvirt has no quorum (the design mail's proposal was never merged), so there is no virsh command; use the QMP commands.";

describe('the mail chain base <- mid <- top (libvirt: top=vda[1], mid=vda[2], base=vda[3])', () => {
  const reopenMid = (ro: string) => `{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"qcow2","node-name":"libvirt-2-format","file":"libvirt-2-storage","backing":"libvirt-3-format"${ro}}]}}`;
  const reopenBase = (ro: string) => `{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"qcow2","node-name":"libvirt-3-format","file":"libvirt-3-storage","backing":null${ro}}]}}`;

  it('snapshot: snapshot-create-as --disk-only; blockdev-add of the overlay (backing null), then blockdev-snapshot', () => {
    expect(commands('mail-chain', { kind: 'snapshot', targets: [{ at: 'vda', file: `${IMG}/snap.qcow2` }] })).toEqual({
      virsh: [PH, `virsh snapshot-create-as DOMAIN --disk-only --atomic --no-metadata --diskspec vda,file=${IMG}/snap.qcow2,snapshot=external`],
      prepare: [`qemu-img create -f qcow2 -b '${IMG}/top.qcow2' -F qcow2 -- '${IMG}/snap.qcow2'`],
      qmp: [
        add(`{"driver":"file","filename":"${IMG}/snap.qcow2","node-name":"libvirt-4-storage","auto-read-only":true,"discard":"unmap"}`),
        add('{"driver":"qcow2","node-name":"libvirt-4-format","file":"libvirt-4-storage","backing":null}'),
        '{"execute":"blockdev-snapshot","arguments":{"node":"libvirt-1-format","overlay":"libvirt-4-format"}}',
      ],
      notes: [],
    });
  });

  it('commit below the top: blockcommit --wait; base reopened read-write for the job and read-only after; mid deleted', () => {
    const c = commands('mail-chain', { kind: 'commit', top: 'vda[2]', base: 'vda[3]' });
    expect(c.virsh).toEqual([PH, "virsh blockcommit DOMAIN vda --top 'vda[2]' --base 'vda[3]' --wait"]);
    expect(c.qmp).toEqual([
      reopenBase(''),
      '{"execute":"block-commit","arguments":{"job-id":"commit-vda-libvirt-2-format","device":"libvirt-1-format","top-node":"libvirt-2-format","base-node":"libvirt-3-format"}}',
      reopenBase(',"read-only":true'),
      del('libvirt-2-format'),
      del('libvirt-2-storage'),
    ]);
    expect(c.notes).toEqual(['Send the commands after block-commit once QEMU reports BLOCK_JOB_COMPLETED for commit-vda-libvirt-2-format.']);
  });

  it('active commit: --active --pivot and job-complete; top and mid deleted', () => {
    const c = commands('mail-chain', { kind: 'commit', top: 'vda', base: 'vda[3]' });
    expect(c.virsh).toEqual([PH, "virsh blockcommit DOMAIN vda --top 'vda[1]' --base 'vda[3]' --active --pivot"]);
    expect(c.qmp).toEqual([
      reopenBase(''),
      '{"execute":"block-commit","arguments":{"job-id":"commit-vda-libvirt-1-format","device":"libvirt-1-format","top-node":"libvirt-1-format","base-node":"libvirt-3-format"}}',
      '{"execute":"job-complete","arguments":{"id":"commit-vda-libvirt-1-format"}}',
      ...['libvirt-1-format', 'libvirt-1-storage', 'libvirt-2-format', 'libvirt-2-storage'].map(del),
    ]);
    expect(c.notes[0]).toMatch(/^Send job-complete once QEMU reports BLOCK_JOB_READY/);
  });

  it('active commit keeping the overlay: --active --keep-overlay and block-job-cancel; nothing deleted', () => {
    const c = commands('mail-chain', { kind: 'commit', top: 'vda', base: 'vda[2]', keepOverlay: true });
    expect(c.virsh).toEqual([PH, "virsh blockcommit DOMAIN vda --top 'vda[1]' --base 'vda[2]' --active --keep-overlay"]);
    expect(c.qmp).toEqual([
      reopenMid(''),
      '{"execute":"block-commit","arguments":{"job-id":"commit-vda-libvirt-1-format","device":"libvirt-1-format","top-node":"libvirt-1-format","base-node":"libvirt-2-format"}}',
      '{"execute":"block-job-cancel","arguments":{"device":"commit-vda-libvirt-1-format"}}',
      reopenMid(',"read-only":true'),
    ]);
  });

  it('pull: blockpull --base and block-stream with base-node; the pulled-out layer is deleted', () => {
    const c = commands('mail-chain', { kind: 'pull', top: 'vda', base: 'vda[3]' });
    expect(c.virsh).toEqual([PH, "virsh blockpull DOMAIN vda --base 'vda[3]' --wait"]);
    expect(c.qmp).toEqual([
      '{"execute":"block-stream","arguments":{"job-id":"pull-vda-libvirt-1-format","device":"libvirt-1-format","base-node":"libvirt-3-format"}}',
      del('libvirt-2-format'),
      del('libvirt-2-storage'),
    ]);
  });

  it('pull into a backing layer: no virsh (blockpull pulls into the active layer); QMP reopens it around the job', () => {
    const c = commands('mail-chain', { kind: 'pull', top: 'vda[2]' });
    expect(c.virsh).toEqual([`# virsh blockpull pulls into the active layer only; pulling into vda[2] (${IMG}/mid.qcow2) needs QMP (block-stream into a backing layer).`]);
    expect(c.qmp).toEqual([
      reopenMid(''),
      '{"execute":"block-stream","arguments":{"job-id":"pull-vda-libvirt-2-format","device":"libvirt-2-format"}}',
      `{"execute":"blockdev-reopen","arguments":{"options":[{"driver":"qcow2","node-name":"libvirt-2-format","file":"libvirt-2-storage","backing":null,"read-only":true}]}}`,
      del('libvirt-3-format'),
      del('libvirt-3-storage'),
    ]);
  });

  it('shallow copy: blockcopy --shallow --pivot; the target keeps mid as backing; sync top; the old top is deleted', () => {
    expect(commands('mail-chain', { kind: 'copy', at: 'vda', dest: `${IMG}/copy.qcow2`, shallow: true })).toEqual({
      virsh: [PH, `virsh blockcopy DOMAIN vda ${IMG}/copy.qcow2 --shallow --format qcow2 --transient-job --pivot`],
      prepare: [`qemu-img create -f qcow2 -b '${IMG}/mid.qcow2' -F qcow2 -- '${IMG}/copy.qcow2'`],
      qmp: [
        add(`{"driver":"file","filename":"${IMG}/copy.qcow2","node-name":"libvirt-4-storage","auto-read-only":true,"discard":"unmap"}`),
        add('{"driver":"qcow2","node-name":"libvirt-4-format","file":"libvirt-4-storage","backing":"libvirt-2-format"}'),
        '{"execute":"blockdev-mirror","arguments":{"job-id":"copy-vda-libvirt-1-format","device":"libvirt-1-format","target":"libvirt-4-format","sync":"top"}}',
        '{"execute":"job-complete","arguments":{"id":"copy-vda-libvirt-1-format"}}',
        del('libvirt-1-format'),
        del('libvirt-1-storage'),
      ],
      notes: ['Send job-complete once QEMU reports BLOCK_JOB_READY for copy-vda-libvirt-1-format, and blockdev-del once it reports BLOCK_JOB_COMPLETED.'],
    });
  });

  it('full copy, cancelled: blockcopy --finish; block-job-cancel; the target (id 4, used up) is closed', () => {
    const c = commands('mail-chain', { kind: 'copy', at: 'vda', dest: '/backup/copy.qcow2', cancel: true });
    // --finish: wait for the copy to be in sync, then end the job keeping the disk as it was (checked on libvirt 9.0).
    expect(c.virsh).toEqual([PH, 'virsh blockcopy DOMAIN vda /backup/copy.qcow2 --format qcow2 --transient-job --finish']);
    expect(c.prepare).toEqual([size(`${IMG}/top.qcow2`), `qemu-img create -f qcow2 -- '/backup/copy.qcow2' "$size"`]);
    expect(c.qmp.slice(2)).toEqual([
      '{"execute":"blockdev-mirror","arguments":{"job-id":"copy-vda-libvirt-1-format","device":"libvirt-1-format","target":"libvirt-4-format","sync":"full"}}',
      '{"execute":"block-job-cancel","arguments":{"device":"copy-vda-libvirt-1-format"}}',
      del('libvirt-4-format'),
      del('libvirt-4-storage'),
    ]);
  });

  it('backup: backup-begin with a backup XML; blockdev-backup into a temporary target; the chain does not change', () => {
    const c = commands('mail-chain', { kind: 'backup', at: 'vda', dest: '/backup/vda.qcow2' });
    expect(c.virsh).toEqual([
      PH,
      "cat > backup.xml <<'EOF'",
      "<domainbackup><disks><disk name='vda' type='file'><target file='/backup/vda.qcow2'/><driver type='qcow2'/></disk></disks></domainbackup>",
      'EOF',
      'virsh backup-begin DOMAIN backup.xml',
      "# the backup runs in the background; it is done when 'virsh domjobinfo DOMAIN' shows 'Job type: None'.",
    ]);
    // libvirt names the job after the disk's top (backup-vda-libvirt-1-format on libvirt 9.0).
    expect(c.qmp).toEqual([
      add('{"driver":"file","filename":"/backup/vda.qcow2","node-name":"libvirt-4-storage","auto-read-only":true,"discard":"unmap"}'),
      add('{"driver":"qcow2","node-name":"libvirt-4-format","file":"libvirt-4-storage","backing":null}'),
      '{"execute":"blockdev-backup","arguments":{"job-id":"backup-vda-libvirt-1-format","device":"libvirt-1-format","target":"libvirt-4-format","sync":"full"}}',
      del('libvirt-4-format'),
      del('libvirt-4-storage'),
    ]);
    // The tree does not change, but the target used up id 4 (libvirt 9.0: the next snapshot gets 5).
    const doc = load('mail-chain');
    const r = perform(doc, { kind: 'backup', at: 'vda', dest: '/backup/vda.qcow2' });
    expect(r.ok && r.doc.disks[0]!.src === doc.disks[0]!.src && r.summary.message).toMatch(/chain does not change/);
    expect(r.ok && r.doc.counter).toBe(5);
  });

  it('renumber: nothing to run (offline only)', () => {
    const doc = { ...load('mail-quorum'), state: 'offline' as const };
    const r = applyOk(doc, { kind: 'renumber' });
    const c = hostCommands(doc, { kind: 'renumber' }, r.doc);
    expect(c.virsh).toEqual(['# renumber is offline only: there is nothing to run on a host; libvirt numbers the nodes itself when the guest starts.']);
    expect(c.qmp).toEqual([]);
  });
});

describe('the mail quorum Q[a, b <- c, d] (proposal: hda[1]=a, hda[2]=c, hda[3]=b, hda[4]=d)', () => {
  it('snapshot of two members: one transaction of blockdev-snapshot actions; no virsh', () => {
    const c = commands('mail-quorum', { kind: 'snapshot', targets: [{ at: 'hda[1]', file: '/path/to/a.snap' }, { at: 'hda[4]', file: '/path/to/d.snap' }] });
    expect(c.virsh).toEqual([`# snapshot of ide0-0-0[0] (/path/to/a): ${NO_VIRSH}`, `# snapshot of ide0-0-0[3] (/path/to/d): ${NO_VIRSH}`]);
    expect(c.prepare).toEqual(["qemu-img create -f qcow2 -b '/path/to/a' -F raw -- '/path/to/a.snap'", "qemu-img create -f qcow2 -b '/path/to/d' -F raw -- '/path/to/d.snap'"]);
    expect(c.qmp).toEqual([
      add('{"driver":"file","filename":"/path/to/a.snap","node-name":"libvirt-5-storage","auto-read-only":true,"discard":"unmap"}'),
      add('{"driver":"qcow2","node-name":"libvirt-5-format","file":"libvirt-5-storage","backing":null}'),
      add('{"driver":"file","filename":"/path/to/d.snap","node-name":"libvirt-6-storage","auto-read-only":true,"discard":"unmap"}'),
      add('{"driver":"qcow2","node-name":"libvirt-6-format","file":"libvirt-6-storage","backing":null}'),
      '{"execute":"transaction","arguments":{"actions":[' +
        '{"type":"blockdev-snapshot","data":{"node":"libvirt-0-format","overlay":"libvirt-5-format"}},' +
        '{"type":"blockdev-snapshot","data":{"node":"libvirt-3-format","overlay":"libvirt-6-format"}}]}}',
    ]);
  });

  it('snapshot of the quorum: the overlay header takes a member size and drops the backing name', () => {
    const c = commands('mail-quorum', { kind: 'snapshot', targets: [{ at: 'hda', file: '/path/to/q.snap' }] });
    expect(c.prepare).toEqual(["qemu-img create -f qcow2 -b '/path/to/a' -F raw -- '/path/to/q.snap'", "qemu-img rebase -u -b '' -- '/path/to/q.snap'"]);
    expect(c.qmp.at(-1)).toBe('{"execute":"blockdev-snapshot","arguments":{"node":"libvirt-4-format","overlay":"libvirt-5-format"}}');
  });

  it("commit in a member's chain and mirror of a member: refused while running; offline, no QMP and the reason", () => {
    const running = load('mail-quorum');
    const commit: OpRequest = { kind: 'commit', top: 'hda[2]', base: 'hda[3]' };
    const copy: OpRequest = { kind: 'copy', at: 'hda[1]', dest: '/path/to/a.copy' };
    for (const req of [commit, copy]) {
      const r = perform(running, req);
      expect(r.ok ? 'applied' : r.reason).toMatch(/quorum member's chain, and QEMU runs .* only along the backing chain of a root node \("Need a root block node"\)/);
      const offline = { ...running, state: 'offline' as const };
      const o = applyOk(offline, req);
      const hc = commandsOf(offline, req, o.doc)!;
      expect(hc.qmp).toEqual([]);
      expect(hc.virsh[1]).toMatch(/^# Once it runs: .*Need a root block node/);
    }
  });

  it('pull into a member: block-stream on the member; b is deleted', () => {
    expect(commands('mail-quorum', { kind: 'pull', top: 'hda[2]' }).qmp).toEqual([
      '{"execute":"block-stream","arguments":{"job-id":"pull-hda-libvirt-2-format","device":"libvirt-2-format"}}',
      del('libvirt-1-format'),
      del('libvirt-1-storage'),
    ]);
  });

  it('quorum-add: a raw member (with its raw format node, as libvirt makes them) of the first member size, attached with x-blockdev-change', () => {
    expect(commands('mail-quorum', { kind: 'quorum-add', at: 'hda', file: '/path/to/e' })).toEqual({
      virsh: ["# add a member to ide0-0-0[4] (quorum): libvirt has no quorum (the design mail's proposal was never merged), so there is no virsh command; use the QMP commands."],
      prepare: [size('/path/to/a'), `qemu-img create -f raw -- '/path/to/e' "$size"`],
      qmp: [
        add('{"driver":"file","filename":"/path/to/e","node-name":"libvirt-5-storage","auto-read-only":true,"discard":"unmap"}'),
        add('{"driver":"raw","node-name":"libvirt-5-format","file":"libvirt-5-storage"}'),
        '{"execute":"x-blockdev-change","arguments":{"parent":"libvirt-4-format","node":"libvirt-5-format"}}',
      ],
      notes: ["The new member must have the same virtual size as the others, and it starts with its own content: QEMU does not copy the other members' data into it."],
    });
  });

  it('quorum-remove: the edge children.K with K the member index as read, then blockdev-del', () => {
    const c = commands('mail-quorum', { kind: 'quorum-remove', at: 'hda[4]' });
    expect(c.qmp).toEqual(['{"execute":"x-blockdev-change","arguments":{"parent":"libvirt-4-format","child":"children.2"}}', del('libvirt-3-format'), del('libvirt-3-storage')]);
    expect(c.notes[0]).toMatch(/never reuses an edge number/);
  });

  it('threshold: no virsh and no live QMP command; said in a comment and a note', () => {
    const c = commands('mail-quorum', { kind: 'threshold', at: 'hda', value: 3 });
    expect(c.virsh).toEqual(["# threshold of ide0-0-0[4] (quorum): libvirt has no quorum (the design mail's proposal was never merged), so there is no virsh command."]);
    expect(c.qmp).toEqual([]);
    expect(c.notes[0]).toMatch(/cannot change a running quorum's vote-threshold/);
  });
});

describe('addresses and names', () => {
  it('a domain: its <name>; every other disk is excluded from a --disk-only snapshot', () => {
    expect(commands('multi-disk', { kind: 'snapshot', targets: [{ at: 'vda', file: '/s.qcow2' }] }).virsh).toEqual([
      'virsh snapshot-create-as multi --disk-only --atomic --no-metadata --diskspec vda,file=/s.qcow2,snapshot=external --diskspec vdb,snapshot=no --diskspec sda,snapshot=no',
    ]);
  });

  it('a running libvirt chain with gaps: vda[N] and libvirt-N-… use the index', () => {
    const c = commands('live-chain', { kind: 'commit', top: 'vda[3]', base: 'vda[1]' });
    expect(c.virsh).toEqual(["virsh blockcommit demo vda --top 'vda[3]' --base 'vda[1]' --wait"]);
    expect(c.qmp[1]).toBe('{"execute":"block-commit","arguments":{"job-id":"commit-vda-libvirt-3-format","device":"libvirt-4-format","top-node":"libvirt-3-format","base-node":"libvirt-1-format"}}');
  });

  it('proposal dialect: virsh gets paths (proposal ids are not libvirt indexes); QMP names use the ids, from 0', () => {
    const converted = convert({ ...load('mail-chain'), state: 'offline' }, 'proposal');
    if (!converted.ok) throw new Error(converted.reason);
    const doc: DomainDoc = { ...converted.doc, state: 'running' };
    const req: OpRequest = { kind: 'commit', top: 'vda[1]', base: 'vda[2]' };
    const r = applyOk(doc, req);
    const c = hostCommands(doc, req, r.doc);
    expect(c.virsh).toEqual([PH, `virsh blockcommit DOMAIN vda --top ${IMG}/mid.qcow2 --base ${IMG}/base.qcow2 --wait`]);
    expect(c.qmp[1]).toEqual({
      execute: 'block-commit',
      arguments: { 'job-id': 'commit-vda-libvirt-1-format', device: 'libvirt-2-format', 'top-node': 'libvirt-1-format', 'base-node': 'libvirt-0-format' },
    });
  });

  it('a comma in a path is doubled in --diskspec; odd paths are quoted', () => {
    const c = commands('mail-chain', { kind: 'snapshot', targets: [{ at: 'vda', file: "/a,b/it's.qcow2" }] });
    expect(c.virsh[1]).toContain(`--diskspec 'vda,file=/a,,b/it'\\''s.qcow2,snapshot=external'`);
  });

  it('every generated node-name and job id is legal for QEMU', () => {
    const c = commands('mail-quorum', { kind: 'snapshot', targets: [{ at: 'hda[1]' }, { at: 'hda[2]' }] });
    const names = c.qmp.flatMap((l) => [...l.matchAll(/"(?:node-name|node|overlay|job-id)":"([^"]+)"/g)].map((m) => m[1]!));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(isLegalNodeName(n), n).toBe(true);
  });

  it('formatHostCommands: virsh, then sh to run first, then one QMP command per line, notes last', () => {
    const doc = load('mail-chain');
    const req: OpRequest = { kind: 'pull', top: 'vda', base: 'vda[3]' };
    const r = applyOk(doc, req);
    const text = formatHostCommands(hostCommands(doc, req, r.doc));
    expect(text.split('\n').slice(0, 5)).toEqual([
      '# virsh',
      PH,
      "virsh blockpull DOMAIN vda --base 'vda[3]' --wait",
      '# QMP: one command per line',
      '{"execute":"block-stream","arguments":{"job-id":"pull-vda-libvirt-1-format","device":"libvirt-1-format","base-node":"libvirt-3-format"}}',
    ]);
    expect(text).toMatch(/\n# note: Send the commands after block-stream once QEMU reports BLOCK_JOB_COMPLETED for pull-vda-libvirt-1-format\.\n$/);
  });
});
