/**
 * Rebase on real images (qemu-img, qemu-io and QEMU 7.2; domain.md §5, §6).
 * Each case writes distinct data into each layer with qemu-io, applies
 * Strata's rebase, runs exactly the commands Strata prints (the sh lines
 * through `sh -c`; the QMP commands on a QEMU built from the document's
 * export), then checks with `qemu-img info --backing-chain` that the images
 * form the chain of Strata's result and with `qemu-img compare` / qemu-io
 * reads that what the guest sees through U did not change. Skipped, with
 * the reason, where a tool is missing.
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCommands } from '../../src/core/commands';
import { qemuNames } from '../../src/core/export/names';
import { exportQmp } from '../../src/core/export/qmp';
import { loadText } from '../../src/core/io/document';
import type { DomainDoc, SrcNode } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';
import { sourceText } from '../../src/core/numbers/names';
import { perform } from '../../src/core/operations/registry';
import { resolveAt } from '../../src/core/ops/locate';
import type { OpRequest } from '../../src/core/ops/request';
import type { Qmp } from '../helpers/qmp';
import { QEMU, QEMU_IMG, qemuGraph, runQmp, startQemu } from '../helpers/qmp';
import { skipNote } from '../helpers/skip';

const QEMU_IO = '/usr/bin/qemu-io';
const SUITE = 'test/system/rebase.test.ts';
const offlineMissing = [QEMU_IMG, QEMU_IO].filter((p) => !existsSync(p));
const liveMissing = [...offlineMissing, QEMU].filter((p) => !existsSync(p));
if (offlineMissing.length > 0) skipNote(SUITE, `${offlineMissing.join(' and ')} not installed (scripts/system-deps.sh installs qemu-utils)`);
else if (liveMissing.length > 0) skipNote(`${SUITE} (running guest)`, `${QEMU} not installed (scripts/system-deps.sh installs qemu-system-x86)`);

let dir = '';
let cases = 0;
const procs: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-rebase-'));
});
afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function run(cmd: string, args: readonly string[]): { status: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function must(cmd: string, args: readonly string[]): string {
  const r = run(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.out}`);
  return r.out;
}

/** A layer to create: its file, format, what it holds, and its backing file. */
interface Layer {
  readonly name: string;
  readonly fmt: 'qcow2' | 'raw';
  /** qemu-io writes: [pattern, offset KiB, length KiB]. */
  readonly writes: readonly (readonly [number, number, number])[];
  readonly below?: string;
}

/** Creates the layers (bases first, 1 MiB each) in `sub` and writes their data. */
function createLayers(sub: string, layers: readonly Layer[]): void {
  const fmtOf = new Map(layers.map((l) => [l.name, l.fmt]));
  for (const l of [...layers].reverse()) {
    const path = join(sub, l.name);
    if (l.below === undefined) must(QEMU_IMG, ['create', '-q', '-f', l.fmt, path, '1M']);
    else must(QEMU_IMG, ['create', '-q', '-f', l.fmt, '-b', join(sub, l.below), '-F', fmtOf.get(l.below)!, path]);
    for (const [p, off, len] of l.writes) must(QEMU_IO, ['-f', l.fmt, '-c', `write -q -P 0x${p.toString(16)} ${off}k ${len}k`, path]);
  }
}

/** The guest's view through an image: its whole virtual disk as a raw file (for qemu-img compare). */
function snapshotView(path: string, name: string): string {
  const out = join(dir, `view${cases}-${name}.raw`);
  must(QEMU_IMG, ['convert', '-U', '-O', 'raw', path, out]);
  return out;
}

function compare(raw: string, path: string): { status: number; out: string } {
  return run(QEMU_IMG, ['compare', '-f', 'raw', raw, path]);
}

interface ChainEntry {
  readonly filename: string;
  readonly format: string;
  readonly 'backing-filename'?: string;
  readonly 'backing-filename-format'?: string;
}

function backingChain(path: string): ChainEntry[] {
  return JSON.parse(must(QEMU_IMG, ['info', '-U', '--backing-chain', '--output=json', path])) as ChainEntry[];
}

/** The chain below (and including) node `n` as the document has it: [file, format] each. */
function docChain(n: SrcNode): string[][] {
  const out: string[][] = [];
  for (let x: SrcNode | undefined = n; x; x = x.backing[0]) out.push([sourceText(x)!, x.format!]);
  return out;
}

function xmlPath(p: string): string {
  return p.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
}

/** A libvirt disk: a top (a name in `sub`, or an absolute path such as a device) over file layers, `<format>` on each. */
function libvirtDisk(sub: string, names: readonly [string, string][], type = 'file', attr = 'file'): string {
  const [first, ...rest] = names;
  const [top, topFmt] = first!;
  let inner = '<backingStore/>';
  for (const [name, fmt] of [...rest].reverse()) inner = `<backingStore type='file'><format type='${fmt}'/><source file='${xmlPath(join(sub, name))}'/>${inner}</backingStore>`;
  return `<disk type='${type}' device='disk'><driver name='qemu' type='${topFmt}'/><source ${attr}='${xmlPath(top.startsWith('/') ? top : join(sub, top))}'/>${inner}<target dev='vda' bus='virtio'/></disk>`;
}

function load(text: string, state: 'offline' | 'running'): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.col}: ${r.error.message}`);
  return { ...r.doc, state };
}

function nodeAt(doc: DomainDoc, address: string): SrcNode {
  const loc = resolveAt(doc, address);
  if (typeof loc === 'string') throw new Error(loc);
  return loc.node;
}

function applyRebase(doc: DomainDoc, u: string, n: string): { req: OpRequest; after: DomainDoc; uNode: SrcNode } {
  const req: OpRequest = { kind: 'rebase', uid: nodeAt(doc, u).uid, onto: nodeAt(doc, n).uid };
  const r = perform(doc, req);
  if (!r.ok) throw new Error(r.reason);
  const uNode = preorder(r.doc.disks[0]!.src).find((v) => v.node.uid === req.uid)!.node;
  return { req, after: r.doc, uNode };
}

function newCase(name = `case${cases}`): string {
  cases++;
  const sub = join(dir, name);
  mkdirSync(sub, { recursive: true });
  return sub;
}

/** base <- mid <- top, each with data of its own, partly hidden by the layers above. */
const THREE: readonly Layer[] = [
  { name: 'top.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'mid.qcow2' },
  { name: 'mid.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]], below: 'base.qcow2' },
  { name: 'base.qcow2', fmt: 'qcow2', writes: [[0x11, 0, 192]] },
];
/** The guest's view of THREE through top: 0x11, 0x22, 0x33 in the first three 64 KiB, zeros after. */
const THREE_READS = ['read -P 0x11 0 64k', 'read -P 0x22 64k 64k', 'read -P 0x33 128k 64k', 'read -P 0 192k 832k'];

function reads(path: string, fmt: string, what: readonly string[]): { status: number; out: string } {
  return run(QEMU_IO, ['-r', '-U', '-f', fmt, ...what.flatMap((c) => ['-c', c]), path]);
}

describe.skipIf(offlineMissing.length > 0)('offline rebase: the printed qemu-img line on real images', () => {
  it('top onto base (the skipped mid held 0x22): top -> base, what top reads unchanged, mid untouched and valid', () => {
    const sub = newCase();
    createLayers(sub, THREE);
    const doc = load(libvirtDisk(sub, [['top.qcow2', 'qcow2'], ['mid.qcow2', 'qcow2'], ['base.qcow2', 'qcow2']]), 'offline');
    const top = join(sub, 'top.qcow2');
    const before = snapshotView(top, 'top');
    const midBefore = snapshotView(join(sub, 'mid.qcow2'), 'mid');
    expect(reads(top, 'qcow2', THREE_READS).status).toBe(0);

    const { req, after, uNode } = applyRebase(doc, 'vda', join(sub, 'base.qcow2'));
    const hc = hostCommands(doc, req, after);
    expect(hc.qmp).toEqual([]);
    expect(hc.prepare).toEqual([`qemu-img rebase -f qcow2 -b ${join(sub, 'base.qcow2')} -F qcow2 -- ${top}`]);
    for (const line of hc.prepare) must('sh', ['-c', line]);

    const chain = backingChain(top);
    expect(chain.map((c) => [c.filename.startsWith('/') ? c.filename : join(sub, c.filename), c.format])).toEqual(docChain(uNode));
    expect(chain[0]!['backing-filename-format']).toBe('qcow2');
    expect(compare(before, top)).toEqual({ status: 0, out: 'Images are identical.\n' });
    expect(reads(top, 'qcow2', THREE_READS).status).toBe(0);
    // mid left the chain but is a valid image with its own view unchanged.
    expect(run(QEMU_IMG, ['check', join(sub, 'mid.qcow2')]).status).toBe(0);
    expect(compare(midBefore, join(sub, 'mid.qcow2')).status).toBe(0);
    // Safe mode copied mid's cluster into top: 64k..128k is now top's own (depth 0).
    const map = JSON.parse(must(QEMU_IMG, ['map', '--output=json', top])) as { start: number; length: number; depth: number; data: boolean }[];
    expect(map.find((m) => m.start === 65536)).toMatchObject({ depth: 0, data: true });
  });

  it('a backing layer of a 4-chain (m2 onto base): the top still reads the same, through top -> m2 -> base', () => {
    const sub = newCase();
    createLayers(sub, [
      { name: 'top.qcow2', fmt: 'qcow2', writes: [[0x44, 192, 64]], below: 'm2.qcow2' },
      { name: 'm2.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'm1.qcow2' },
      { name: 'm1.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]], below: 'base.raw' },
      { name: 'base.raw', fmt: 'raw', writes: [[0x11, 0, 256]] },
    ]);
    const doc = load(libvirtDisk(sub, [['top.qcow2', 'qcow2'], ['m2.qcow2', 'qcow2'], ['m1.qcow2', 'qcow2'], ['base.raw', 'raw']]), 'offline');
    const top = join(sub, 'top.qcow2');
    const before = snapshotView(top, 'top');
    const m2Before = snapshotView(join(sub, 'm2.qcow2'), 'm2');
    const { req, after, uNode } = applyRebase(doc, join(sub, 'm2.qcow2'), join(sub, 'base.raw'));
    const hc = hostCommands(doc, req, after);
    expect(hc.prepare).toEqual([`qemu-img rebase -f qcow2 -b ${join(sub, 'base.raw')} -F raw -- ${join(sub, 'm2.qcow2')}`]);
    for (const line of hc.prepare) must('sh', ['-c', line]);
    expect(backingChain(join(sub, 'm2.qcow2')).map((c) => [c.filename.startsWith('/') ? c.filename : join(sub, c.filename), c.format])).toEqual(docChain(uNode));
    expect(backingChain(top).map((c) => c.filename)).toEqual([top, join(sub, 'm2.qcow2'), join(sub, 'base.raw')]);
    expect(compare(before, top).status).toBe(0);
    expect(compare(m2Before, join(sub, 'm2.qcow2')).status).toBe(0);
    expect(reads(top, 'qcow2', ['read -P 0x11 0 64k', 'read -P 0x22 64k 64k', 'read -P 0x33 128k 64k', 'read -P 0x44 192k 64k']).status).toBe(0);
  });

  it("paths with a space, a quote and a $ survive the sh line; a quorum member's chain (proposal) is rebased like any image", () => {
    const sub = newCase("it's a $HOME dir");
    createLayers(sub, [
      { name: 'a2.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'a1.qcow2' },
      { name: 'a1.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]], below: 'a0.raw' },
      { name: 'a0.raw', fmt: 'raw', writes: [[0x11, 0, 192]] },
    ]);
    createLayers(sub, [{ name: 'b0.raw', fmt: 'raw', writes: [[0x55, 0, 64]] }]);
    const p = (n: string): string => xmlPath(join(sub, n));
    const doc = load(
      `<disk type='quorum' device='disk'><driver name='qemu' type='quorum' threshold='1'/>
        <backingStore type='file' index='1'><driver name='qemu' type='qcow2'/><source file='${p('a2.qcow2')}'/>
          <backingStore type='file' index='2'><driver name='qemu' type='qcow2'/><source file='${p('a1.qcow2')}'/>
            <backingStore type='file' index='3'><driver name='qemu' type='raw'/><source file='${p('a0.raw')}'/><backingStore/></backingStore>
          </backingStore>
        </backingStore>
        <backingStore type='file' index='4'><driver name='qemu' type='raw'/><source file='${p('b0.raw')}'/><backingStore/></backingStore>
        <target dev='vda' bus='virtio'/></disk>`,
      'offline',
    );
    expect(doc.dialect).toBe('proposal');
    const a2 = join(sub, 'a2.qcow2');
    const before = snapshotView(a2, 'a2');
    const { req, after, uNode } = applyRebase(doc, 'vda[1]', 'vda[3]');
    const hc = hostCommands(doc, req, after);
    expect(hc.prepare).toHaveLength(1);
    expect(hc.prepare[0]).toContain(`'${join(sub, 'a0.raw').replace(/'/g, `'\\''`)}'`);
    for (const line of hc.prepare) must('sh', ['-c', line]);
    expect(backingChain(a2).map((c) => [c.filename.startsWith('/') ? c.filename : join(sub, c.filename), c.format])).toEqual(docChain(uNode));
    expect(compare(before, a2).status).toBe(0);
  });

  it('a qcow2 image on a block device (a loop device): qemu-img rebase works on the device path', (ctx) => {
    const sub = newCase();
    createLayers(sub, THREE.slice(1));
    const loopFile = join(sub, 'top.loopfile');
    writeFileSync(loopFile, '');
    truncateSync(loopFile, 4 << 20);
    const lo = run('losetup', ['-f', '--show', loopFile]);
    if (lo.status !== 0) {
      skipNote(`${SUITE} (block device)`, `losetup could not attach a loop device here: ${lo.out.trim()}`);
      ctx.skip();
      return;
    }
    const dev = lo.out.trim();
    try {
      must(QEMU_IMG, ['create', '-q', '-f', 'qcow2', '-b', join(sub, 'mid.qcow2'), '-F', 'qcow2', dev, '1M']);
      must(QEMU_IO, ['-f', 'qcow2', '-c', 'write -q -P 0x33 128k 64k', dev]);
      const doc = load(libvirtDisk(sub, [[dev, 'qcow2'], ['mid.qcow2', 'qcow2'], ['base.qcow2', 'qcow2']], 'block', 'dev'), 'offline');
      const before = snapshotView(dev, 'dev');
      const { req, after, uNode } = applyRebase(doc, 'vda', join(sub, 'base.qcow2'));
      const hc = hostCommands(doc, req, after);
      expect(hc.prepare).toEqual([`qemu-img rebase -f qcow2 -b ${join(sub, 'base.qcow2')} -F qcow2 -- ${dev}`]);
      for (const line of hc.prepare) must('sh', ['-c', line]);
      expect(backingChain(dev).map((c) => [c.filename, c.format])).toEqual(docChain(uNode));
      expect(compare(before, dev).status).toBe(0);
      expect(reads(dev, 'qcow2', THREE_READS).status).toBe(0);
    } finally {
      run('losetup', ['-d', dev]);
    }
  });
});

describe.skipIf(offlineMissing.length > 0)('what qemu-img 7.2 does where Strata refuses an offline rebase', () => {
  it('raw, qcow (v1) and vmdk cannot change their backing file; -F is required; a relative -b is read from the image\'s directory', () => {
    const sub = newCase();
    createLayers(sub, THREE);
    const base = join(sub, 'base.qcow2');
    const refused = (fmt: string, extra: string[] = []): string => {
      const path = join(sub, `u.${fmt}`);
      must(QEMU_IMG, ['create', '-q', '-f', fmt, path, '1M']);
      const r = run(QEMU_IMG, ['rebase', '-f', fmt, '-b', base, '-F', 'qcow2', ...extra, '--', path]);
      expect(r.status).toBe(1);
      return r.out.trim();
    };
    expect(refused('raw')).toBe(`qemu-img: Could not change the backing file to '${base}': Operation not supported`);
    expect(refused('qcow')).toBe(`qemu-img: Could not change the backing file to '${base}': Operation not supported`);
    expect(refused('vmdk')).toBe(`qemu-img: Could not change the backing file to '${base}': Operation not supported`);
    // qed can (Strata allows it).
    must(QEMU_IMG, ['create', '-q', '-f', 'qed', join(sub, 'u.qed'), '1M']);
    expect(run(QEMU_IMG, ['rebase', '-f', 'qed', '-b', base, '-F', 'qcow2', '--', join(sub, 'u.qed')]).status).toBe(0);
    const noF = run(QEMU_IMG, ['rebase', '-f', 'qcow2', '-b', base, '--', join(sub, 'top.qcow2')]);
    expect(noF).toEqual({ status: 1, out: `qemu-img: Could not change the backing file to '${base}': backing format must be specified\n` });
    mkdirSync(join(sub, 'sub'));
    must(QEMU_IMG, ['create', '-q', '-f', 'qcow2', '-b', join(sub, 'mid.qcow2'), '-F', 'qcow2', join(sub, 'sub', 'o.qcow2')]);
    const rel = run(QEMU_IMG, ['rebase', '-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2', '--', join(sub, 'sub', 'o.qcow2')]);
    expect(rel.status).toBe(1);
    expect(rel.out).toContain(`Could not open '${join(sub, 'sub', 'base.qcow2')}'`);
  });
});

/** The graph the document describes, as qemuGraph prints QEMU's (the same derivation as test/system/qemu.test.ts). */
function docGraph(doc: DomainDoc): string[] {
  const names = qemuNames(doc);
  const out: string[] = [];
  for (const d of doc.disks) {
    for (const { node } of preorder(d.src)) {
      const n = names.get(node.uid)!;
      if (n.storage) out.push(`${n.storage}: ${node.type === 'block' ? 'host_device' : 'file'}`);
      if (!n.format) continue;
      out.push(`${n.format}: ${node.format}`);
      if (n.storage) out.push(`${n.format} -file-> ${n.storage}`);
      const edge = node.type === 'quorum' ? 'children' : 'backing';
      for (const b of node.backing) out.push(`${n.format} -${edge}-> ${names.get(b.uid)!.top}`);
    }
  }
  return out.sort();
}

/**
 * startQemu, tried again with a fresh QEMU when the connect is refused: the helper connects once the socket file
 * exists, and under load QEMU has sometimes bound it but not yet listened (ECONNREFUSED, seen here).
 */
async function startQemuRetrying(sockBase: string): Promise<{ qmp: Qmp; proc: ChildProcess }> {
  for (let attempt = 0; ; attempt++) {
    const mine: ChildProcess[] = [];
    try {
      const qmp = await startQemu(`${sockBase}-${attempt}.sock`, mine);
      procs.push(...mine);
      return { qmp, proc: mine[0]! };
    } catch (e) {
      for (const p of mine) p.kill('SIGKILL');
      if (attempt >= 2 || !String(e).includes('ECONNREFUSED')) throw e;
    }
  }
}

async function quit(qmp: Qmp, proc: ChildProcess): Promise<void> {
  const gone = new Promise<void>((ok) => proc.once('exit', () => ok()));
  await qmp.send({ execute: 'quit' });
  await gone;
}

interface LiveCase {
  readonly label: string;
  readonly layers: readonly Layer[];
  readonly text: (sub: string) => string;
  readonly u: string;
  readonly n: string;
  /** U's file. */
  readonly view: string;
  /** qemu-io reads (with -P) that hold for what the guest sees through U (by construction of the layers), before and after. */
  readonly reads: readonly string[];
  /** U's header names its whole chain before the rebase, so qemu-img can snapshot the view (not so for an overlay linked to a quorum by QMP only). */
  readonly headerChain: boolean;
}

const quorumText = (sub: string): string => `<disk type='quorum' device='disk'><driver name='qemu' type='quorum' threshold='1'/>
  <backingStore type='file' index='1'><driver name='qemu' type='qcow2'/><source file='${join(sub, 'a2.qcow2')}'/>
    <backingStore type='file' index='2'><driver name='qemu' type='qcow2'/><source file='${join(sub, 'a1.qcow2')}'/>
      <backingStore type='file' index='3'><driver name='qemu' type='raw'/><source file='${join(sub, 'a0.raw')}'/><backingStore/></backingStore>
    </backingStore>
  </backingStore>
  <backingStore type='file' index='4'><driver name='qemu' type='raw'/><source file='${join(sub, 'b0.raw')}'/><backingStore/></backingStore>
  <target dev='vda' bus='virtio'/></disk>`;

const overQuorumText = (sub: string): string => `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${join(sub, 'top.qcow2')}'/>
  <backingStore type='file' index='1'><driver name='qemu' type='qcow2'/><source file='${join(sub, 'x.qcow2')}'/>
    <backingStore type='quorum' index='2'><driver name='qemu' type='quorum' threshold='2'/>
      <backingStore type='file' index='3'><driver name='qemu' type='raw'/><source file='${join(sub, 'm1.raw')}'/><backingStore/></backingStore>
      <backingStore type='file' index='4'><driver name='qemu' type='raw'/><source file='${join(sub, 'm2.raw')}'/><backingStore/></backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/></disk>`;

describe.skipIf(liveMissing.length > 0)('running rebase: the printed QMP (a pull down to N) on a real QEMU', () => {
  it.each<LiveCase>([
    {
      label: 'the active layer onto base (blockpull --base; covered for pull by the libvirt conformance suite too)',
      layers: THREE,
      text: (sub) => libvirtDisk(sub, [['top.qcow2', 'qcow2'], ['mid.qcow2', 'qcow2'], ['base.qcow2', 'qcow2']]),
      u: 'vda',
      n: 'vda[3]',
      view: 'top.qcow2',
      reads: THREE_READS,
      headerChain: true,
    },
    {
      label: 'a backing layer onto base (block-stream into a read-only layer with base-node)',
      layers: [
        { name: 'top.qcow2', fmt: 'qcow2', writes: [[0x44, 192, 64]], below: 'm2.qcow2' },
        { name: 'm2.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'm1.qcow2' },
        { name: 'm1.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]], below: 'base.qcow2' },
        { name: 'base.qcow2', fmt: 'qcow2', writes: [[0x11, 0, 256]] },
      ],
      text: (sub) => libvirtDisk(sub, [['top.qcow2', 'qcow2'], ['m2.qcow2', 'qcow2'], ['m1.qcow2', 'qcow2'], ['base.qcow2', 'qcow2']]),
      u: 'vda[2]',
      n: 'vda[4]',
      view: 'm2.qcow2',
      reads: ['read -P 0x11 0 64k', 'read -P 0x22 64k 64k', 'read -P 0x33 128k 64k', 'read -P 0x11 192k 64k', 'read -P 0 256k 768k'],
      headerChain: true,
    },
    {
      label: "a quorum member's top onto the bottom of its chain (proposal; QMP only)",
      layers: [
        { name: 'a2.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'a1.qcow2' },
        { name: 'a1.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]], below: 'a0.raw' },
        { name: 'a0.raw', fmt: 'raw', writes: [[0x11, 0, 192]] },
        { name: 'b0.raw', fmt: 'raw', writes: [[0x55, 0, 64]] },
      ],
      text: quorumText,
      u: 'vda[1]',
      n: 'vda[3]',
      view: 'a2.qcow2',
      reads: THREE_READS,
      headerChain: true,
    },
    {
      label: 'an overlay onto the quorum below it (refused offline; QEMU writes a json: backing name)',
      layers: [
        { name: 'top.qcow2', fmt: 'qcow2', writes: [[0x33, 128, 64]], below: 'x.qcow2' },
        // x is linked to the quorum by QMP only (a header cannot name it), as the export does.
        { name: 'x.qcow2', fmt: 'qcow2', writes: [[0x22, 64, 64]] },
        { name: 'm1.raw', fmt: 'raw', writes: [[0x11, 0, 64]] },
        { name: 'm2.raw', fmt: 'raw', writes: [[0x11, 0, 64]] },
      ],
      text: overQuorumText,
      u: 'vda',
      n: 'vda[2]',
      view: 'top.qcow2',
      reads: THREE_READS.slice(0, 3).concat(['read -P 0 192k 832k']),
      headerChain: false,
    },
  ])('$label', async ({ layers, text, u, n, view, reads: patterns, headerChain }) => {
    const sub = newCase();
    createLayers(sub, layers);
    const doc = load(text(sub), 'running');
    const uPath = join(sub, view);
    // What the guest reads through U, from the files while no QEMU has them open (where U's header names its chain).
    const before = headerChain ? snapshotView(uPath, 'u') : null;
    if (headerChain) expect(reads(uPath, 'qcow2', patterns).status).toBe(0);
    const { req, after } = applyRebase(doc, u, n);
    const hc = hostCommands(doc, req, after);
    expect(hc.prepare).toEqual([]);
    const stream = hc.qmp.find((c) => c.execute === 'block-stream');
    expect(stream?.arguments?.['base-node']).toBe(qemuNames(doc).get(nodeAt(doc, n).uid)!.top);

    const { qmp, proc } = await startQemuRetrying(join(dir, `qmp${cases}`));
    await runQmp(qmp, exportQmp(doc));
    await runQmp(qmp, hc.qmp);
    expect(await qemuGraph(qmp)).toEqual(docGraph(after));
    // QEMU 7.2's HMP qemu-io prints to QEMU's stdout, not to the monitor: the data is checked in the files once QEMU has closed them.
    await quit(qmp, proc);

    // The header QEMU wrote names the new backing file, and the file reads as before.
    const nNode = nodeAt(doc, n);
    const info = JSON.parse(must(QEMU_IMG, ['info', '--output=json', uPath])) as ChainEntry;
    if (nNode.type === 'quorum') expect(info['backing-filename']).toMatch(/^json:\{.*"driver": "quorum"/);
    else {
      expect([info['backing-filename'], info['backing-filename-format']]).toEqual([sourceText(nNode), nNode.format]);
      expect(compare(before!, uPath).status).toBe(0);
    }
    expect(reads(uPath, 'qcow2', patterns).status).toBe(0);
  });
});
