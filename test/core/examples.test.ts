/**
 * The built-in examples read clean (no diagnostic unless the example is
 * about it), are written back unchanged, and the libvirt-dialect ones pass
 * libvirt's own schema. The first-load example is a running libvirt guest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../../src/core/check';
import { DEFAULT_EXAMPLE, EXAMPLES } from '../../src/core/examples';
import { loadText, toText } from '../../src/core/io/document';
import { derive } from '../../src/core/numbers/derive';
import { skipNote } from '../helpers/skip';

const validator = spawnSync('virt-xml-validate', ['--help'], { encoding: 'utf8' });
const HAVE_VALIDATOR = !validator.error;
if (!HAVE_VALIDATOR) skipNote('test/core/examples.test.ts (schema)', 'virt-xml-validate is missing (apt-get install libvirt-clients libxml2-utils)');
const work = mkdtempSync(join(tmpdir(), 'strata-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(EXAMPLES.map((e) => [e.id, e] as const))('example %s', (_id, e) => {
  it('has only the diagnostics it is about', () => {
    expect(checkText(e.text).diagnostics.map((d) => d.code).sort()).toEqual([...(e.expects ?? [])].sort());
  });

  it('is written back unchanged', () => {
    const r = loadText(e.text);
    if (!r.ok) throw new Error(r.error.message);
    expect(toText(r.doc)).toBe(e.text);
  });

});

/** The examples a user could define on a host as they are: libvirt dialect, a whole domain. */
const DOMAINS = EXAMPLES.filter((e) => {
  const r = loadText(e.text);
  return r.ok && r.doc.dialect === 'libvirt' && e.text.trimStart().startsWith('<domain');
});

describe.each(DOMAINS.map((e) => [e.id, e] as const))('libvirt example %s', (_id, e) => {
  it.skipIf(!HAVE_VALIDATOR)("passes libvirt's schema", () => {
    const file = join(work, `${e.id}.xml`);
    writeFileSync(file, e.text);
    const v = spawnSync('virt-xml-validate', [file, 'domain'], { encoding: 'utf8' });
    expect(`${v.stdout}${v.stderr}`).toContain('validates');
    expect(v.status).toBe(0);
  });
});

it('there are libvirt domain examples to validate', () => {
  expect(DOMAINS.map((e) => e.id)).toContain(DEFAULT_EXAMPLE.id);
});

describe('the first-load example', () => {
  it('is a running libvirt guest with a short chain and a cdrom, ids as libvirt gave them', () => {
    const r = loadText(DEFAULT_EXAMPLE.text);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.doc).toMatchObject({ dialect: 'libvirt', state: 'running' });
    const disks = derive(r.doc).disks.map((d) => `${d.target}:${d.nodes.map((n) => n.id).join(',')}`);
    // libvirt 9.0: disks numbered last to first at start (sda 1, vda 2 3), the live snapshot's overlay took 4.
    expect(disks).toEqual(['vda:4,2,3', 'sda:1']);
  });
});
