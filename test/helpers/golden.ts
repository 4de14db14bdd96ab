/** The golden fixtures: test/fixtures/golden/NAME/{input.xml, inspect.json, output.xml, output.<dialect>.xml}. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus';

export const GOLDEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'golden');

export function goldenNames(): string[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function goldenFile(name: string, file: string): string | null {
  const p = join(GOLDEN_DIR, name, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

/** The fixture's libvirt-dialect output (read as libvirt, or converted to it), if it has one. */
export function libvirtOutput(name: string): string | null {
  const converted = goldenFile(name, 'output.libvirt.xml');
  if (converted !== null) return converted;
  const inspect = goldenFile(name, 'inspect.json');
  if (inspect === null || (JSON.parse(inspect) as { dialect: string }).dialect !== 'libvirt') return null;
  return goldenFile(name, 'output.xml');
}
