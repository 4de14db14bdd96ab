/**
 * `strata import FILE... [--to DIALECT] [--dir DIR]`: mostly through run()
 * with an in-memory CliIO (fast), once as a child process the way a user
 * runs it, stdin included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../../src/core/io/document';
import { run } from '../../../src/cli/run';
import { strataProcess } from '../../helpers/cli';
import { FIXTURES } from './fixtures';

const F = (name: string): string => join(FIXTURES, name);

function strata(args: readonly string[], stdin?: Uint8Array | string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, {
    readInput: (file) => (file === '-' ? (stdin ?? '') : readFileSync(file)),
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

const LINE = /^(.+):(\d+):(\d+): (error|warning|info): ([a-z-]+): .+$/;

describe('strata import', () => {
  it('prints the document on stdout and the findings as FILE:LINE:COL lines on stderr', () => {
    const r = strata(['import', F('virsh/named-nodes-flat.json'), F('virsh/domblklist-details.txt')]);
    expect(r.code).toBe(0);
    const doc = loadText(r.out);
    expect(doc.ok && doc.doc.disks.length).toBe(6);
    const lines = r.err.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(LINE);
    const nf = lines.find((l) => l.includes('import-backing-format-missing'))!;
    const [, file, line] = LINE.exec(nf)!;
    expect(file).toBe(F('virsh/named-nodes-flat.json'));
    // LINE:COL point into the document printed: the disk whose header lacks the format.
    expect(r.out.split('\n')[Number(line) - 1]).toMatch(/^\s*<disk /);
    expect(r.out.split('\n')[Number(line) + 1]).toContain('nf.qcow2');
  });

  it('--to proposal converts; --dir places relative qemu-img names', () => {
    const p = strata(['import', F('qemu-img/chain.json'), '--to', 'proposal']);
    expect(p.code).toBe(0);
    expect(p.out).toContain("<backingStore type='file' index='1'>");
    const d = strata(['import', F('qemu-img/relative-cwd.json'), '--dir=/srv/images']);
    expect(d.out).toContain("<source file='/srv/images/sub/rel.qcow2'/>");
    expect(d.err).not.toContain('relative-path');
  });

  it('reads stdin as -, named <stdin> in the findings', () => {
    const r = strata(['import', '-'], readFileSync(F('qemu-img/dirty.json')));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^<stdin>:1:1: warning: import-dirty: /m);
  });

  it('exit 1 with the reason when nothing could be read; no document on stdout', () => {
    const bad = strata(['import', '-'], 'hello');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^strata: Strata cannot tell what printed <stdin>: expected JSON/);
    const missing = strata(['import', F('nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^strata: cannot read .*nope\.json/);
    const binary = strata(['import', '-'], new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(binary.err).toMatch(/it is not UTF-8 text/);
    // One unreadable file of several: no document from the rest.
    const some = strata(['import', F('qemu-img/chain.json'), F('nope.json')]);
    expect([some.code, some.out]).toEqual([1, '']);
  });

  it('usage errors exit 2', () => {
    expect(strata(['import']).code).toBe(2);
    expect(strata(['import', F('qemu-img/chain.json'), '--to', 'yaml']).code).toBe(2);
    expect(strata(['import', '-', '-']).code).toBe(2);
    expect(strata(['import', F('qemu-img/chain.json'), '--frobnicate']).code).toBe(2);
  });

  it('as a user runs it (npm run strata -- import), from a pipe', { timeout: 60_000 }, () => {
    const r = strataProcess(['import', '-'], readFileSync(F('qemu-img/chain.json')));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("<source file='/var/lib/libvirt/images/top.qcow2'/>");
    expect(r.stderr).toMatch(/^<stdin>:1:1: info: import-guessed: /);
  });
});
