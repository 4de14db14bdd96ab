/**
 * Real QEMU (domain.md §5): the exported qemu-img script creates the images
 * in a temp dir, the exported blockdev-add sequence builds the topology in a
 * `qemu-system-x86_64 -machine none` over QMP, and QEMU's node graph
 * (query-named-block-nodes + x-debug-query-block-graph) must equal the one
 * the document describes. Then each operation's generated commands run on a
 * freshly built QEMU, which must end up with the graph of the operation's
 * result. Skipped, with the reason printed, only when the binaries are missing.
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCommands } from '../../src/core/commands';
import { readOnlyUids } from '../../src/core/export/blockdev';
import { qemuNames } from '../../src/core/export/names';
import { exportQemuImg } from '../../src/core/export/qemuImg';
import { exportQmp } from '../../src/core/export/qmp';
import type { DomainDoc } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';
import { sourceText } from '../../src/core/numbers/names';
import type { OpRequest } from '../../src/core/ops/request';

import { applyOk, asRunning, exampleText, load } from '../helpers/load';
import type { Qmp } from '../helpers/qmp';
import { QEMU, QEMU_IMG, qemuGraph, runQmp, startQemu } from '../helpers/qmp';
import { skipNote } from '../helpers/skip';

const missing = [QEMU, QEMU_IMG].filter((p) => !existsSync(p));
if (missing.length > 0) skipNote('test/system/qemu.test.ts', `${missing.join(' and ')} not installed (scripts/system-deps.sh installs qemu-utils and qemu-system-x86)`);

let dir = '';
const procs: ChildProcess[] = [];
const startQemuHere = (): Promise<Qmp> => startQemu(join(dir, `qmp${procs.length}.sock`), procs);

function sh(script: string): void {
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sh failed (${r.status}): ${r.stderr}\n${script}`);
}

/** The graph the document describes (derived from the model), in the same form; backing layers are read-only. */
function docGraph(doc: DomainDoc, ro = false): string[] {
  const names = qemuNames(doc);
  const out: string[] = [];
  for (const d of doc.disks) {
    const readOnly = readOnlyUids(d.src);
    for (const { node } of preorder(d.src)) {
      const n = names.get(node.uid)!;
      const flag = ro && readOnly.has(node.uid) ? ' ro' : '';
      // A protocol node under a format node has auto-read-only, and QEMU reports it writable.
      if (n.storage) out.push(`${n.storage}: ${node.type === 'block' ? 'host_device' : 'file'}${n.format ? '' : flag}`);
      if (!n.format) continue;
      out.push(`${n.format}: ${node.format}${flag}`);
      if (n.storage) out.push(`${n.format} -file-> ${n.storage}`);
      const edge = node.type === 'quorum' ? 'children' : 'backing';
      for (const b of node.backing) out.push(`${n.format} -${edge}-> ${names.get(b.uid)!.top}`);
    }
  }
  return out.sort();
}

let cases = 0;

/**
 * The document with its paths moved into a new directory of the temp dir; `img(name)` is a path there.
 * A QEMU built from the export is a running guest, so the document is switched to running (its ids stay).
 */
function loadInScratch(text: string): { doc: DomainDoc; img: (name: string) => string } {
  const sub = join(dir, `case${cases++}`);
  const doc = load(text.replaceAll('/var/lib/libvirt/images/', `${sub}/`).replaceAll('/path/to/', `${sub}/`));
  return { doc: asRunning(doc), img: (name) => join(sub, name) };
}

const CHAIN = exampleText('mail-chain');
const QUORUM = exampleText('mail-quorum');

/** A qcow2 overlay on a quorum of two raw images and a chain (proposal dialect; members of equal size). */
const OVER_QUORUM = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/path/to/top.qcow2'/>
  <backingStore type='quorum'>
    <driver name='qemu' type='quorum' threshold='2'/>
    <backingStore type='file'><driver name='qemu' type='raw'/><source file='/path/to/m1'/><backingStore/></backingStore>
    <backingStore type='file'><driver name='qemu' type='raw'/><source file='/path/to/m2'/><backingStore/></backingStore>
    <backingStore type='file'><driver name='qemu' type='qcow2'/><source file='/path/to/m3.qcow2'/>
      <backingStore type='file'><driver name='qemu' type='raw'/><source file='/path/to/m3base'/><backingStore/></backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;

/** Runs the exported qemu-img script (as a file, the way a user would). */
function createImages(doc: DomainDoc): void {
  const script = join(dir, `create${cases}.sh`);
  writeFileSync(script, exportQemuImg(doc));
  sh(`sh '${script}'`);
}

/** A fresh QEMU with the document's images created and its topology built from the export. */
async function built(doc: DomainDoc): Promise<Qmp> {
  createImages(doc);
  const qmp = await startQemuHere();
  await runQmp(qmp, exportQmp(doc));
  return qmp;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-qemu-'));
});
afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('QEMU builds the exported topology', () => {
  it.each([
    { label: 'a plain chain (the mail)', text: CHAIN },
    { label: 'a quorum of chains (the mail)', text: QUORUM },
    { label: 'a qcow2 overlay on a quorum', text: OVER_QUORUM },
  ])('$label', async ({ text }) => {
    const { doc } = loadInScratch(text);
    const qmp = await built(doc);
    const graph = await qemuGraph(qmp, true);
    expect(graph).toEqual(docGraph(doc, true));
    expect(graph.length).toBeGreaterThan(doc.disks[0]!.src.backing.length);
  });
});

interface ImgInfo {
  readonly format: string;
  readonly 'virtual-size': number;
  readonly 'backing-filename'?: string;
  readonly 'backing-filename-format'?: string;
}

function imgInfo(path: string): ImgInfo {
  const r = spawnSync(QEMU_IMG, ['info', '-U', '--output=json', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ImgInfo;
}

describe.skipIf(missing.length > 0)('the exported qemu-img script', () => {
  it.each([
    { label: 'the mail chain', text: CHAIN },
    { label: 'the mail quorum', text: QUORUM },
    { label: 'an overlay on a quorum', text: OVER_QUORUM },
  ])('$label: each image has the format and backing file the document gives, quorum members equal sizes', ({ text }) => {
    const { doc } = loadInScratch(text);
    createImages(doc);
    for (const { node } of preorder(doc.disks[0]!.src)) {
      if (node.type === 'quorum') {
        const sizes = node.backing.map((m) => imgInfo(sourceText(m)!)['virtual-size']);
        expect(new Set(sizes).size).toBe(1);
        continue;
      }
      const info = imgInfo(sourceText(node)!);
      expect(info.format).toBe(node.format);
      const below = node.backing[0];
      const named = below && below.type !== 'quorum' ? { file: sourceText(below), format: below.format } : { file: undefined, format: undefined };
      expect({ file: info['backing-filename'], format: info['backing-filename-format'] }).toEqual(named);
    }
  });
});

type Live = { label: string; text: string; req: (img: (name: string) => string) => OpRequest };

describe.skipIf(missing.length > 0)("each operation's generated commands give QEMU the graph of the operation's result", () => {
  it.each<Live>([
    { label: 'snapshot of the chain top', text: CHAIN, req: (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('snap.qcow2') }] }) },
    { label: 'commit below the top', text: CHAIN, req: () => ({ kind: 'commit', top: 'vda[2]', base: 'vda[3]' }) },
    { label: 'active commit with pivot', text: CHAIN, req: () => ({ kind: 'commit', top: 'vda', base: 'vda[3]' }) },
    { label: 'active commit keeping the overlay', text: CHAIN, req: () => ({ kind: 'commit', top: 'vda', base: 'vda[2]', keepOverlay: true }) },
    { label: 'pull down to a base', text: CHAIN, req: () => ({ kind: 'pull', top: 'vda', base: 'vda[3]' }) },
    { label: 'pull into a backing layer', text: CHAIN, req: () => ({ kind: 'pull', top: 'vda[2]' }) },
    { label: 'shallow copy with pivot', text: CHAIN, req: (img) => ({ kind: 'copy', at: 'vda', dest: img('copy.qcow2'), shallow: true }) },
    { label: 'full copy, cancelled', text: CHAIN, req: (img) => ({ kind: 'copy', at: 'vda', dest: img('copy.qcow2'), cancel: true }) },
    { label: 'backup', text: CHAIN, req: (img) => ({ kind: 'backup', at: 'vda', dest: img('backup.qcow2') }) },
    { label: 'snapshot of two quorum members in one transaction', text: QUORUM, req: (img) => ({ kind: 'snapshot', targets: [{ at: 'hda[1]', file: img('a.snap') }, { at: 'hda[4]' }] }) },
    { label: 'snapshot of the quorum itself', text: QUORUM, req: (img) => ({ kind: 'snapshot', targets: [{ at: 'hda', file: img('q.snap') }] }) },
    { label: 'pull into a quorum member', text: QUORUM, req: () => ({ kind: 'pull', top: 'hda[2]' }) },
    { label: 'full copy of the quorum with pivot', text: QUORUM, req: (img) => ({ kind: 'copy', at: 'hda', dest: img('q.copy') }) },
    { label: 'quorum-add', text: QUORUM, req: (img) => ({ kind: 'quorum-add', at: 'hda', file: img('e') }) },
    { label: 'quorum-remove', text: QUORUM, req: () => ({ kind: 'quorum-remove', at: 'hda[4]' }) },
    { label: 'snapshot of an overlay on a quorum', text: OVER_QUORUM, req: (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('top.snap') }] }) },
  ])('$label', async ({ text, req }) => {
    const { doc, img } = loadInScratch(text);
    const request = req(img);
    const result = applyOk(doc, request);
    const hc = hostCommands(doc, request, result.doc);
    expect(hc.qmp.length).toBeGreaterThan(0);
    const qmp = await built(doc);
    if (hc.prepare.length > 0) sh(['set -eu', ...hc.prepare].join('\n'));
    await runQmp(qmp, hc.qmp);
    const graph = await qemuGraph(qmp);
    expect(graph).toEqual(docGraph(result.doc));
    // The new nodes are there by name (the graph comparison already checked their links).
    for (const uid of result.summary.added) expect(graph.map((l) => l.split(':')[0])).toContain(qemuNames(result.doc).get(uid)!.top);
  });
});
