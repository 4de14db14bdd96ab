/** The saved outputs of test/core/import/fixtures/ (written by capture.ts), by their path there. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outputs } from './tools';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The directory capture.ts rewrote every scratch path to. */
export const FAKE_DIR = '/var/lib/libvirt/images';

export function fixtures(): Outputs {
  const out: Outputs = {};
  for (const part of readdirSync(FIXTURES)) {
    for (const f of readdirSync(join(FIXTURES, part))) out[`${part}/${f}`] = readFileSync(join(FIXTURES, part, f), 'utf8');
  }
  return out;
}

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
