/**
 * The import against the real tools, live: qemu-img on images it made, a
 * bare QEMU after blockdev-add of Strata's own export, and libvirt 9.0's
 * embedded QEMU driver with one running domain (virsh domblklist, domstats,
 * qemu-monitor-command). The outputs are taken once (tools.ts and
 * virshTools.ts, the same code that wrote the fixtures) and every check of
 * cases.ts runs on them; then the fixes the findings print are run, and
 * must fix what they are about. Each part skips, with its reason, where
 * its tools are missing.
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QEMU, QEMU_IMG, startQemu } from '../../helpers/qmp';
import { skipNote } from '../../helpers/skip';
import { libvirtMissing, nobodyDir } from '../../system/libvirt/session';
import { CASES } from './cases';
import type { Ctx } from './cases';
import { imported } from './shape';
import { qemuImgOutputs, qmpOutputs, run } from './tools';
import type { Outputs } from './tools';
import { virshOutputs } from './virshTools';

const SUITE = 'test/core/import/real.test.ts';
const qemuMissing = [QEMU, QEMU_IMG, '/usr/bin/qemu-io'].filter((p) => !existsSync(p));
const qemuWhy = qemuMissing.length > 0 ? `${qemuMissing.join(', ')} not installed (scripts/system-deps.sh installs qemu-utils and qemu-system-x86)` : null;
const libvirtWhy = qemuWhy ?? libvirtMissing();
if (qemuWhy) skipNote(SUITE, qemuWhy);
else if (libvirtWhy) skipNote(`${SUITE} (virsh outputs)`, `real libvirt cannot run here: ${libvirtWhy}`);

let base = '';
const procs: ChildProcess[] = [];
const outputs: Outputs = {};
let ctx: Ctx = { outputs, imgDir: '', qmpDir: '' };

beforeAll(async () => {
  if (qemuWhy) return;
  // libvirt's QEMU runs as nobody: its images live under a directory nobody owns.
  base = libvirtWhy ? mkdtempSync(join(tmpdir(), 'strata-import-')) : nobodyDir(join(tmpdir(), 'strata-libvirt', `import-${process.pid}`));
  const dir = (name: string): string => (libvirtWhy ? join(base, name) : nobodyDir(join(base, name)));
  const imgDir = dir('img');
  const qmpDir = dir('qmp');
  const qmp = await startQemu(join(base, 'qemu.sock'), procs);
  Object.assign(outputs, await qemuImgOutputs(imgDir, qmp));
  Object.assign(outputs, (await qmpOutputs(qmpDir, procs)).outputs);
  if (!libvirtWhy) Object.assign(outputs, (await virshOutputs(dir('virsh'), qmp)).outputs);
  ctx = { outputs, imgDir, qmpDir };
}, 120_000);

afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
  if (base) rmSync(base, { recursive: true, force: true });
});

describe.skipIf(qemuWhy !== null)('qemu-img and a bare QEMU, live', () => {
  for (const c of CASES.filter((x) => !x.name.startsWith('libvirt'))) it(c.name, () => c.check(ctx));
});

describe.skipIf(libvirtWhy !== null)('libvirt 9.0 with a running guest, live', () => {
  for (const c of CASES.filter((x) => x.name.startsWith('libvirt'))) it(c.name, () => c.check(ctx));
});

const info = (path: string): Record<string, unknown> => JSON.parse(run(QEMU_IMG, ['info', '-U', '--output=json', path])) as Record<string, unknown>;
/** The command a finding prints, run in sh (as a user pastes it). */
function runFix(message: string, re: RegExp): void {
  const m = re.exec(message);
  if (!m) expect.fail(`no command in: ${message}`);
  const r = spawnSync('sh', ['-c', m[1]!], { encoding: 'utf8' });
  expect(r.status, `${m[1]}\n${r.stderr}`).toBe(0);
}
const REBASE = /(qemu-img rebase -u -F '.*')\.$/;

describe.skipIf(qemuWhy !== null)('the fixes the findings print fix the images', () => {
  it('rebase -u -F records the backing format', () => {
    const r = imported(outputs, ['qemu-img/no-backing-format.json']);
    runFix(r.diagnostics.find((d) => d.code === 'import-backing-format-missing')!.message, REBASE);
    const nf = join(ctx.imgDir, 'nf.qcow2');
    expect(info(nf)['backing-filename-format']).toBe('qcow2');
    const again = imported({ f: run(QEMU_IMG, ['info', '--backing-chain', '--output=json', '-U', nf]) }, ['f']);
    expect(again.diagnostics.map((d) => d.code)).not.toContain('import-backing-format-missing');
  });

  it('rebase -u makes a relative backing name absolute, and the chain stays the same', () => {
    const r = imported(outputs, ['qemu-img/relative.json']);
    runFix(r.diagnostics.find((d) => d.code === 'import-backing-relative')!.message, REBASE);
    const rel = join(ctx.imgDir, 'sub', 'rel.qcow2');
    expect(info(rel)['backing-filename']).toBe(`${ctx.imgDir}/sub/../mid.qcow2`);
    const again = imported({ f: run(QEMU_IMG, ['info', '--backing-chain', '--output=json', '-U', rel]) }, ['f']);
    expect(again.diagnostics.map((d) => d.code)).not.toContain('import-backing-relative');
    expect(again.xml).toBe(r.xml);
  });

  it('qemu-img check -r all clears the dirty flag', () => {
    const r = imported(outputs, ['qemu-img/dirty.json']);
    runFix(r.diagnostics.find((d) => d.code === 'import-dirty')!.message, /(qemu-img check -r all '.*?') repairs/);
    expect(info(join(ctx.imgDir, 'dirty.qcow2'))['dirty-flag']).toBe(false);
  });
});
