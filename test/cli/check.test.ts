/**
 * `strata check DOC --against FILE...` as a user runs it (a child process):
 * the live XML libvirt printed, doctored, against the saved real outputs of
 * the same guest. One line per disagreement at the node's place in DOC,
 * its `fix:` and `host:` lines, the exit codes, and bad input as a message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { strataProcess as strata } from '../helpers/cli';
import { FAKE_DIR, FIXTURES } from '../core/import/fixtures';
import { DUMPXML } from '../core/check/helpers';

const T = { timeout: 60_000 };
const dir = mkdtempSync(join(tmpdir(), 'strata-check-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = (name: string): string => join(FIXTURES, name);
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('strata check', () => {
  it('a wrong format and a stale index: one line each at the node in DOC, with fix: and host: lines; exit 1', T, () => {
    const text = DUMPXML.replace(`<format type='qcow2'/>\n        <source file='${FAKE_DIR}/mid.qcow2'/>`, `<format type='qed'/>\n        <source file='${FAKE_DIR}/mid.qcow2'/>`).replace("index='10'", "index='11'");
    const doc = write('doctored.xml', text);
    const r = strata(['check', doc, '--against', out('virsh/named-nodes-flat.json'), out('qemu-img/chain.json')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${doc}:${lineOf(text, "index='7'")}:7: error: check-format: vda\\[7\\] .*the XML says format qed, the tools say qcow2`));
    expect(lines[1]).toBe('  fix: set-fields: format qcow2');
    expect(lines[2]).toBe(`  host: qemu-img rebase -u -F qed -b ${FAKE_DIR}/mid.qcow2 ${FAKE_DIR}/top.qcow2`);
    expect(lines[3]).toMatch(new RegExp(`^${doc}:${lineOf(text, "index='11'")}:7: error: check-index: `));
    expect(lines[4]).toBe('  fix: replace-text: index 10 (the live node name)');
    expect(lines).toHaveLength(5);
  });

  it('a matching document: the no-disagreement line, exit 0; info alone does not fail', T, () => {
    const r = strata(['check', out('virsh/dumpxml.xml'), '--against', out('virsh/domblklist-details.txt'), '--against', out('virsh/named-nodes-flat.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${out('virsh/dumpxml.xml')}: no disagreement with ${out('virsh/domblklist-details.txt')}, ${out('virsh/named-nodes-flat.json')}\n`);
    const open = write('open.xml', DUMPXML.replace(/\n {8}<backingStore type='file' index='8'>[\s\S]*?\n {8}<\/backingStore>/, ''));
    const info = strata(['check', open, '--against', out('qemu-img/chain.json')]);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/: info: check-layer-missing: .*libvirt will probe it/);
  });

  it('bad input: a clear message and exit 1, never a stack trace; no --against is a usage error (2)', T, () => {
    const notOutput = strata(['check', out('virsh/dumpxml.xml'), '--against', out('virsh/dumpxml.xml')]);
    expect(notOutput.status).toBe(1);
    expect(notOutput.stderr).toMatch(/^strata: .*dumpxml\.xml is XML, not a tool's output/);
    const missing = strata(['check', out('virsh/dumpxml.xml'), '--against', join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const badDoc = strata(['check', write('bad.xml', '<domain><devices>'), '--against', out('qemu-img/chain.json')]);
    expect(badDoc.status).toBe(1);
    expect(badDoc.stderr).toMatch(/bad\.xml:\d+:\d+: error: xml-malformed/);
    for (const r of [notOutput, missing, badDoc]) expect(r.stderr).not.toMatch(/\n\s+at /);
    const usage = strata(['check', out('virsh/dumpxml.xml')]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--against');
  });
});
