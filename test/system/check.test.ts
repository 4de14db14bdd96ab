/**
 * strata check on real images: a 3-layer qcow2 chain made by qemu-img in a
 * scratch directory, `qemu-img info --backing-chain --output=json` of its
 * top, and a domain XML that omits the base layer and calls the middle one
 * raw. The check must find exactly those two disagreements; applying the
 * fixes it offers, through the registry, must leave nothing to find. And a
 * layer too many below the base: removed from the XML, or, with the host
 * line run through sh as printed, written into the header.
 * Skipped, with the reason, where qemu-img is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainst } from '../../src/core/check/index';
import type { CheckFinding } from '../../src/core/check/index';
import type { DomainDoc } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';
import { sourceText } from '../../src/core/numbers/names';
import { perform } from '../../src/core/operations/registry';
import { load } from '../helpers/load';
import { QEMU_IMG } from '../helpers/qmp';
import { skipNote } from '../helpers/skip';

const SUITE = 'test/system/check.test.ts';
const missing = !existsSync(QEMU_IMG);
if (missing) skipNote(SUITE, `${QEMU_IMG} not installed (scripts/system-deps.sh installs qemu-utils)`);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-check-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function qemuImg(...args: string[]): string {
  const r = spawnSync(QEMU_IMG, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`qemu-img ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function check(doc: DomainDoc, info: string): CheckFinding[] {
  const r = checkAgainst(doc, [{ name: 'info.json', text: info }]);
  if (!r.ok) throw new Error(r.message);
  return r.findings;
}

describe.skipIf(missing)('strata check against qemu-img info of a real chain', () => {
  it('the XML without the base and with the middle layer raw: exactly those two findings; the fixes leave it clean', () => {
    const [base, mid, top] = ['base.qcow2', 'mid.qcow2', 'top.qcow2'].map((f) => join(dir, f)) as [string, string, string];
    qemuImg('create', '-q', '-f', 'qcow2', base, '1M');
    qemuImg('create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', mid);
    qemuImg('create', '-q', '-f', 'qcow2', '-b', mid, '-F', 'qcow2', top);
    const info = qemuImg('info', '--backing-chain', '--output=json', '-U', top);
    const text = `<domain type='kvm'>
  <name>check</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${top}'/>
      <backingStore type='file'>
        <format type='raw'/>
        <source file='${mid}'/>
        <backingStore/>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;
    let doc = load(text);
    const midNode = preorder(doc.disks[0]!.src)[1]!.node;
    const found = check(doc, info);
    expect(found.map((f) => [f.code, f.severity, f.node, f.line, f.col])).toEqual([
      ['check-format', 'error', midNode.uid, 7, 7],
      ['check-layer-missing', 'error', midNode.uid, 7, 7],
    ]);
    expect(found[0]!.message).toContain('the XML says format raw, the tools say qcow2');
    expect(found[1]!.message).toContain(`${base} (qcow2) as the backing file of ${mid}`);
    // A raw layer takes no backing file: the insert waits for the format, and says so.
    expect(found[1]!.fix!.blocked).toContain('raw');

    const applied: string[] = [];
    for (let round = 0; round < 5; round++) {
      const f = check(doc, info).find((x) => x.fix && !x.fix.blocked);
      if (!f) break;
      const r = perform(doc, f.fix!.request);
      if (!r.ok) throw new Error(`${f.code}: ${r.reason}`);
      doc = r.doc;
      applied.push(f.code);
    }
    expect(applied).toEqual(['check-format', 'check-layer-missing']);
    expect(check(doc, info)).toEqual([]);
    const chain = preorder(doc.disks[0]!.src).map((v) => [sourceText(v.node), v.node.format]);
    expect(chain).toEqual([
      [top, 'qcow2'],
      [mid, 'qcow2'],
      [base, 'qcow2'],
    ]);
    expect(preorder(doc.disks[0]!.src)[2]!.node.end).toBe('terminated');
  });

  it('a layer too many below the base: check-layer-extra, and its host line, run through sh, makes the header agree', () => {
    const [extra, base, top] = ['x-extra.qcow2', 'x-base.qcow2', 'x-top.qcow2'].map((f) => join(dir, f)) as [string, string, string];
    qemuImg('create', '-q', '-f', 'qcow2', extra, '1M');
    qemuImg('create', '-q', '-f', 'qcow2', base, '1M');
    qemuImg('create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', top);
    const info = (): string => qemuImg('info', '--backing-chain', '--output=json', '-U', top);
    const doc = load(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${top}'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='${base}'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='${extra}'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`);
    const found = check(doc, info());
    expect(found.map((f) => [f.code, f.line])).toEqual([['check-layer-extra', 7]]);
    expect(found[0]!.host).toBe(`qemu-img rebase -u -F qcow2 -b ${extra} ${base}`);
    // The XML side: remove it; or the host side: the printed line, exactly as printed.
    const r = perform(doc, found[0]!.fix!.request);
    expect(r.ok && check(r.doc, info())).toEqual([]);
    const sh = spawnSync('sh', ['-c', found[0]!.host!], { encoding: 'utf8' });
    expect(sh.status, sh.stderr).toBe(0);
    expect(check(doc, info())).toEqual([]);
  });
});
