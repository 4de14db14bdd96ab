/**
 * Real images and the real tools' outputs about them, shared by the fixture
 * capture (capture.ts) and the real-tool suite (real.test.ts), so the saved
 * fixtures are exactly what the suite checks live. Three hosts:
 * - qemu-img on images it made (raw, qcow2, relative backing, a header with
 *   no backing format, dirty, corrupt, 60 levels);
 * - a bare QEMU after the blockdev-add sequence of Strata's own export;
 * - libvirt 9.0's embedded QEMU driver with one running domain.
 * Every function returns `{ fixture path: tool output }` and the documents
 * the outputs must import to ("truth").
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toText } from '../../../src/core/io/document';
import { exportQemuImg } from '../../../src/core/export/qemuImg';
import { exportQmp } from '../../../src/core/export/qmp';
import type { DomainDoc } from '../../../src/core/model/types';
import { asRunning, load } from '../../helpers/load';
import { QEMU_IMG, runQmp, startQemu } from '../../helpers/qmp';
import type { Qmp } from '../../helpers/qmp';

export type Outputs = Record<string, string>;

export function run(cmd: string, args: readonly string[], cwd?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

const img = (...args: string[]): string => run(QEMU_IMG, args);
const info = (path: string, chain = true, cwd?: string): string =>
  run(QEMU_IMG, ['info', ...(chain ? ['--backing-chain'] : []), '--output=json', '-U', path], cwd);

/** A qcow2 header with a backing file and no backing format: qemu-img 7.2 refuses to write one (create -u and rebase -u both want -F), blockdev-create does not. */
async function noFormatHeader(qmp: Qmp, path: string, backing: string): Promise<void> {
  writeFileSync(path, '');
  await qmp.send({ execute: 'blockdev-add', arguments: { driver: 'file', filename: path, 'node-name': 'nofmt-file' } });
  await qmp.send({ execute: 'blockdev-create', arguments: { 'job-id': 'nofmt', options: { driver: 'qcow2', file: 'nofmt-file', size: 1 << 20, 'backing-file': backing } } });
  // blockdev-create jobs wait to be dismissed.
  await qmp.jobStatus('nofmt', 'concluded');
  await qmp.send({ execute: 'job-dismiss', arguments: { id: 'nofmt' } });
  await qmp.send({ execute: 'blockdev-del', arguments: { 'node-name': 'nofmt-file' } });
}

/**
 * QEMU marks a qcow2 image corrupt when a write would land on its metadata:
 * point L1[0] at the refcount table (bytes patched, the header read for
 * the offsets), then let qemu-io write the guest's first cluster.
 */
function markCorrupt(path: string): void {
  img('create', '-q', '-f', 'qcow2', path, '1M');
  run('qemu-io', ['-c', 'write 0 64k', path]);
  const header = Buffer.alloc(64);
  const fd = openSync(path, 'r+');
  try {
    readSync(fd, header, 0, 64, 0);
    const l1 = header.readBigUInt64BE(40);
    const refcountTable = header.readBigUInt64BE(48);
    const entry = Buffer.alloc(8);
    entry.writeBigUInt64BE((1n << 63n) | refcountTable);
    writeSync(fd, entry, 0, 8, Number(l1));
  } finally {
    closeSync(fd);
  }
  spawnSync('qemu-io', ['-c', 'write 0 64k', path], { encoding: 'utf8' });
}

/** The levels of the deep chain: more than MAX_CHAIN_LEVELS (50). */
export const DEEP = 60;

/**
 * qemu-img's view of images it made in `dir`; `qmp` (a bare QEMU) writes
 * the one header qemu-img refuses to.
 */
export async function qemuImgOutputs(dir: string, qmp: Qmp): Promise<Outputs> {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  const p = (f: string): string => join(dir, f);
  img('create', '-q', '-f', 'raw', p('base.raw'), '1M');
  img('create', '-q', '-f', 'qcow2', '-b', p('base.raw'), '-F', 'raw', p('mid.qcow2'));
  img('create', '-q', '-f', 'qcow2', '-b', p('mid.qcow2'), '-F', 'qcow2', p('top.qcow2'));
  // qemu-img resolves a relative -b against the overlay's directory.
  img('create', '-q', '-f', 'qcow2', '-b', '../mid.qcow2', '-F', 'qcow2', p('sub/rel.qcow2'));
  img('create', '-q', '-f', 'qcow2', p('nfbase.qcow2'), '1M');
  await noFormatHeader(qmp, p('nf.qcow2'), p('nfbase.qcow2'));
  // Lazy refcounts and a crash (qemu-io's abort) leave the dirty flag set.
  img('create', '-q', '-f', 'qcow2', '-o', 'lazy_refcounts=on', p('dirty.qcow2'), '1M');
  spawnSync('qemu-io', ['-c', 'write 0 64k', '-c', 'abort', p('dirty.qcow2')]);
  markCorrupt(p('corrupt.qcow2'));
  img('create', '-q', '-f', 'qcow2', p('d0.qcow2'), '1M');
  for (let i = 1; i < DEEP; i++) img('create', '-q', '-f', 'qcow2', '-b', p(`d${i - 1}.qcow2`), '-F', 'qcow2', p(`d${i}.qcow2`));
  return {
    'qemu-img/chain.json': info(p('top.qcow2')),
    'qemu-img/single.json': info(p('top.qcow2'), false),
    'qemu-img/raw.json': info(p('base.raw')),
    'qemu-img/raw-single.json': info(p('base.raw'), false),
    'qemu-img/relative.json': info(p('sub/rel.qcow2')),
    // Run where the images are, with a relative name: every path printed is relative.
    'qemu-img/relative-cwd.json': info('sub/rel.qcow2', true, dir),
    'qemu-img/no-backing-format.json': info(p('nf.qcow2')),
    'qemu-img/no-backing-format-single.json': info(p('nf.qcow2'), false),
    'qemu-img/dirty.json': info(p('dirty.qcow2'), false),
    'qemu-img/corrupt.json': info(p('corrupt.qcow2'), false),
    'qemu-img/deep.json': info(p(`d${DEEP - 1}.qcow2`)),
  };
}

/** The chains the qemu-img outputs describe, in the libvirt dialect (offline: qemu-img knows no ids). */
export function qemuImgTruth(dir: string): Record<string, string> {
  const layer = (path: string, format: string, inner: string): string =>
    `<backingStore type='file'><format type='${format}'/><source file='${path}'/>${inner}</backingStore>`;
  const disk = (path: string, format: string, inner: string): string =>
    `<disk type='file' device='disk'><driver name='qemu' type='${format}'/><source file='${path}'/>${inner}<target dev='vda' bus='virtio'/></disk>`;
  const p = (f: string): string => join(dir, f);
  const end = '<backingStore/>';
  let deep = end;
  for (let i = 0; i < DEEP - 1; i++) deep = layer(p(`d${i}.qcow2`), 'qcow2', deep);
  return {
    'qemu-img/chain.json': disk(p('top.qcow2'), 'qcow2', layer(p('mid.qcow2'), 'qcow2', layer(p('base.raw'), 'raw', end))),
    'qemu-img/single.json': disk(p('top.qcow2'), 'qcow2', ''),
    'qemu-img/raw.json': disk(p('base.raw'), 'raw', end),
    'qemu-img/raw-single.json': disk(p('base.raw'), 'raw', end),
    // rel names ../mid.qcow2 (relative, kept as qemu-img resolved it); mid names base.raw by its absolute path.
    'qemu-img/relative.json': disk(p('sub/rel.qcow2'), 'qcow2', layer(`${dir}/sub/../mid.qcow2`, 'qcow2', layer(p('base.raw'), 'raw', end))),
    'qemu-img/relative-cwd.json': disk('sub/rel.qcow2', 'qcow2', layer('sub/../mid.qcow2', 'qcow2', layer(p('base.raw'), 'raw', end))),
    'qemu-img/no-backing-format.json': disk(p('nf.qcow2'), 'qcow2', layer(p('nfbase.qcow2'), 'qcow2', end)),
    'qemu-img/no-backing-format-single.json': disk(p('nf.qcow2'), 'qcow2', ''),
    'qemu-img/dirty.json': disk(p('dirty.qcow2'), 'qcow2', end),
    'qemu-img/corrupt.json': disk(p('corrupt.qcow2'), 'qcow2', end),
    'qemu-img/deep.json': disk(p(`d${DEEP - 1}.qcow2`), 'qcow2', deep),
  };
}

/** A running libvirt-dialect guest for the bare QEMU: vdc's chain is left open, so QEMU opens c0 itself (no node-name of libvirt's); vdd ends over a header that names a backing file. */
export function exportChainXml(dir: string): string {
  const p = (f: string): string => join(dir, f);
  return `<domain type='qemu'><name>bare</name><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${p('top.qcow2')}' index='3'/><backingStore type='file' index='2'><format type='qcow2'/><source file='${p('mid.qcow2')}'/><backingStore type='file' index='1'><format type='raw'/><source file='${p('base.raw')}'/><backingStore/></backingStore></backingStore><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${p('b.raw')}' index='4'/><backingStore/><target dev='vdb' bus='virtio'/></disk>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${p('c1.qcow2')}' index='5'/><target dev='vdc' bus='virtio'/></disk>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${p('t1.qcow2')}' index='6'/><backingStore/><target dev='vdd' bus='virtio'/></disk>
</devices></domain>`;
}

/**
 * An overlay on a quorum of two raw images and a chain, and a plain disk (the proposal dialect; running, ids
 * given per disk): with two disks Strata's export puts the target in every node-name (`libvirt-vdb-0-format`).
 */
export function exportQuorumXml(dir: string): string {
  const p = (f: string): string => join(dir, f);
  const raw = (f: string, i: number, id: number): string =>
    `<backingStore type='file' index='${i}'><driver name='qemu' type='raw' node='[${id}]'/><source file='${p(f)}'/><backingStore/></backingStore>`;
  const quorum = `<disk type='file' device='disk'><driver name='qemu' type='qcow2' node='[5]'/><source file='${p('qtop.qcow2')}'/>
<backingStore type='quorum' index='1'><driver name='qemu' type='quorum' threshold='2' node='[4]'/>${raw('m1.raw', 2, 0)}${raw('m2.raw', 3, 1)}
<backingStore type='file' index='4'><driver name='qemu' type='qcow2' node='[3]'/><source file='${p('m3.qcow2')}'/>${raw('m3base.raw', 5, 2)}</backingStore>
</backingStore><target dev='vda' bus='virtio'/></disk>`;
  const plain = `<disk type='file' device='disk'><driver name='qemu' type='raw' node='[0]'/><source file='${p('plain.raw')}'/><backingStore/><target dev='vdb' bus='virtio'/></disk>`;
  return `<domain type='qemu'><name>quorum</name><devices>${quorum}${plain}</devices></domain>`;
}

function createImages(doc: DomainDoc, dir: string, name: string): void {
  const script = join(dir, `${name}.sh`);
  writeFileSync(script, exportQemuImg(doc, { size: '1M' }));
  run('sh', [script]);
}

/** QEMU's own account of topologies Strata's QMP export built (a bare `qemu-system-x86_64 -machine none`). */
export async function qmpOutputs(dir: string, procs: ChildProcess[]): Promise<{ outputs: Outputs; chain: DomainDoc; quorum: DomainDoc }> {
  const chainDir = join(dir, 'chain');
  const quorumDir = join(dir, 'quorum');
  mkdirSync(chainDir, { recursive: true });
  mkdirSync(quorumDir, { recursive: true });
  const chain = load(exportChainXml(chainDir), 'the exported chain');
  // The images of every chain written whole (vdc's c0 too, and t1 over t0), then the guest that leaves vdc open.
  const full = exportChainXml(chainDir)
    .replace(`<source file='${join(chainDir, 'c1.qcow2')}' index='5'/>`, `<source file='${join(chainDir, 'c1.qcow2')}'/><backingStore type='file'><format type='qcow2'/><source file='${join(chainDir, 'c0.qcow2')}'/><backingStore/></backingStore>`)
    .replace(`<source file='${join(chainDir, 't1.qcow2')}' index='6'/><backingStore/>`, `<source file='${join(chainDir, 't1.qcow2')}'/><backingStore type='file'><format type='qcow2'/><source file='${join(chainDir, 't0.qcow2')}'/><backingStore/></backingStore>`)
    .replace(/ index='\d+'/g, '');
  createImages(load(full, 'the whole chain'), chainDir, 'chain');
  const quorum = asRunning(load(exportQuorumXml(quorumDir), 'the exported quorum'));
  createImages(quorum, quorumDir, 'quorum');
  const out: Outputs = {};
  const ask = async (qmp: Qmp, file: string, execute: string, args?: Record<string, unknown>): Promise<void> => {
    out[file] = JSON.stringify(await qmp.send(args ? { execute, arguments: args } : { execute }), null, 2) + '\n';
  };
  const a = await startQemu(join(dir, 'chain.sock'), procs);
  await runQmp(a, exportQmp(chain));
  await ask(a, 'qmp/named-nodes-flat.json', 'query-named-block-nodes', { flat: true });
  await ask(a, 'qmp/named-nodes.json', 'query-named-block-nodes');
  await ask(a, 'qmp/block-graph.json', 'x-debug-query-block-graph');
  const b = await startQemu(join(dir, 'quorum.sock'), procs);
  await runQmp(b, exportQmp(quorum));
  await ask(b, 'qmp/quorum-named-nodes-flat.json', 'query-named-block-nodes', { flat: true });
  await ask(b, 'qmp/quorum-block-graph.json', 'x-debug-query-block-graph');
  out['qmp/export-chain.xml'] = toText(chain);
  out['qmp/export-quorum.xml'] = toText(quorum);
  return { outputs: out, chain, quorum };
}

/** Files made as root must be usable by nobody (libvirt's QEMU runs as nobody here). */
export function giveToNobody(dir: string): void {
  if (process.getuid?.() !== 0) return;
  run('chown', ['-R', 'nobody:nogroup', dir]);
}
