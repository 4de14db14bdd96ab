/**
 * libvirt 9.0's own account of one running guest (the embedded QEMU driver,
 * test/system/libvirt/session.ts): every output `strata import` reads from virsh,
 * taken from one domain so the suite stays fast. Its disks cover what the
 * readers must tell apart: an explicit qcow2 chain, a raw image, a chain
 * left open that libvirt probes (relative backing name in the header), a
 * block device, a header without a backing format, an empty cdrom.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedRoot, VirshSession } from '../../system/libvirt/session';
import { QEMU_IMG } from '../../helpers/qmp';
import type { Qmp } from '../../helpers/qmp';
import type { Outputs } from './tools';
import { giveToNobody, run } from './tools';

export const DOMAIN = 'strata-import';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

/** A loop device over a sparse file; null where loop devices cannot be made (the block disk is then left out). */
function loopDevice(file: string, cleanup: (() => void)[]): string | null {
  run('truncate', ['-s', '1M', file]);
  const r = spawnSync('losetup', ['-f', '--show', file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const dev = r.stdout.trim();
  run('chown', ['nobody:nogroup', dev]);
  cleanup.push(() => spawnSync('losetup', ['-d', dev]));
  return dev;
}

/** A header naming a backing file without its format (see tools.ts: only blockdev-create writes one). */
async function noFormatHeader(qmp: Qmp, path: string, backing: string): Promise<void> {
  writeFileSync(path, '');
  await qmp.send({ execute: 'blockdev-add', arguments: { driver: 'file', filename: path, 'node-name': 'virsh-nofmt' } });
  await qmp.send({ execute: 'blockdev-create', arguments: { 'job-id': 'virsh-nofmt', options: { driver: 'qcow2', file: 'virsh-nofmt', size: 1 << 20, 'backing-file': backing } } });
  // blockdev-create jobs wait to be dismissed.
  await qmp.jobStatus('virsh-nofmt', 'concluded');
  await qmp.send({ execute: 'job-dismiss', arguments: { id: 'virsh-nofmt' } });
  await qmp.send({ execute: 'blockdev-del', arguments: { 'node-name': 'virsh-nofmt' } });
}

export interface VirshRun {
  readonly outputs: Outputs;
  /** The loop device of the block disk, null when there is none. */
  readonly device: string | null;
}

/** One-shot virsh (no `-q`, so tables keep their headers, as a user sees them); the embed driver finds the running guest again. */
function virshOnce(args: readonly string[]): string {
  const base = embedRoot();
  const cmd = [join(base, '.lock'), 'setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'env', `HOME=${base}`, 'virsh', '-c', `qemu:///embed?root=${join(base, 'root')}`, ...args];
  return run('flock', cmd);
}

export async function virshOutputs(dir: string, qmp: Qmp): Promise<VirshRun> {
  const p = (f: string): string => join(dir, f);
  const cleanup: (() => void)[] = [];
  const q = (...a: string[]): string => run(QEMU_IMG, a);
  q('create', '-q', '-f', 'raw', p('base.raw'), '1M');
  q('create', '-q', '-f', 'qcow2', '-b', p('base.raw'), '-F', 'raw', p('mid.qcow2'));
  q('create', '-q', '-f', 'qcow2', '-b', p('mid.qcow2'), '-F', 'qcow2', p('top.qcow2'));
  q('create', '-q', '-f', 'raw', p('b.raw'), '1M');
  q('create', '-q', '-f', 'qcow2', p('c0.qcow2'), '1M');
  // A relative backing name: libvirt resolves it against c1's directory when it probes.
  run(QEMU_IMG, ['create', '-q', '-f', 'qcow2', '-b', 'c0.qcow2', '-F', 'qcow2', 'c1.qcow2'], dir);
  q('create', '-q', '-f', 'qcow2', p('nfbase.qcow2'), '1M');
  await noFormatHeader(qmp, p('nf.qcow2'), p('nfbase.qcow2'));
  const device = existsSync('/usr/sbin/losetup') || existsSync('/sbin/losetup') ? loopDevice(p('blk.img'), cleanup) : null;
  giveToNobody(dir);
  const disk = (type: string, fmt: string | null, src: string, target: string, inner = '', device = 'disk'): string =>
    `<disk type='${type}' device='${device}'>${fmt ? `<driver name='qemu' type='${fmt}'/>` : ''}${src}${inner}<target dev='${target}' bus='${target.startsWith('hd') ? 'ide' : 'virtio'}'/>${device === 'cdrom' ? '<readonly/>' : ''}</disk>`;
  const file = (f: string): string => `<source file='${esc(p(f))}'/>`;
  const layer = (f: string, fmt: string, inner: string): string => `<backingStore type='file'><format type='${fmt}'/>${file(f)}${inner}</backingStore>`;
  const disks = [
    disk('file', 'qcow2', file('top.qcow2'), 'vda', layer('mid.qcow2', 'qcow2', layer('base.raw', 'raw', '<backingStore/>'))),
    disk('file', 'raw', file('b.raw'), 'vdb'),
    disk('file', 'qcow2', file('c1.qcow2'), 'vdc'),
    device ? disk('block', 'raw', `<source dev='${esc(device)}'/>`, 'vdd', '<backingStore/>') : '',
    disk('file', 'qcow2', file('nf.qcow2'), 'vde'),
    disk('file', null, '', 'hdc', '', 'cdrom'),
  ];
  writeFileSync(
    p('dom.xml'),
    `<domain type='qemu'><name>${DOMAIN}</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${disks.join('')}</devices></domain>`,
  );
  giveToNobody(dir);
  const out: Outputs = {};
  const session = VirshSession.open(dir);
  try {
    // A crashed run may have left the guest running (the embed driver keeps QEMU between sessions).
    await session.run(`destroy ${DOMAIN}`);
    await session.must('create dom.xml');
    const monitor = (cmd: string): string => `qemu-monitor-command ${DOMAIN} '${cmd}'`;
    const asks: Record<string, string> = {
      'virsh/dumpxml.xml': `dumpxml ${DOMAIN}`,
      'virsh/domblklist-quiet.txt': `domblklist ${DOMAIN} --details`,
      'virsh/domstats-backing.txt': `domstats ${DOMAIN} --block --backing`,
      'virsh/domstats.txt': `domstats ${DOMAIN} --block`,
      'virsh/named-nodes-flat.json': monitor('{"execute":"query-named-block-nodes","arguments":{"flat":true}}'),
      'virsh/named-nodes.json': monitor('{"execute":"query-named-block-nodes"}'),
      'virsh/named-nodes-pretty.json': `qemu-monitor-command ${DOMAIN} --pretty '{"execute":"query-named-block-nodes","arguments":{"flat":true}}'`,
      'virsh/query-block.json': monitor('{"execute":"query-block"}'),
      'virsh/block-graph.json': monitor('{"execute":"x-debug-query-block-graph"}'),
    };
    for (const [f, cmd] of Object.entries(asks)) out[f] = await session.must(cmd);
  } catch (e) {
    await session.run(`destroy ${DOMAIN}`).catch(() => {});
    throw e;
  } finally {
    await session.close();
  }
  try {
    out['virsh/domblklist-details.txt'] = virshOnce(['domblklist', DOMAIN, '--details']);
    out['virsh/domblklist.txt'] = virshOnce(['domblklist', DOMAIN]);
  } finally {
    spawnSync('flock', [join(embedRoot(), '.lock'), 'setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'env', `HOME=${embedRoot()}`, 'virsh', '-c', `qemu:///embed?root=${join(embedRoot(), 'root')}`, 'destroy', DOMAIN]);
    for (const c of cleanup.reverse()) c();
  }
  return { outputs: out, device };
}
