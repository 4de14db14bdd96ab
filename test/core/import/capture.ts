/**
 * Writes test/core/import/fixtures/ from the real tools (run as root, with
 * qemu-img, QEMU and libvirt installed): `npx tsx test/core/import/capture.ts`.
 * The outputs are saved as printed, with the scratch directory of each
 * part rewritten to /var/lib/libvirt/images, where such images usually
 * live; the unit suite (readers.test.ts) reads them, and real.test.ts
 * checks the same outputs live.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startQemu } from '../../helpers/qmp';
import { libvirtMissing, nobodyDir } from '../../system/libvirt/session';
import { qemuImgOutputs, qmpOutputs } from './tools';
import type { Outputs } from './tools';
import { virshOutputs } from './virshTools';
import { FAKE_DIR, FIXTURES } from './fixtures';


async function main(): Promise<void> {
  const missing = libvirtMissing();
  if (missing) throw new Error(`capture needs real libvirt: ${missing}`);
  const base = nobodyDir(join(tmpdir(), 'strata-libvirt', `import-capture-${process.pid}`));
  const procs: ChildProcess[] = [];
  const parts: [string, Outputs][] = [];
  try {
    const imgDir = nobodyDir(join(base, 'img'));
    const qmp = await startQemu(join(base, 'qemu.sock'), procs);
    parts.push([imgDir, await qemuImgOutputs(imgDir, qmp)]);
    const qmpDir = nobodyDir(join(base, 'qmp'));
    parts.push([qmpDir, (await qmpOutputs(qmpDir, procs)).outputs]);
    const virshDir = nobodyDir(join(base, 'virsh'));
    parts.push([virshDir, (await virshOutputs(virshDir, qmp)).outputs]);
  } finally {
    for (const p of procs) p.kill('SIGKILL');
  }
  for (const [dir, outputs] of parts) {
    for (const [file, text] of Object.entries(outputs)) {
      const path = join(FIXTURES, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text.replaceAll(dir, FAKE_DIR));
      console.log(`wrote ${file}`);
    }
  }
  rmSync(base, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
